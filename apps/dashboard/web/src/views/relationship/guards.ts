// Why a step is blocked and until when, from the notice tracker's entry for this relationship.
// The engine still decides; this only explains before the click.
import type { NoticeEntry } from '../../api/shapes';
import { receivablesInWords } from '../../words/money';
import { dateTimeInWords, isFuture, timeUntil } from '../../words/time';

/** What stands between this relationship and serving notice (policy rule 15, in its order). */
export function serveNoticeGuards(n: NoticeEntry | undefined, now = new Date()): string[] {
  if (!n || n.redFlagExit) return [];
  const guards: string[] = [];
  if (n.coolingOffEndsAt && isFuture(n.coolingOffEndsAt, now)) {
    guards.push(`Cooling-off ends in ${timeUntil(n.coolingOffEndsAt, now)} (${dateTimeInWords(n.coolingOffEndsAt)}): take the emotion out before telling the client.`);
  }
  if (!n.contractReviewed) guards.push('Contract not reviewed: check it allows ending the relationship.');
  else if (!n.terminationAllowed) guards.push('The contract review found that ending it is not allowed yet.');
  const open = receivablesInWords(n.openReceivables);
  if (open) guards.push(`${open}: collect before telling the client.`);
  return guards;
}

/** Closing contact needs every other required step first (policy rule 17). */
export function closeContactGuards(n: NoticeEntry | undefined): string[] {
  const open = (n?.checklist.open ?? []).filter((s) => s !== 'contact_closed');
  return open.length ? [`${open.length} checklist step${open.length === 1 ? '' : 's'} still open before contact can be closed.`] : [];
}
