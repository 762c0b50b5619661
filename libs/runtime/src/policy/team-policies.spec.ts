import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evolve, relationshipEventOf, type Actor, type RelationshipState } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { ManualClock } from '@offramp/timers';
import { RelationshipEngine } from '../engine/relationship-engine';
import { command, march, opened, signal } from '../testing/history';
import { TeamPolicies } from './team-policies';

const admin = (teamId: string): Actor => ({ id: `u-admin-${teamId}`, teamId, role: 'admin' });
let ids = 0;

function world() {
  const store = new InMemoryEventStore();
  const policies = new TeamPolicies(store);
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock(march(2)), policy: DEFAULT_POLICY, policies }, { snapshotEvery: 1 });
  return { store, policies, engine };
}

async function activateThreshold(policies: TeamPolicies, teamId: string, threshold: number, fadeBelow = 30) {
  const actor = admin(teamId);
  const expectedVersion = (await policies.state(teamId)).history.length;
  await policies.draft(teamId, { id: `d-${++ids}`, at: march(2, '08:00'), actor, document: { riskScore: { threshold, fadeBelow } }, patch: true });
  const result = await policies.activate(teamId, { id: `a-${++ids}`, at: march(2, '08:01'), actor, reason: 'tuning', expectedVersion });
  expect(result.status).toBe('accepted');
}

const slowBurners = (id: string) => [
  signal(id, 'price.pressure', march(3, '10:00')),
  signal(id, 'advice.ignored', march(3, '11:00')),
  signal(id, 'scope.changed', march(3, '12:00')),
];

const openFor = (id: string, teamId: string) =>
  command(id, 'relationship.open', march(2, '09:00'), { clientName: id, teamId }, { actor: { id: 'u-m', teamId, role: 'manager' } });

describe('the engine asks each input\'s team for its policy', () => {
  it('policy 5: two teams with different thresholds decide the same input differently, each decision naming its version', async () => {
    const { engine, policies } = world();
    await activateThreshold(policies, 'team-a', 45);
    for (const [id, team] of [['a-1', 'team-a'], ['b-1', 'team-b']] as const) {
      expect((await engine.handle(openFor(id, team))).status).toBe('accepted');
      for (const s of slowBurners(id)) await engine.handle(s);
    }
    expect(await engine.view('a-1')).toMatchObject({ state: 'at_risk' });
    expect(await engine.view('b-1')).toMatchObject({ state: 'healthy' });
    const last = await engine.handle(signal('a-1', 'meeting.missed', march(4)));
    expect(last.status === 'accepted' && last.events.map((e) => e.event.policyVersion)).toEqual(['team-a/1']);
    const other = await engine.handle(signal('b-1', 'meeting.missed', march(4)));
    expect(other.status === 'accepted' && other.events.map((e) => e.event.policyVersion)).toEqual([DEFAULT_POLICY.version]);
  });

  it('a stream decided under an older team policy replays to the same state after the team activates another', async () => {
    const { engine, policies, store } = world();
    await activateThreshold(policies, 'team-a', 45);
    await engine.handle(openFor('a-1', 'team-a'));
    for (const s of slowBurners('a-1')) await engine.handle(s);
    const before = await engine.state('a-1');
    expect(before?.state).toMatchObject({ lifecycle: 'at_risk' });

    await activateThreshold(policies, 'team-a', 70, 30);
    // A fresh engine on the same store: the snapshot was made under team-a/1 and is not reused.
    const fresh = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock(march(5)), policy: DEFAULT_POLICY, policies });
    expect(await fresh.state('a-1')).toEqual(before);
    const replayed = (await store.readStream('a-1')).reduce<RelationshipState | null>((s, e) => evolve(s, relationshipEventOf(e.event)), null);
    expect(replayed).toEqual(before?.state);
    const next = await fresh.handle(signal('a-1', 'meeting.missed', march(5)));
    expect(next.status === 'accepted' && next.events[0]!.event.policyVersion).toBe('team-a/2');
  });

  it('a policy activated in another process is used once its stream is checked again', async () => {
    const store = new InMemoryEventStore();
    let now = 0;
    const worker = new TeamPolicies(store, { maxAgeMs: 1_000, now: () => now });
    const api = new TeamPolicies(store);
    expect((await worker.policyFor('team-a')).version).toBe(DEFAULT_POLICY.version);
    await activateThreshold(api, 'team-a', 45);
    expect((await worker.policyFor('team-a')).version).toBe(DEFAULT_POLICY.version);
    now = 1_000;
    expect((await worker.policyFor('team-a')).version).toBe('team-a/1');
  });

  it('a relationship of the default team keeps the default', async () => {
    const { engine } = world();
    const result = await engine.handle(opened('acme'));
    expect(result.status === 'accepted' && result.events[0]!.event.policyVersion).toBe(DEFAULT_POLICY.version);
  });
});
