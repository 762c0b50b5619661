// The durable timers a state wants pending (policy rules 3, 2, 13, 12, 18, 10). Ids are
// deterministic; once a timer's input has been decided and folded, its id is never listed again,
// and a timer whose condition is gone simply drops out of the list.
import type { Policy, RelationshipState } from './api';
import type { TimerSpec } from './model';
import { invoiceDueAt } from './policy/late-payments';
import { nextFadingCheckAt } from './policy/fading';
import { policyOf } from './policy/resolve';
import { replyWindowEndsAt } from './policy/unanswered-messages';
import type { FoldedState } from './state';
import { datePassesAt, dayOf, iso, ms } from './time';

export const TIMER_TYPES = ['reply_window', 'invoice_due', 'cooling_off_end', 'repair_review', 'notice_end', 'fading_check'] as const;
export type TimerType = (typeof TIMER_TYPES)[number];

function spec(s: FoldedState, path: string, type: TimerType, dueMs: number, data: Record<string, unknown>): TimerSpec {
  return { id: `${s.relationshipId}/${path}`, type, relationshipId: s.relationshipId, dueAt: iso(dueMs), data };
}

export function pendingTimers(s: FoldedState, policy: Policy): TimerSpec[] {
  if (s.lifecycle === 'offboarded') return [];
  const p = policyOf(policy);
  const timers: TimerSpec[] = [];
  for (const [messageId, message] of Object.entries(s.pendingMessages)) {
    timers.push(spec(s, `reply/${messageId}`, 'reply_window', replyWindowEndsAt(s, message), { messageId }));
  }
  for (const [invoiceId, invoice] of Object.entries(s.invoices)) {
    if (!invoice.countedLate) timers.push(spec(s, `due/${invoiceId}`, 'invoice_due', invoiceDueAt(invoice), { invoiceId }));
  }
  const n = s.notice;
  if (s.lifecycle === 'notice' && n) {
    if (s.phase === 'preparing' && n.coolingOffEndsAt && !n.coolingOffRecorded && !n.redFlagExit) {
      timers.push(spec(s, `cooling-off/${n.proposalId}`, 'cooling_off_end', ms(n.coolingOffEndsAt), {}));
    }
    if (s.phase === 'served' && n.endsAt && !n.endRecorded) {
      timers.push(spec(s, `notice-end/${n.endsAt}`, 'notice_end', ms(n.endsAt), {}));
    }
  }
  if (s.lifecycle === 'repair_attempt' && s.repair && !s.repair.reviewRecorded) {
    timers.push(spec(s, `review/${s.repair.commandId}`, 'repair_review', datePassesAt(s.repair.reviewOn), { reviewOn: s.repair.reviewOn }));
  }
  if (s.lifecycle === 'at_risk') {
    const checkedUntil = s.fadeCheckedOn ? ms(`${s.fadeCheckedOn}T00:00:00Z`) : -Infinity;
    const due = nextFadingCheckAt(s, Math.max(ms(s.lastAt), checkedUntil), p);
    if (due !== null) timers.push(spec(s, `fade/${dayOf(due)}`, 'fading_check', due, { day: dayOf(due) }));
  }
  return timers;
}

export function timersFor(state: RelationshipState, policy: Policy): TimerSpec[] {
  return pendingTimers(state as unknown as FoldedState, policy);
}

/** The earliest timer due at or before `atMs`, if any (ties: the order of the list). */
export function firstDue(s: FoldedState, atMs: number, policy: Policy): TimerSpec | null {
  let first: TimerSpec | null = null;
  for (const t of pendingTimers(s, policy)) {
    const due = ms(t.dueAt);
    if (due <= atMs && (!first || due < ms(first.dueAt))) first = t;
  }
  return first;
}

