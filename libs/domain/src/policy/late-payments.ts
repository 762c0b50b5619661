// Rule 2: three late payments within 90 days → at_risk. An invoice still unpaid when its due day
// has passed is late at that moment (a timer) and is not counted again when paid.
import { entryOf } from '../keyed';
import type { FoldedState } from '../state';
import type { DomainPolicy } from './default-policy';
import { countWithin, within } from './windows';

export const latePaymentsWithin = (s: FoldedState, atMs: number, p: DomainPolicy) => within(s.latePayments, atMs, p.latePayments.windowDays);

export const latePaymentsHold = (s: FoldedState, atMs: number, p: DomainPolicy): boolean =>
  countWithin(s.latePayments, atMs, p.latePayments.windowDays) >= p.latePayments.count;

/** How an `invoice.paid` is judged: late (and not yet counted), on time (a good sign), or unknown invoice. */
export function paymentVerdict(s: FoldedState, invoiceId: string, paidOn: string): 'late' | 'on_time' | 'already_counted' | 'unknown' {
  const invoice = entryOf(s.invoices, invoiceId);
  if (!invoice) return 'unknown';
  if (invoice.countedLate) return 'already_counted';
  return paidOn > invoice.dueOn ? 'late' : 'on_time';
}
