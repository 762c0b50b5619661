// Rules 13 and 15: the guards on serving notice, in their order of checks. A red-flag exit waives
// cooling-off and receivables (rule 9); an admin's override lifts all three (rule 21).
import type { RefusalCode } from '../model';
import type { RelationshipState } from '../state';
import { HOUR_MS, iso, ms } from '../time';
import type { DomainPolicy } from './default-policy';
import { openInvoiceIds } from './late-payments';

export type NoticeGuard = Extract<RefusalCode, 'cooling_off' | 'contract_not_reviewed' | 'receivables_outstanding'>;

export const coolingOffEndsAt = (proposedAt: string, p: DomainPolicy): string => iso(ms(proposedAt) + p.coolingOffHours * HOUR_MS);

const GUARD_MESSAGES: Record<NoticeGuard, (s: RelationshipState) => string> = {
  cooling_off: (s) => `Cooling-off runs until ${s.notice?.coolingOffEndsAt}: take emotion out before serving notice.`,
  contract_not_reviewed: () => 'The contract has not been reviewed with termination allowed.',
  receivables_outstanding: (s) => `Invoices are still unpaid (${openInvoiceIds(s).join(', ')}): collect before serving notice.`,
};

/** The guards that stand in the way of serving notice at `atMs`, in the order they are checked. */
export function noticeGuardsAt(s: RelationshipState, atMs: number): NoticeGuard[] {
  const n = s.notice;
  const guards: NoticeGuard[] = [];
  const redFlag = n?.redFlagExit === true;
  if (!redFlag && n?.coolingOffEndsAt && atMs < ms(n.coolingOffEndsAt)) guards.push('cooling_off');
  if (n?.review?.terminationAllowed !== true) guards.push('contract_not_reviewed');
  if (!redFlag && openInvoiceIds(s).length > 0) guards.push('receivables_outstanding');
  return guards;
}

export const guardMessage = (guard: NoticeGuard, s: RelationshipState): string => GUARD_MESSAGES[guard](s);

/**
 * The notice period (rule 15): the command's, else the contract's, else the default. Rule 30:
 * outside a red-flag exit a contract's 0 days is no notice period, and the default applies.
 */
export function noticeDaysFor(s: RelationshipState, requested: unknown, p: DomainPolicy): number {
  if (typeof requested === 'number') return requested;
  const contract = s.settings.contractNoticeDays;
  if (contract === 0 && p.zeroContractNoticeUsesDefault && s.notice?.redFlagExit !== true) return p.defaultNoticeDays;
  return contract ?? p.defaultNoticeDays;
}

/** Rule 15: the client should hear it in person, by video or by phone. */
export const channelWarning = (channel: string): string | null =>
  channel === 'email' || channel === 'text' ? `Notice served by ${channel}: meet in person, by video or by phone where possible.` : null;
