// Rule 2: three late payments within 90 days → at_risk. An invoice still unpaid when its due day
// has passed is late at that moment (a timer) and is not counted again when paid.
// Rule 27: payments add up per invoice; the one that reaches the issued amount settles it, and
// lateness is judged by its paidOn (or by the due date passing while the invoice is open), once.
import type { PaymentRecord } from '../events';
import { entryOf } from '../keyed';
import type { RelationshipState } from '../state';
import type { DomainPolicy } from './default-policy';
import { countWithin, within } from './windows';

export const latePaymentsWithin = (s: RelationshipState, atMs: number, p: DomainPolicy) => within(s.latePayments, atMs, p.latePayments.windowDays);

export const latePaymentsHold = (s: RelationshipState, atMs: number, p: DomainPolicy): boolean =>
  countWithin(s.latePayments, atMs, p.latePayments.windowDays) >= p.latePayments.count;

/** Invoices issued and not settled (the receivables guard of rule 15, the notice tracker). */
export const openInvoiceIds = (s: RelationshipState): string[] => Object.keys(s.invoices).filter((id) => !entryOf(s.invoices, id)?.settled);

export type PaymentVerdict =
  /** Settles it after its due date; counted late when the due date passes (it has not yet, or the timer would have counted it). */
  | 'late'
  /** Settles it on or before its due date: a good sign (rule 5). */
  | 'on_time'
  /** Settles an invoice already counted late. */
  | 'already_counted'
  /** Does not reach the issued amount yet (rule 27). */
  | 'partial'
  /** An invoice never issued, or already settled: recorded, nothing else (rule 27). */
  | 'unknown';

export interface JudgedPayment { verdict: PaymentVerdict; record?: PaymentRecord }

/** How an `invoice.paid` is judged, and what it does to the invoice. */
export function judgePayment(s: RelationshipState, invoiceId: string, amount: number, paidOn: string, p: DomainPolicy): JudgedPayment {
  const invoice = entryOf(s.invoices, invoiceId);
  if (!invoice || invoice.settled) return { verdict: 'unknown' };
  const paid = invoice.paid + (Number.isFinite(amount) ? amount : 0);
  const settles = !p.latePayments.paymentsAddUp || paid >= invoice.amount;
  const late = paidOn > invoice.dueOn;
  const verdict: PaymentVerdict = !settles ? 'partial' : invoice.countedLate ? 'already_counted' : late ? 'late' : 'on_time';
  return { verdict, record: { invoiceId, paid, settles, awaitsDue: verdict === 'late' } };
}
