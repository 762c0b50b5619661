import { describe, expect, it } from 'vitest';
import { decide, idempotencyKeyOf } from './decide';
import { evolve } from './evolve';
import { parseInput } from './catalogue';
import { DEFAULT_POLICY } from './policy/default-policy';
import { timersFor } from './timers';
import { viewOf } from './view';
import type { Input } from './inputs';
import type { RelationshipState } from './state';
import { accepted, command, date, day, given, History, opened, reasonsInclude, recorded, refused, scoreIs, signal, stateIs } from './testing';

const parsed = (raw: Record<string, unknown>): Input => {
  const r = parseInput(raw);
  if (!r.ok) throw new Error(r.refusal.message);
  return r.input;
};

describe('policy 20: shape, then existence, then the actor, then the rules', () => {
  it('a viewer is forbidden', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }))
      .when(command('termination.propose', { on: day(2), role: 'viewer', data: { reason: 'x' } })).then(refused('forbidden')));
  it('an admin of another team is forbidden', () =>
    given(opened()).when(command('termination.propose', { on: day(2), role: 'admin', teamId: 'team-south', data: { reason: 'x' } })).then(refused('forbidden')));
  it('relationship.open checks the actor against data.teamId', () =>
    given().when({ ...opened('new'), actor: { id: 'u', teamId: 'team-south', role: 'manager' } }).then(refused('forbidden')));
  it('existence comes before the actor', () =>
    given().when(command('termination.propose', { relationshipId: 'ghost', role: 'viewer', data: { reason: 'x' } })).then(refused('not_found')));
  it('shape comes before existence', () =>
    given().when(command('termination.propose', { relationshipId: 'ghost', data: {} })).then(refused('invalid_command', 'data.reason')));
  it('the actor comes before the state rules', () =>
    given(opened()).when(command('notice.serve', { on: day(2), role: 'viewer', data: { reason: 'x', channel: 'video' } })).then(refused('forbidden')));
  it('a viewer opening an existing id is forbidden before wrong_state', () =>
    given(opened()).when({ ...opened('acme'), actor: { id: 'u', teamId: 'team-north', role: 'viewer' } }).then(refused('forbidden')));
});

describe('policy 20: a command decides with the fields its type declares, whatever else it carries', () => {
  // Unknown fields in `data` pass the catalogue (the contract tolerates them) and are kept with the
  // command as given; they must never reach the facts that evolve reads, or a client could write
  // its own score or reasons.
  const redFlagged = [opened(), signal('dishonesty.detected', { on: day(1) })];
  it('a risk or reasons field sent with termination.propose changes neither', () =>
    given(...redFlagged)
      .when(command('termination.propose', { on: day(2), data: { reason: 'x', risk: { value: 0, at: day(2) }, reasons: [] } }))
      .then(accepted, stateIs('notice', 'preparing'), reasonsInclude('dishonesty'), scoreIs((s) => s > 90, 'above 90'),
        recorded('TerminationProposed', (d) => !('risk' in d) && d.reason === 'x')));
  it('a transition field sent with repair.start is not the one recorded', () =>
    given(...redFlagged)
      .when(command('repair.start', { on: day(2), data: { strategy: 'check_in_call', ownerId: 'u-1', reviewOn: date(9), transition: { from: 'x', to: 'y' }, reasons: [] } }))
      .then(accepted, stateIs('repair_attempt'), reasonsInclude('dishonesty'),
        recorded('RepairStarted', (d) => !('reasons' in d) && (d.transition as { to: { state: string } }).to.state === 'repair_attempt')));
});

describe('policy 21: overrides', () => {
  const proposed = [opened(), signal('invoice.issued', { on: day(0, '12:00'), data: { invoiceId: 'I-1', amount: 9, dueOn: date(40) } }),
    command('termination.propose', { on: day(1), data: { reason: 'x' } })];
  const serve = (o: { role: 'admin' | 'manager'; override?: string }) => command('notice.serve', { on: day(2), data: { reason: 'x', channel: 'phone' }, ...o });
  it('an admin override lifts cooling-off, review and receivables, recorded with who and why', () =>
    given(...proposed).when(serve({ role: 'admin', override: 'Approved by the director.' }))
      .then(stateIs('notice', 'served'), (o) => {
        const e = o.events.find((x) => x.type === 'GuardOverridden')!;
        expect(e.data).toMatchObject({ guards: ['cooling_off', 'contract_not_reviewed', 'receivables_outstanding'], reason: 'Approved by the director.', by: { role: 'admin' } });
      }));
  it("a manager's override is ignored", () => given(...proposed).when(serve({ role: 'manager', override: 'Please.' })).then(refused('cooling_off')));
});

describe('policy 22: duplicates have no further effect', () => {
  it('the same signal twice is accepted once and not reported as refused', () => {
    const h = new History();
    h.record(opened());
    const s = signal('dishonesty.detected', { on: day(1), id: 'dup', source: 'crm' });
    expect(h.record(s).decision.outcome).toBe('accepted');
    expect(h.record(s).decision.outcome).toBe('duplicate');
    expect(h.streams.get('acme')!.filter((e) => e.type === 'SignalRecorded')).toHaveLength(1);
  });
  it('the key is source + id for signals, id for commands and timers', () => {
    expect(idempotencyKeyOf(parsed(signal('meeting.missed', { id: 'x', source: 'cal' })))).toBe('signal:["cal","x"]');
    expect(idempotencyKeyOf(parsed(command('notice.withdraw', { id: 'c1', data: { reason: 'x' } })))).toBe('command:c1');
    expect(idempotencyKeyOf({ kind: 'timer', id: 'acme/fade/2025-01-01', type: 'fading_check', relationshipId: 'acme', dueAt: day(1), data: {} })).toBe('timer:acme/fade/2025-01-01');
  });
  it('policy 22: two signals whose source and id only join to the same text are two inputs', () => {
    const h = new History();
    h.record(opened());
    const first = signal('meeting.missed', { on: day(1), id: 'a:1', source: 'crm' });
    const second = signal('abuse.physical', { on: day(2), id: '1', source: 'crm:a' });
    expect(idempotencyKeyOf(parsed(first))).not.toBe(idempotencyKeyOf(parsed(second)));
    expect(h.record(first).decision.outcome).toBe('accepted');
    expect(h.record(second).decision.outcome).toBe('accepted');
    expect(h.streams.get('acme')!.filter((e) => e.type === 'RedFlagExitStarted')).toHaveLength(1);
  });
  it('a refused command may be sent again with the same id', () => {
    const h = new History();
    h.record(opened());
    const propose = command('termination.propose', { id: 'again', on: day(1), role: 'viewer', data: { reason: 'x' } });
    expect(h.record(propose).decision.outcome).toBe('refused');
    expect(h.record({ ...propose, actor: { id: 'u', teamId: 'team-north', role: 'manager' } }).decision.outcome).toBe('accepted');
  });
});

describe('policy 23: malformed signals and unknown relationships', () => {
  it('a signal for a relationship never opened is not_found', () =>
    given().when(signal('meeting.missed', { relationshipId: 'ghost' })).then(refused('not_found', 'relationshipId')));
  it('shape is checked before existence', () =>
    given().when({ ...signal('meeting.missed', { relationshipId: 'ghost' }), occurredAt: '2025-03-01T10:00:00' }).then(refused('invalid_signal', 'occurredAt')));
  it('an unknown type is invalid_signal', () => given(opened()).when(signal('weather.changed')).then(refused('invalid_signal', 'type')));
  it('a required data field missing is invalid_signal naming it', () =>
    given(opened()).when(signal('invoice.paid', { data: { amount: 3, paidOn: date(1) } })).then(refused('invalid_signal', 'data.invoiceId')));
});

describe('decide and evolve', () => {
  const stream = [opened(), signal('scope.changed', { on: day(1) }), signal('price.pressure', { on: day(2) }), signal('dishonesty.detected', { on: day(3) }),
    command('repair.start', { on: day(4), data: { strategy: 'new_contract', ownerId: 'u', reviewOn: date(10) } }),
    signal('invoice.issued', { on: day(5), data: { invoiceId: 'I', amount: 1, dueOn: date(6) } }), { until: day(12) },
    signal('attitude.negative', { on: day(12) })];

  it('every accepted input records itself first, with its data', () => {
    const h = new History();
    h.record(opened());
    const raw = signal('scope.changed', { on: day(1), data: { description: 'again' } });
    const o = h.record(raw);
    if (o.decision.outcome !== 'accepted') throw new Error('refused');
    const first = o.decision.events[0];
    expect(first).toMatchObject({ type: 'SignalRecorded', causedBy: { kind: 'signal', id: raw.id, source: 'crm' }, policyVersion: DEFAULT_POLICY.version });
    expect((first.data.signal as { data: unknown }).data).toEqual({ description: 'again' });
  });

  it('an old stream replays to the same state after the policy changes', () => {
    const h = given(...stream).after(day(12)).then(stateIs('at_risk')).history;
    const events = h.streams.get('acme')!;
    const fold = () => events.reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
    const before = JSON.stringify(fold());
    const original = structuredClone(DEFAULT_POLICY);
    try {
      DEFAULT_POLICY.riskScore.weights.scope_changes = 90;
      DEFAULT_POLICY.latePayments.count = 1;
      DEFAULT_POLICY.version = 'policy-v2';
      expect(JSON.stringify(fold())).toBe(before);
    } finally {
      Object.assign(DEFAULT_POLICY, original);
    }
  });

  it('the fold of the events equals the state decide worked towards, and timers are listed once', () => {
    const h = given(...stream).after(day(12)).then().history;
    const events = h.streams.get('acme')!;
    const folded = events.reduce<RelationshipState | null>((s, e) => evolve(s, e), null)!;
    expect(folded).toEqual(h.states.get('acme'));
    expect(viewOf(folded, h.nowMs).state).toBe('at_risk');
    const fired = new Set(events.filter((e) => e.causedBy.kind === 'timer').map((e) => e.causedBy.id));
    expect(timersFor(folded, DEFAULT_POLICY).filter((t) => fired.has(t.id))).toEqual([]);
  });

  it('a timer that arrives after a later input found it overdue changes nothing more', () => {
    const h = new History();
    h.record(opened());
    h.record(signal('invoice.issued', { on: day(1), data: { invoiceId: 'I', amount: 1, dueOn: date(2) } }));
    const timer = timersFor(h.states.get('acme')!, DEFAULT_POLICY)[0];
    // An input after the due day, before the timer fired: the lateness is dated at the due day.
    const state = h.states.get('acme')!;
    const d = decide(state, parsed(signal('meeting.missed', { on: day(5) })), DEFAULT_POLICY);
    if (d.outcome !== 'accepted') throw new Error('refused');
    expect(d.events[0]).toMatchObject({ type: 'PaymentCountedLate', at: timer.dueAt, causedBy: { kind: 'timer', id: timer.id } });
    const after = d.events.reduce<RelationshipState>((s, e) => evolve(s, e), state);
    const late = decide(after, { kind: 'timer', id: timer.id, type: timer.type, relationshipId: 'acme', dueAt: timer.dueAt, data: timer.data }, DEFAULT_POLICY);
    expect(late).toMatchObject({ outcome: 'accepted', events: [] });
  });

  it('unknown optional data never throws', () =>
    given(opened('acme', { agreedHours: { days: [1], start: '08:00', end: '18:00', timeZone: 'Europe/Paris' } }))
      .when(signal('message.received', { on: day(1), data: { channel: 'x', extra: { nested: true } } })).then(accepted));
});
