import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy/default-policy';
import { timersFor } from './timers';
import { command, date, day, given, opened, signal } from './testing';

const timers = (o: { state: unknown }) => timersFor(o.state as never, DEFAULT_POLICY);

describe('timers', () => {
  it('a reply window per sent message, an invoice due per open invoice, with deterministic ids', () => {
    const o = given(opened(), signal('invoice.issued', { on: day(1), data: { invoiceId: 'I-1', amount: 1, dueOn: date(10) } }))
      .when(signal('message.sent', { on: day(2), data: { messageId: 'm1', channel: 'email' } })).then();
    expect(timers(o)).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'acme/reply/m1', type: 'reply_window', dueAt: '2025-03-07T10:00:00.000Z' }),
      expect.objectContaining({ id: 'acme/due/I-1', type: 'invoice_due', dueAt: `${date(11)}T00:00:00.000Z` }),
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
