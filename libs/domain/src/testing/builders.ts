// Signals built in the domain's words, for the specs: invoices issued and paid, messages sent and
// answered, periods closed, hours logged. Times default to 10:00Z on the day given.
import { signal, type Raw } from './given';

const at = (dateOrInstant: string): string => (dateOrInstant.length === 10 ? `${dateOrInstant}T10:00:00Z` : dateOrInstant);

/** `invoice.issued` for `amount`, due on `dueOn`, issued at `on`. */
export const invoiceIssued = (invoiceId: string, amount: number, dueOn: string, on: string, relationshipId = 'acme'): Raw =>
  signal('invoice.issued', { on: at(on), source: 'billing', relationshipId, data: { invoiceId, amount, dueOn } });

/** `invoice.paid` of `amount` on `paidOn`, reported at `on` (default: that day). */
export const invoicePaid = (invoiceId: string, amount: number, paidOn: string, on = paidOn, relationshipId = 'acme'): Raw =>
  signal('invoice.paid', { on: at(on), source: 'billing', relationshipId, data: { invoiceId, amount, paidOn } });

export const messageSent = (messageId: string, on: string, relationshipId = 'acme'): Raw =>
  signal('message.sent', { on: at(on), source: 'mail', relationshipId, data: { messageId, channel: 'email' } });

export const periodClosed = (on: string, revenue: number, cost: number, relationshipId = 'acme'): Raw =>
  signal('period.closed', { on: at(on), source: 'finance', relationshipId, data: { period: at(on).slice(0, 7), revenue, cost } });

export const hoursLogged = (hours: number, on: string, relationshipId = 'acme'): Raw =>
  signal('time.logged', { on: at(on), source: 'timesheets', relationshipId, data: { hours } });
