import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, MACHINE_VERSION, POLICY_V1, type Policy } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { ManualClock } from '@offramp/timers';
import { command, march, opened, signal } from '../testing/history';
import type { AppendRequest, AppendResult } from '../ports';
import type { HandleResult } from './handle-result';
import { RelationshipEngine, type EngineOptions } from './relationship-engine';

function world(options: EngineOptions & { retainEvents?: boolean; store?: InMemoryEventStore; policy?: Policy } = {}) {
  const store = options.store ?? new InMemoryEventStore({ retainEvents: options.retainEvents });
  const clock = new ManualClock(march(2));
  const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: options.policy ?? DEFAULT_POLICY }, options);
  return { store, clock, engine };
}

async function given(...inputs: unknown[]) {
  const w = world();
  for (const input of inputs) expect((await w.engine.handle(input)).status).toBe('accepted');
  return w;
}

const refusalCode = (result: HandleResult) => (result.status === 'refused' ? result.refusal.code : result.status);

describe('relationship engine', () => {
  describe('accepting inputs', () => {
    it('opens a relationship and answers with its events and view', async () => {
      const { engine, store } = world();
      const result = await engine.handle(opened('acme'));
      expect(result.status).toBe('accepted');
      if (result.status !== 'accepted') return;
      expect(result.events[0]).toMatchObject({ streamId: 'acme', version: 1 });
      expect(result.view).toMatchObject({ relationshipId: 'acme', state: 'healthy', phase: null, reasons: [] });
      expect(await store.streamVersion('acme')).toBe(result.events.length);
      expect(await engine.state('acme')).toMatchObject({ version: result.events.length });
    });

    it('puts a relationship at risk on a first red flag', async () => {
      const { engine } = await given(opened('acme'));
      const result = await engine.handle(signal('acme', 'dishonesty.detected', march(3)));
      expect(result).toMatchObject({ status: 'accepted', view: { state: 'at_risk' } });
      expect((await engine.view('acme'))?.reasons.map((r) => r.code)).toContain('dishonesty');
    });
  });

  describe('duplicates (rule 22)', () => {
    it('answers a repeated signal as a duplicate and appends nothing', async () => {
      const paid = signal('acme', 'abuse.verbal', march(3), {}, { id: 'chat-1', source: 'chat' });
      const { engine, store } = await given(opened('acme'), paid);
      const version = await store.streamVersion('acme');
      expect(await engine.handle(paid)).toEqual({ status: 'duplicate' });
      expect(await store.streamVersion('acme')).toBe(version);
      expect((await engine.view('acme'))?.state).toBe('at_risk');
      expect(await store.readRefusals('acme')).toEqual([]);
    });

    it('lets a refused command be sent again with the same id', async () => {
      const { engine } = await given(opened('acme'));
      const repair = (at: string) => command('acme', 'repair.start', at,
        { strategy: 'check_in_call', ownerId: 'u-sofia.marin', reviewOn: '2026-03-20' }, { id: 'ops-repair' });
      expect(refusalCode(await engine.handle(repair(march(3))))).toBe('wrong_state');
      await engine.handle(signal('acme', 'dishonesty.detected', march(4)));
      expect(await engine.handle(repair(march(5)))).toMatchObject({ status: 'accepted', view: { state: 'repair_attempt' } });
    });
  });

  describe('refusals', () => {
    it('records a malformed signal under its relationship, naming the field', async () => {
      const { engine, store } = await given(opened('acme'));
      const result = await engine.handle({ ...signal('acme', 'invoice.paid', march(3)), data: { amount: 10, paidOn: '2026-03-03' } });
      expect(refusalCode(result)).toBe('invalid_signal');
      const [kept] = await store.readRefusals('acme');
      expect(kept).toMatchObject({ inputKind: 'signal', inputType: 'invoice.paid', refusal: { code: 'invalid_signal' } });
      expect(kept.refusal.field).toMatch(/invoiceId/);
    });

    it('refuses input that names no relationship without keeping it anywhere', async () => {
      const { engine } = world();
      expect(refusalCode(await engine.handle('not an object'))).toMatch(/^invalid_/);
    });

    it('records a rule refusal with the actor', async () => {
      const { engine, store } = await given(opened('acme'));
      const result = await engine.handle(command('acme', 'notice.serve', march(3), { reason: 'Misfit.', channel: 'video' }));
      expect(refusalCode(result)).toBe('wrong_state');
      expect(await store.readRefusals('acme')).toMatchObject([{ inputKind: 'command', actorId: 'u-sofia.marin', refusal: { code: 'wrong_state' } }]);
    });

    it('refuses a signal for a relationship never opened with not_found', async () => {
      const { engine } = world();
      expect(refusalCode(await engine.handle(signal('ghost', 'meeting.missed', march(3))))).toBe('not_found');
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a decision made on a version the stream has moved past', async () => {
      const { engine, store } = await given(opened('acme'));
      const version = await store.streamVersion('acme');
      await engine.handle(signal('acme', 'scope.changed', march(3)));
      const stale = await engine.handle(command('acme', 'termination.propose', march(4), { reason: 'Misfit.' }), { expectedVersion: version });
      expect(refusalCode(stale)).toBe('version_conflict');
      expect(await store.readRefusals('acme')).toMatchObject([{ refusal: { code: 'version_conflict' } }]);
      const current = await engine.handle(command('acme', 'termination.propose', march(4), { reason: 'Misfit.' }), {
        expectedVersion: await store.streamVersion('acme'),
      });
      expect(current).toMatchObject({ status: 'accepted', view: { state: 'notice', phase: 'preparing' } });
    });

    it('reloads and retries when another engine wrote first', async () => {
      // Without retained events a cached state cannot see the other writer: the append conflicts.
      const store = new InMemoryEventStore({ retainEvents: false });
      const first = world({ store, snapshotEvery: 1 });
      const second = world({ store, snapshotEvery: 1 });
      await first.engine.handle(opened('acme'));
      await first.engine.view('acme');
      await second.engine.handle(signal('acme', 'abuse.verbal', march(3), {}, { source: 'chat' }));
      const result = await first.engine.handle(signal('acme', 'abuse.verbal', march(4), {}, { source: 'chat' }));
      expect(result).toMatchObject({ status: 'accepted', view: { state: 'notice', phase: 'preparing' } });
    });
  });

  describe('timers', () => {
    it('schedules a reply window and cancels it when the reply comes', async () => {
      const { engine, store } = await given(opened('acme'));
      await engine.handle(signal('acme', 'message.sent', march(3), { messageId: 'm-1', channel: 'email' }));
      expect((await store.timers.pending('acme')).some((t) => t.id.includes('m-1'))).toBe(true);
      await engine.handle(signal('acme', 'message.replied', march(3, '15:00'), { messageId: 'm-1' }));
      expect((await store.timers.pending('acme')).some((t) => t.id.includes('m-1'))).toBe(false);
    });

    it('fires due timers as inputs and completes them; three unanswered messages put the relationship at risk', async () => {
      const { engine, store, clock } = await given(opened('acme'));
      for (const [i, hm] of ['10:00', '11:00', '12:00'].entries()) {
        await engine.handle(signal('acme', 'message.sent', march(3, hm), { messageId: `m-${i}`, channel: 'email' }));
      }
      clock.set(march(5, '09:59'));
      expect(await engine.fireDueTimers()).toEqual([]);
      clock.set(march(6));
      const fired = await engine.fireDueTimers();
      expect(fired.map((f) => f.result.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect((await store.timers.pending('acme')).some((t) => /m-\d/.test(t.id))).toBe(false);
      expect((await engine.view('acme'))?.reasons.map((r) => r.code)).toContain('unanswered_messages');
    });
  });

  describe('snapshots', () => {
    it('writes one whenever the version crosses the interval and loads from it', async () => {
      const store = new InMemoryEventStore();
      const { engine } = world({ store, snapshotEvery: 2 });
      await engine.handle(opened('acme'));
      for (let day = 3; day < 7; day++) await engine.handle(signal('acme', 'meeting.held', march(day), { prepared: true }));
      const snapshot = await store.readSnapshot('acme');
      const version = await store.streamVersion('acme');
      expect(snapshot?.version).toBeGreaterThan(version - 2);
      const fresh = world({ store, snapshotEvery: 2 });
      expect(await fresh.engine.view('acme')).toEqual(await engine.view('acme'));
    });

    it('ignores a snapshot made by another machine and folds the events instead', async () => {
      const store = new InMemoryEventStore();
      const { engine } = world({ store });
      await engine.handle(opened('acme'));
      await engine.handle(signal('acme', 'dishonesty.detected', march(3)));
      const version = await store.streamVersion('acme');
      await store.append({
        streamId: 'acme', expectedVersion: version, events: [],
        snapshot: { streamId: 'acme', version, machineVersion: 'an-older-machine', policyVersion: DEFAULT_POLICY.version, state: { broken: true } },
      });
      expect((await world({ store }).engine.view('acme'))?.state).toBe('at_risk');
    });

    it('does not reuse a snapshot made under policy-v1 once policy-v2 decides: it folds the events instead', async () => {
      const store = new InMemoryEventStore();
      const v1 = world({ store, snapshotEvery: 1, policy: POLICY_V1 });
      await v1.engine.handle(opened('acme'));
      await v1.engine.handle(signal('acme', 'dishonesty.detected', march(3)));
      const version = await store.streamVersion('acme');
      expect(await store.readSnapshot('acme')).toMatchObject({ version, machineVersion: MACHINE_VERSION, policyVersion: 'policy-v1' });
      await store.append({
        streamId: 'acme', expectedVersion: version, events: [],
        snapshot: { streamId: 'acme', version, machineVersion: MACHINE_VERSION, policyVersion: POLICY_V1.version, state: { broken: true } },
      });
      const v2 = world({ store, snapshotEvery: 1 });
      expect((await v2.engine.view('acme'))?.state).toBe('at_risk');
      const flagged = await v2.engine.handle(signal('acme', 'legal.risk_identified', march(4)));
      expect(flagged).toMatchObject({ status: 'accepted', view: { state: 'notice', phase: 'preparing' } });
      if (flagged.status === 'accepted') expect(new Set(flagged.events.map((e) => e.event.policyVersion))).toEqual(new Set(['policy-v2']));
      expect(await store.readSnapshot('acme')).toMatchObject({ policyVersion: 'policy-v2' });
    });
  });

  describe('batches', () => {
    it('decides each relationship in order, appends once, and answers in input order', async () => {
      const { engine, store } = world();
      const verbal = signal('basalt', 'abuse.verbal', march(3), {}, { source: 'chat' });
      const results = await engine.handleBatch([
        opened('acme'),
        opened('basalt'),
        signal('acme', 'dishonesty.detected', march(3)),
        verbal,
        'garbage',
        verbal,
        command('acme', 'notice.serve', march(4), { reason: 'Misfit.', channel: 'video' }),
        signal('basalt', 'abuse.verbal', march(5), {}, { source: 'chat' }),
      ]);
      const outcomes: string[] = results.map(refusalCode);
      expect(outcomes[4]).toMatch(/^invalid_/);
      outcomes[4] = 'invalid';
      expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'invalid', 'duplicate', 'wrong_state', 'accepted']);
      expect((await engine.view('acme'))?.state).toBe('at_risk');
      expect(await engine.view('basalt')).toMatchObject({ state: 'notice', phase: 'preparing' });
      const versions = (await store.readStream('basalt')).map((e) => e.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(await store.readRefusals('acme')).toMatchObject([{ refusal: { code: 'wrong_state' } }]);
    });

    it('falls back to one by one when the batch meets a version conflict', async () => {
      const store = new InMemoryEventStore({ retainEvents: false });
      const first = world({ store, snapshotEvery: 1 });
      const second = world({ store, snapshotEvery: 1 });
      await first.engine.handle(opened('acme'));
      await first.engine.view('acme');
      await second.engine.handle(signal('acme', 'abuse.verbal', march(3), {}, { source: 'chat' }));
      const results = await first.engine.handleBatch([
        signal('acme', 'scope.changed', march(4)),
        signal('acme', 'abuse.verbal', march(5), {}, { source: 'chat' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(await first.engine.view('acme')).toMatchObject({ state: 'notice', phase: 'preparing' });
    });
  });

  describe('group commit', () => {
    /** A real store that keeps the appends it was asked for, and cannot take a stream named `broken`. */
    class CountingStore extends InMemoryEventStore {
      readonly batches: string[][] = [];
      override async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
        this.batches.push(requests.map((r) => r.streamId));
        if (requests.some((r) => r.streamId === 'broken')) throw new Error('the store cannot take this batch');
        return super.appendMany(requests);
      }
    }

    it('appends the single inputs of concurrent callers in one transaction, each relationship in arrival order, each caller answered for its own', async () => {
      const store = new CountingStore();
      const { engine } = world({ store });
      await engine.handleBatch([opened('acme'), opened('basalt')]);
      store.batches.length = 0;
      const results = await Promise.all([
        engine.handle(signal('acme', 'dishonesty.detected', march(3))),
        engine.handle(signal('basalt', 'abuse.verbal', march(3), {}, { source: 'chat' })),
        engine.handle(command('acme', 'notice.serve', march(4), { reason: 'Misfit.', channel: 'video' })),
        engine.handle('garbage'),
        engine.handle(signal('basalt', 'abuse.verbal', march(5), {}, { source: 'chat' })),
      ]);
      expect(store.batches).toEqual([['acme', 'basalt', 'basalt']]);
      expect(results[0]).toMatchObject({ status: 'accepted', view: { state: 'at_risk' } });
      expect(refusalCode(results[2])).toBe('wrong_state');
      expect(refusalCode(results[3])).toMatch(/^invalid_/);
      expect(results[4]).toMatchObject({ status: 'accepted', view: { state: 'notice', phase: 'preparing' } });
    });

    it('fails only the caller whose input the store could not take', async () => {
      const store = new CountingStore();
      const { engine } = world({ store });
      const [acme, broken] = await Promise.allSettled([engine.handle(opened('acme')), engine.handle(opened('broken'))]);
      expect(acme).toMatchObject({ status: 'fulfilled', value: { status: 'accepted' } });
      expect(broken).toMatchObject({ status: 'rejected' });
      expect(await store.streamVersion('acme')).toBeGreaterThan(0);
    });
  });
});
