// A W3C trace context that came with an input stays on the events that input caused, with the
// input's id as their causation id; the store keeps it, so the outbox can send it on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, teamPolicyStreamId } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { ManualClock } from '@offramp/timers';
import { march, opened, signal } from '../testing/history';
import { TeamPolicies } from '../policy/team-policies';
import { RelationshipEngine } from './relationship-engine';

const trace = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=abc' };

function world() {
  const store = new InMemoryEventStore();
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock(march(2)), policy: DEFAULT_POLICY });
  return { store, engine };
}

describe('trace context on events', () => {
  it('given an input with a trace context, every event it caused carries it, caused by the input', async () => {
    const { engine, store } = world();
    const open = opened('acme');
    const result = await engine.handle({ ...open, trace });
    expect(result.status).toBe('accepted');
    const stored = await store.readStream('acme');
    expect(stored.length).toBeGreaterThan(0);
    for (const { event } of stored) expect(event).toMatchObject({ trace, causedBy: { kind: 'command', id: open.id } });
  });

  it('given timers caught up before a traced signal, only the signal\'s own events carry its trace', async () => {
    const { engine, store } = world();
    await engine.handle(opened('acme'));
    await engine.handle(signal('acme', 'invoice.issued', march(2, '11:00'), { invoiceId: 'INV-1', amount: 100, dueOn: '2026-03-04' }));
    const late = signal('acme', 'meeting.held', march(10), { prepared: true });
    await engine.handle({ ...late, trace });

    const events = (await store.readStream('acme')).map((e) => e.event);
    const traced = events.filter((e) => e.trace);
    expect(traced.length).toBeGreaterThan(0);
    expect(traced.every((e) => e.causedBy.id === late.id)).toBe(true);
    expect(events.filter((e) => e.causedBy.kind === 'timer').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.causedBy.kind === 'timer').some((e) => e.trace)).toBe(false);
  });

  it('given an input without one, or with one that is not W3C, its events carry none and it is still accepted', async () => {
    const { engine, store } = world();
    expect((await engine.handle(opened('acme'))).status).toBe('accepted');
    expect((await engine.handle({ ...signal('acme', 'meeting.held', march(3), { prepared: true }), trace: { traceparent: 'not-a-traceparent' } })).status).toBe('accepted');
    expect((await store.readStream('acme')).some((e) => e.event.trace)).toBe(false);
  });

  it('given a batch, each input\'s events carry that input\'s own trace', async () => {
    const { engine, store } = world();
    const other = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await engine.handleBatch([{ ...opened('acme'), trace }, { ...opened('bolt'), trace: other }]);
    expect((await store.readStream('acme')).every((e) => e.event.trace?.traceparent === trace.traceparent)).toBe(true);
    expect((await store.readStream('bolt')).every((e) => e.event.trace?.traceparent === other.traceparent)).toBe(true);
  });
});

describe('trace context on a team\'s policy events', () => {
  it('given a traced draft and an untraced activation, only the draft\'s event carries a trace', async () => {
    const store = new InMemoryEventStore();
    const policies = new TeamPolicies(store);
    const admin = { id: 'u-ana', teamId: 'team-south', role: 'admin' as const };
    await policies.draft('team-south', { id: 'd-1', at: march(2), actor: admin, document: { riskScore: { threshold: 45 } }, patch: true }, { trace });
    await policies.activate('team-south', { id: 'a-1', at: march(3), actor: admin, reason: 'earlier', expectedVersion: DEFAULT_POLICY.version });
    const events = (await store.readStream(teamPolicyStreamId('team-south'))).map((e) => ({ type: e.type, trace: e.event.trace }));
    expect(events).toEqual([{ type: 'PolicyDrafted', trace }, { type: 'PolicyActivated', trace: undefined }]);
  });
});
