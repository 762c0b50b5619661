// Signs that are counted when a window runs out (rules 2 and 3), whether a timer or a late
// payment notices it: each is dated at the moment it happened.
import { entryOf } from '../keyed';
import type { InputRef } from '../model';
import { withSign } from '../policy/reasons';
import { iso } from '../time';
import type { Decider } from './decider';
import { afterWarning } from './risk';

const joinedWhileAtRisk = (d: Decider, code: 'late_payments' | 'unanswered_messages', since: string, signalId: string) =>
  d.state.lifecycle === 'healthy' ? {} : { reasons: withSign(d.state.reasons, code, since, [signalId]) };

export function countLatePayment(d: Decider, invoiceId: string, at: string, cause: InputRef, how: 'unpaid_at_due' | 'paid_after_due'): void {
  const invoice = entryOf(d.state.invoices, invoiceId);
  const issuedSignalId = invoice?.signalId ?? cause.id;
  const dueAt = invoice ? iso(invoice.dueAt) : at;
  d.emit('PaymentCountedLate', at, cause, {
    invoiceId, dueOn: invoice?.dueOn ?? null, dueAt, signalId: issuedSignalId, how, ...joinedWhileAtRisk(d, 'late_payments', dueAt, issuedSignalId),
  });
  afterWarning(d, at, cause, null);
}

export function countUnanswered(d: Decider, messageId: string, at: string, cause: InputRef): void {
  const message = entryOf(d.state.pendingMessages, messageId);
  if (!message) return;
  const windowEndedAt = iso(message.repliesBy);
  d.emit('MessageUnanswered', at, cause, {
    messageId, sentAt: iso(message.sentAt), windowEndedAt, signalId: message.signalId, ...joinedWhileAtRisk(d, 'unanswered_messages', windowEndedAt, message.signalId),
  });
  afterWarning(d, at, cause, null);
}
