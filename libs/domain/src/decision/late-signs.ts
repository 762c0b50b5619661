// Signs that are counted when a window runs out (rules 2 and 3): each is dated at the moment it
// happened (the due date passing, the reply window running out) and, under rule 24, weighs.
import { entryOf } from '../keyed';
import type { InputRef } from '../events/values';
import { withSign } from '../policy/reasons';
import { countedWeight } from '../policy/warning-signs';
import { iso, ms } from '../time';
import type { Decider } from './decider';
import { afterWarning, recordedRiskAfter } from './risk';

const joinedWhileAtRisk = (d: Decider, code: 'late_payments' | 'unanswered_messages', since: string, signalId: string) =>
  d.state.lifecycle === 'healthy' ? {} : { reasons: withSign(d.state.reasons, code, since, [signalId]) };

/** The weight and the new score of a counted sign, for its event. */
function weighed(d: Decider, code: 'late_payments' | 'unanswered_messages', at: string) {
  const weight = countedWeight(code, d.policy);
  return weight > 0 ? { weight, risk: recordedRiskAfter(d, ms(at), at, { weight }) } : {};
}

/** Counted when the invoice's due date passes (its timer), whether it is still open or was paid after its due date. */
export function countLatePayment(d: Decider, invoiceId: string, at: string, cause: InputRef, how: 'unpaid_at_due' | 'paid_after_due'): void {
  const invoice = entryOf(d.state.invoices, invoiceId);
  const issuedSignalId = invoice?.signalId ?? cause.id;
  const dueAt = invoice ? iso(invoice.dueAt) : at;
  d.emit(at, cause, { type: 'PaymentCountedLate', data: {
    invoiceId, dueOn: invoice?.dueOn ?? null, dueAt, signalId: issuedSignalId, how,
    ...weighed(d, 'late_payments', at), ...joinedWhileAtRisk(d, 'late_payments', dueAt, issuedSignalId),
  } });
  afterWarning(d, at, cause, null);
}

export function countUnanswered(d: Decider, messageId: string, at: string, cause: InputRef): void {
  const message = entryOf(d.state.pendingMessages, messageId);
  if (!message) return;
  const windowEndedAt = iso(message.repliesBy);
  d.emit(at, cause, { type: 'MessageUnanswered', data: {
    messageId, sentAt: iso(message.sentAt), windowEndedAt, signalId: message.signalId,
    ...weighed(d, 'unanswered_messages', at), ...joinedWhileAtRisk(d, 'unanswered_messages', windowEndedAt, message.signalId),
  } });
  afterWarning(d, at, cause, null);
}
