// The one write path on every store: the engine's batches (a single input is a batch of one),
// against memory, PostgreSQL and PGlite. Idempotency holds across a batch and across batches,
// the first use of a key in input order wins whichever relationship it names, a state another
// process made stale is caught by the append's version check and decided again, and due timers
// go through the same path.
import { DEFAULT_POLICY } from '@offramp/domain';
import { RelationshipEngine, type HandleResult } from '@offramp/runtime';
import { command, march, opened, signal } from '../../../libs/runtime/src/testing/history';
import { ManualClock } from '@offramp/timers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreUnderTest } from './contract';

const statusOf = (r: HandleResult) => (r.status === 'refused' ? r.refusal.code : r.status);

/** The port as it is, with each call's name (and first argument) noted: every call is one statement on a SQL store. */
function counting<T extends object>(port: T, calls: string[], args: unknown[][] = []): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...given: unknown[]) => {
        calls.push(String(name));
        args.push(given);
        return (value as (...a: unknown[]) => unknown).apply(target, given);
      };
    },
  });
}

export function writePathContract(fresh: () => Promise<StoreUnderTest>): void {
  describe('the write path', () => {
    let world: StoreUnderTest;
    let clock: ManualClock;
    const engine = () => new RelationshipEngine({ ...world, clock, policy: DEFAULT_POLICY });
    const causes = async (id: string) => (await world.store.readStream(id)).map((e) => e.event.causedBy.id);

    beforeEach(async () => {
      world = await fresh();
      clock = new ManualClock(march(2));
    });

    it('policy 22: a signal twice in one batch and again in the next is recorded once', async () => {
      const one = engine();
      const late = signal('acme', 'meeting.missed', march(3), {}, { id: 'missed-1' });
      expect((await one.handleBatch([opened('acme'), late, late])).map(statusOf)).toEqual(['accepted', 'accepted', 'duplicate']);
      const next = signal('acme', 'meeting.missed', march(4), {}, { id: 'missed-2' });
      expect((await one.handleBatch([late, next])).map(statusOf)).toEqual(['duplicate', 'accepted']);
      expect((await engine().handleBatch([late])).map(statusOf)).toEqual(['duplicate']);
      expect((await causes('acme')).filter((id) => id === 'missed-1')).toHaveLength(1);
      expect(await world.store.readRefusals('acme')).toEqual([]);
    });

    it('policy 22: a key on two relationships in one batch: the first in input order wins, and a refused first leaves it free', async () => {
      const one = engine();
      await one.handleBatch([opened('acme'), opened('globex')]);
      const onAcme = signal('acme', 'scope.changed', march(3), {}, { id: 'shared' });
      const onGlobex = signal('globex', 'scope.changed', march(3), {}, { id: 'shared' });
      expect((await one.handleBatch([onAcme, onGlobex])).map(statusOf)).toEqual(['accepted', 'duplicate']);
      expect(await causes('globex')).not.toContain('shared');

      const onGhost = signal('ghost', 'scope.changed', march(4), {}, { id: 'other' });
      const thenGlobex = signal('globex', 'scope.changed', march(4), {}, { id: 'other' });
      expect((await one.handleBatch([onGhost, thenGlobex])).map(statusOf)).toEqual(['not_found', 'accepted']);
      expect(await causes('globex')).toContain('other');
    });

    it('chains the versions of one relationship inside a batch, and refuses a stale expected version', async () => {
      const one = engine();
      await one.handleBatch([opened('acme'), ...[3, 4, 5].map((d) => signal('acme', 'meeting.missed', march(d), {}, { id: `m-${d}` }))]);
      const versions = (await world.store.readStream('acme')).map((e) => e.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      const stale = await one.handle(command('acme', 'termination.propose', march(6), { reason: 'Misfit.' }), { expectedVersion: 1 });
      expect(statusOf(stale)).toBe('version_conflict');
    });

    it('decides again on fresh reads when another process moved a relationship it holds in its cache', async () => {
      const first = engine();
      const second = engine();
      await first.handleBatch([opened('acme'), opened('globex')]);
      await second.handleBatch([signal('acme', 'abuse.verbal', march(3), {}, { id: 'elsewhere', source: 'chat' })]);
      const results = await first.handleBatch([
        signal('acme', 'abuse.verbal', march(4), {}, { id: 'here', source: 'chat' }),
        signal('globex', 'meeting.missed', march(4), {}, { id: 'globex-here' }),
      ]);
      expect(results.map(statusOf)).toEqual(['accepted', 'accepted']);
      expect(await causes('acme')).toEqual(expect.arrayContaining(['elsewhere', 'here']));
      expect((await first.state('acme'))?.version).toBe((await world.store.readStream('acme')).length);
      // A refusal made on a stale cached state is checked before it stands.
      const early = signal('initech', 'meeting.missed', march(5), {}, { id: 'too-early' });
      expect(statusOf(await first.handle(early))).toBe('not_found');
      await second.handle(opened('initech'));
      expect(statusOf(await first.handle(signal('initech', 'meeting.missed', march(6), {}, { id: 'in-time' })))).toBe('accepted');
    });

    it('decides a batch in one read and one append, and with every relationship held, in one append', async () => {
      const calls: string[] = [];
      const counted = counting(world.store, calls);
      const one = new RelationshipEngine({ store: counted, timers: world.timers, clock, policy: DEFAULT_POLICY });
      const ids = Array.from({ length: 10 }, (_, i) => `client-${i}`);
      await one.handleBatch(ids.map((id) => opened(id)));
      calls.length = 0;
      const batch = (day: number) => ids.flatMap((id) => [1, 2, 3].map((n) => signal(id, 'meeting.held', march(day, `1${n}:00`), { prepared: true }, { id: `${id}-${day}-${n}` })));
      expect((await engine().handleBatch(batch(3))).every((r) => r.status === 'accepted')).toBe(true);
      calls.length = 0;
      expect((await new RelationshipEngine({ store: counted, timers: world.timers, clock, policy: DEFAULT_POLICY }).handleBatch(batch(4))).every((r) => r.status === 'accepted')).toBe(true);
      expect(calls).toEqual(['loadForDecision', 'appendMany']);
      calls.length = 0;
      // Its cache is two batches behind: the append's version check says so, and it decides again on one read.
      expect((await one.handleBatch(batch(5))).every((r) => r.status === 'accepted')).toBe(true);
      expect(calls).toEqual(['appendMany', 'loadForDecision', 'appendMany']);
      calls.length = 0;
      expect((await one.handleBatch(batch(6))).every((r) => r.status === 'accepted')).toBe(true);
      expect(calls).toEqual(['appendMany']);
    });

    it('costs the database at most three statements a batch, for one signal as for thirty on ten relationships', async () => {
      const sent = world.db;
      if (!sent) return; // the in-memory store sends no statements
      const ids = Array.from({ length: 10 }, (_, i) => `client-${i}`);
      await engine().handleBatch(ids.map((id) => opened(id)));
      const statementsFor = async (inputs: Parameters<RelationshipEngine['handleBatch']>[0]) => {
        const before = sent.roundTrips();
        // A new engine holds nothing in its cache: every state is read, as after a restart.
        expect((await engine().handleBatch(inputs)).every((r) => r.status === 'accepted')).toBe(true);
        return sent.roundTrips() - before;
      };
      const one = await statementsFor([signal('client-0', 'meeting.held', march(3, '10:00'), { prepared: true }, { id: 'alone' })]);
      const thirty = await statementsFor(ids.flatMap((id) => [1, 2, 3].map((n) =>
        signal(id, 'meeting.held', march(4, `1${n}:00`), { prepared: true }, { id: `${id}-${n}` }))));
      // One read of keys, snapshots and tails; one append (a single statement, its own transaction);
      // at most one notice to other processes, sent after the commit and shared by appends meanwhile.
      expect(one).toBeLessThanOrEqual(3);
      expect(thirty).toBeLessThanOrEqual(3);
    });

    it('fires due timers as one batch through the same path; a second runner finds nothing left to fire', async () => {
      const one = engine();
      await one.handleBatch([opened('acme'), ...['10:00', '11:00', '12:00'].map((hm, i) =>
        signal('acme', 'message.sent', march(3, hm), { messageId: `m-${i}`, channel: 'email' }))]);
      clock.set(march(6));
      const timerCalls: string[] = [];
      const timerArgs: unknown[][] = [];
      const fired = await new RelationshipEngine({ ...world, timers: counting(world.timers, timerCalls, timerArgs), clock, policy: DEFAULT_POLICY }).fireDueTimers();
      expect(fired.map((f) => f.result.status)).toEqual(['accepted', 'accepted', 'accepted']);
      // One claim, and the three fired timers completed together.
      expect(timerCalls).toEqual(['claimDue', 'complete']);
      expect(timerArgs[1]![0]).toEqual(fired.map((f) => f.timer.id));
      expect(await engine().fireDueTimers()).toEqual([]);
      expect((await one.view('acme'))?.reasons.map((r) => r.code)).toContain('unanswered_messages');
    });

    it('records the refusals of a batch in one write, each filed with its relationship', async () => {
      await engine().handleBatch([opened('acme'), opened('globex')]);
      const calls: string[] = [];
      const serve = (id: string, n: number) => command(id, 'notice.serve', march(3, `1${n}:00`), { reason: 'Misfit.', channel: 'phone' });
      const results = await new RelationshipEngine({ ...world, store: counting(world.store, calls), clock, policy: DEFAULT_POLICY })
        .handleBatch([serve('acme', 1), serve('globex', 2), serve('acme', 3)]);
      expect(results.map(statusOf)).toEqual(['wrong_state', 'wrong_state', 'wrong_state']);
      expect(calls.filter((c) => c === 'recordRefusals')).toHaveLength(1);
      expect((await world.store.readRefusals('acme')).map((r) => r.refusal.code)).toEqual(['wrong_state', 'wrong_state']);
      expect(await world.store.readRefusals('globex')).toHaveLength(1);
    });
  });
}
