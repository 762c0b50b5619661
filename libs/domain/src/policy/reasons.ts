// Reasons (policy.md, "Reasons"): what each code says, and how a new sign joins the list.
import type { Reason, ReasonCode } from '../model';
import { ms } from '../time';

const SIGNAL_IDS_KEPT = 20;

export const REASON_MESSAGES: Record<ReasonCode, string> = {
  physical_abuse: 'Physical abuse or threats were reported.',
  verbal_abuse: 'Verbal or mental abuse was reported.',
  dishonesty: 'The client was caught lying.',
  unreasonable_demands: 'The client makes demands that cannot be met.',
  legal_risk: 'Continuing would expose the agency to legal liability.',
  late_payments: 'Invoices are paid late or left unpaid past their due date.',
  invoice_disputes: 'The client disputes invoices.',
  price_pressure: "The client uses competitors' prices against agreed work.",
  scope_changes: 'The client keeps changing the scope.',
  ignored_advice: 'The client ignores advice and expects rescue.',
  rejected_recommendations: 'The client rejects recommendations.',
  unanswered_messages: 'Messages go unanswered beyond the agreed response window.',
  missed_meetings: 'Meetings are missed or held unprepared.',
  off_hours_messages: 'The client writes outside the agreed hours.',
  losing_money: 'The relationship loses money.',
  negative_feedback: 'Feedback is negative or indecisive.',
  disrespect: 'The client shows little respect.',
  negative_attitude: 'The client has a negative attitude.',
  repeat_offender: 'The relationship keeps coming back to at risk.',
};

/** Rule 1 reasons (and the red flags of rule 7) never fade by themselves (rule 10). */
export const LASTING_REASONS: ReadonlySet<ReasonCode> = new Set([
  'verbal_abuse', 'dishonesty', 'unreasonable_demands', 'invoice_disputes', 'physical_abuse', 'legal_risk',
]);

export const reasonOf = (code: ReasonCode, since: string, signalIds: string[]): Reason =>
  ({ code, message: REASON_MESSAGES[code], since, signalIds: signalIds.slice(-SIGNAL_IDS_KEPT) });

/** The list with one more sign behind `code` (a new list; the old one is never changed). */
export function withSign(reasons: Reason[], code: ReasonCode, since: string, signalIds: string[]): Reason[] {
  const i = reasons.findIndex((r) => r.code === code);
  if (i < 0) return [...reasons, reasonOf(code, since, signalIds)];
  const old = reasons[i];
  const ids = [...old.signalIds, ...signalIds.filter((id) => !old.signalIds.includes(id))];
  const updated = reasonOf(code, ms(since) < ms(old.since) ? since : old.since, ids);
  return reasons.map((r, j) => (j === i ? updated : r));
}

/** Joins two lists, code by code. */
export const joined = (a: Reason[], b: Reason[]): Reason[] => b.reduce((acc, r) => withSign(acc, r.code, r.since, r.signalIds), a);
