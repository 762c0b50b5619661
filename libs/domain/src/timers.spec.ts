import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy/default-policy';
import { timersFor } from './timers';
import { command, date, day, given, History, opened, signal } from './testing';

const timers = (o: { state: unknown }) => timersFor(o.state as never, DEFAULT_POLICY);

describe('timers', () => {
  it('a reply window per sent message, an invoice due per open invoice, with ids naming the signal that started them', () => {
    const o = given(opened(), signal('invoice.issued', { on: day(1), id: 'inv-1', source: 'billing', data: { invoiceId: 'I-1', amount: 1, dueOn: date(10) } }))
      .when(signal('message.sent', { on: day(2), id: 'sent-1', data: { messageId: 'm1', channel: 'email' } })).then();
    expect(timers(o)).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'acme/reply/m1/crm/sent-1', type: 'reply_window', dueAt: '2025-03-07T10:00:00.000Z', data: { messageId: 'm1' } }),
      expect.objectContaining({ id: 'acme/due/I-1/billing/inv-1', type: 'invoice_due', dueAt: `${date(11)}T00:00:00.000Z`, data: { invoiceId: 'I-1' } }),
    ]));
  });
  it('a reply removes its window; a fired timer is not listed again', () => {
    const o = given(opened(), signal('message.sent', { on: day(2), data: { messageId: 'm1', channel: 'email' } }), signal('message.sent', { on: day(2), data: { messageId: 'm2', channel: 'email' } }))
      .when(signal('message.replied', { on: day(3), data: { messageId: 'm1' } }), { until: day(6) }).then();
    expect(timers(o).map((t) => t.id)).toEqual([]);
  });
  it('cooling-off end, repair review, notice end and the fading check', () => {
    const proposed = given(opened()).when(command('termination.propose', { on: day(1), data: { reason: 'x' } })).then();
    expect(timers(proposed)).toEqual([expect.objectContaining({ type: 'cooling_off_end', dueAt: '2025-03-07T10:00:00.000Z' })]);
    const repairing = given(opened(), signal('dishonesty.detected', { on: day(1) }))
      .when(command('repair.start', { on: day(2), data: { strategy: 'new_contract', ownerId: 'u', reviewOn: date(9) } })).then();
    expect(timers(repairing)).toEqual([expect.objectContaining({ type: 'repair_review', dueAt: `${date(10)}T00:00:00.000Z` })]);
    const slow = [1, 1, 2, 2, 3, 3].map((n, i) => signal(i % 2 ? 'scope.changed' : 'price.pressure', { on: day(n, `1${i}:00`) }));
    const atRisk = given(opened(), ...slow.slice(0, 5)).when(slow[5]).then();
    const fade = timers(atRisk).find((t) => t.type === 'fading_check')!;
    expect(fade.id).toBe(`acme/fade/${fade.dueAt.slice(0, 10)}`);
    expect(fade.dueAt.endsWith('T00:00:00.000Z')).toBe(true);
  });
});

// The runtime keys a fired timer as `timer:<id>` and treats the same id again as a duplicate;
// History does the same, so a timer that reused an id would never fire here either.
describe('timers of a reused message or invoice id', () => {
  const sent = (id: string, n: number) => signal('message.sent', { on: day(n), id, data: { messageId: 'm1', channel: 'email' } });
  const issued = (id: string, n: number, due: number) => signal('invoice.issued', { on: day(n), id, data: { invoiceId: 'I-1', amount: 1, dueOn: date(due) } });
  const eventsOf = (h: History, type: string) => h.streams.get('acme')!.filter((e) => e.type === type);

  it('a messageId sent again after its first window ran out gets a window of its own, and it fires', () => {
    const h = new History();
    [opened(), sent('first', 1)].forEach((r) => h.record(r));
    h.advanceTo(day(4));
    h.record(sent('second', 5));
    h.advanceTo(day(8));
    expect(eventsOf(h, 'MessageUnanswered').map((e) => [e.data.signalId, e.causedBy.id, Date.parse(String(e.data.windowEndedAt))]))
      .toEqual([['first', 'acme/reply/m1/crm/first', Date.parse(day(3))], ['second', 'acme/reply/m1/crm/second', Date.parse(day(7))]]);
  });

  it('an invoiceId issued again after the first was paid late turns late again when unpaid', () => {
    const h = new History();
    [opened(), issued('first', 1, 3)].forEach((r) => h.record(r));
    h.advanceTo(day(5));
    [signal('invoice.paid', { on: day(6), data: { invoiceId: 'I-1', amount: 1, paidOn: date(6) } }), issued('second', 10, 12)].forEach((r) => h.record(r));
    h.advanceTo(day(20));
    expect(eventsOf(h, 'PaymentCountedLate').map((e) => [e.data.signalId, e.data.how])).toEqual([['first', 'unpaid_at_due'], ['second', 'unpaid_at_due']]);
  });
});
