// Money as the page says it. Amounts carry no currency in the contract: they are shown as numbers.
import type { OpenReceivable } from '../api/shapes';

const amount = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const amountInWords = (value: number): string => amount.format(value);

/** What remains open of the invoices not yet settled (policy rule 27), or null when none is open. */
export function receivablesInWords(open: readonly OpenReceivable[]): string | null {
  if (open.length === 0) return null;
  const remaining = open.reduce((sum, r) => sum + r.remaining, 0);
  const issued = open.reduce((sum, r) => sum + r.amount, 0);
  const invoices = `${open.length} invoice${open.length === 1 ? '' : 's'}`;
  return remaining === issued ? `${amountInWords(remaining)} open on ${invoices}` : `${amountInWords(remaining)} of ${amountInWords(issued)} still open on ${invoices}`;
}
