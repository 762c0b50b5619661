// The one behaviour every event store has: run against memory, PostgreSQL and PGlite.
import type { Database } from '@offramp/event-store';
import type { EventStore, TimerStore } from '@offramp/runtime';
import { VersionConflictError } from '@offramp/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendTo, day, fact, refusalOf, timer } from './builders';
import { writePathContract } from './write-path';

/** `db` is the SQL database under the store, where there is one: it counts the statements sent. */
export interface StoreUnderTest { store: EventStore; timers: TimerStore; db?: Database }

export interface ContractHarness {
  /** The store emptied of everything earlier tests wrote. */
  fresh(): Promise<StoreUnderTest>;
  close(): Promise<void>;
}

const at = (iso: string): Date => new Date(iso);

/**
 * Waits until the global order shows `count` events. A gap-free reader holds back while any
 * older transaction on the server is still open, and tests share one server.
 */
export async function readable(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < 2_000 && (await store.readAll(null, count + 1)).events.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const MINUTE = 60_000;

export function eventStoreContract(engine: string, open: () => Promise<ContractHarness>): void {
  describe(`event store contract: ${engine}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    let timers: TimerStore;

    beforeAll(async () => { harness = await open(); });
    afterAll(async () => { await harness?.close(); });
    beforeEach(async () => { ({ store, timers } = await harness.fresh()); });

    writePathContract(() => harness.fresh());

    describe('appending and reading a stream', () => {
      it('numbers a new stream from 1 and gives the facts back as recorded', async () => {
        const request = appendTo('acme', 0, ['RelationshipOpened', 'RelationshipMarkedAtRisk']);
        const result = await store.append(request);

        expect(result).toMatchObject({ status: 'appended', streamId: 'acme', fromVersion: 1, toVersion: 2 });
        expect(result.events.map((e) => [e.version, e.type])).toEqual([[1, 'RelationshipOpened'], [2, 'RelationshipMarkedAtRisk']]);
        expect(result.events.map((e) => e.event)).toEqual(request.events);
        expect(new Set(result.events.map((e) => e.eventId)).size).toBe(2);
        expect(Number.isNaN(Date.parse(result.events[0].recordedAt))).toBe(false);
        expect(await store.readStream('acme')).toEqual(result.events);
        expect(await store.streamVersion('acme')).toBe(2);
      });

      it('continues a stream at the version it was decided on and reads from a version on', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened']));
        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk', 'RepairAttemptStarted']));

        expect((await store.readStream('acme', 2)).map((e) => e.type)).toEqual(['RelationshipMarkedAtRisk', 'RepairAttemptStarted']);
        expect(await store.streamVersion('acme')).toBe(3);
      });

      it('knows nothing of a stream never written', async () => {
        expect(await store.readStream('nobody')).toEqual([]);
        expect(await store.streamVersion('nobody')).toBe(0);
        expect(await store.readSnapshot('nobody')).toBeNull();
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses an append decided on an older version and keeps nothing of it', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened']));
        const stale = store.append(appendTo('acme', 0, ['RelationshipMarkedAtRisk'], { idempotencyKey: 'signal:crm:7' }));

        await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
        await expect(stale).rejects.toMatchObject({ code: 'version_conflict', streamId: 'acme', expectedVersion: 0, actualVersion: 1 });
        expect(await store.streamVersion('acme')).toBe(1);
        expect(await store.isProcessed('signal:crm:7')).toBe(false);
      });

      it('refuses an append that expects a stream that does not exist yet', async () => {
        await expect(store.append(appendTo('acme', 3, ['RelationshipMarkedAtRisk'])))
          .rejects.toMatchObject({ expectedVersion: 3, actualVersion: 0 });
        expect(await store.readStream('acme')).toEqual([]);
      });

      it('lets exactly one of two racing decisions on the same version through', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened']));
        const outcomes = await Promise.allSettled([
          store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk'])),
          store.append(appendTo('acme', 1, ['RepairAttemptStarted'])),
        ]);

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(VersionConflictError);
        expect(await store.streamVersion('acme')).toBe(2);
      });
    });

    describe('idempotency', () => {
      it('answers a redelivered input with the original result and appends nothing', async () => {
        const first = await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'command:c-1' }));
        const again = await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'command:c-1' }));

        expect(again).toEqual({ ...first, status: 'duplicate' });
        expect(await store.streamVersion('acme')).toBe(1);
        expect(await store.isProcessed('command:c-1')).toBe(true);
        expect(await store.isProcessed('command:c-2')).toBe(false);
      });

      it('recognises a redelivery even when the stream has moved on since', async () => {
        const first = await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:1' }));
        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk']));

        const again = await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:1' }));
        expect(again).toMatchObject({ status: 'duplicate', fromVersion: 1, toVersion: 1, events: first.events });
      });

      it('holds a key across all streams', async () => {
        const first = await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'timer:t-1' }));
        const elsewhere = await store.append(appendTo('globex', 0, ['RelationshipOpened'], { idempotencyKey: 'timer:t-1' }));

        expect(elsewhere).toMatchObject({ status: 'duplicate', streamId: 'acme', events: first.events });
        expect(await store.streamVersion('globex')).toBe(0);
      });

      it('lets one of two racing deliveries of the same input append, the other sees a duplicate', async () => {
        const deliveries = await Promise.all([
          store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:9' })),
          store.append(appendTo('globex', 0, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:9' })),
        ]);

        expect(deliveries.map((d) => d.status).sort()).toEqual(['appended', 'duplicate']);
        expect(deliveries[0].events).toEqual(deliveries[1].events);
        expect((await store.streamVersion('acme')) + (await store.streamVersion('globex'))).toBe(1);
      });
    });

    describe('appending several decisions at once', () => {
      it('keeps all of them, the same stream several times in order', async () => {
        const results = await store.appendMany([
          appendTo('acme', 0, ['RelationshipOpened']),
          appendTo('globex', 0, ['RelationshipOpened']),
          appendTo('acme', 1, ['RelationshipMarkedAtRisk'], { idempotencyKey: 'signal:crm:2' }),
        ]);

        expect(results.map((r) => [r.streamId, r.fromVersion, r.toVersion])).toEqual([['acme', 1, 1], ['globex', 1, 1], ['acme', 2, 2]]);
        expect(await store.streamVersion('acme')).toBe(2);
        expect(await store.isProcessed('signal:crm:2')).toBe(true);
      });

      it('keeps none of them when one conflicts', async () => {
        await store.append(appendTo('initech', 0, ['RelationshipOpened']));
        const batch = store.appendMany([
          appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'command:a', timers: [timer('acme', 'coolingOffEnds', 3)] }),
          appendTo('initech', 0, ['RelationshipOpened']),
        ]);

        await expect(batch).rejects.toBeInstanceOf(VersionConflictError);
        expect(await store.streamVersion('acme')).toBe(0);
        expect(await store.isProcessed('command:a')).toBe(false);
        expect(await timers.pending('acme')).toEqual([]);
        await readable(store, 1);
        expect((await store.readAll(null, 100)).events).toHaveLength(1);
      });

      it('answers a repeated key inside one batch with the result of its first use', async () => {
        const [first, second] = await store.appendMany([
          appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:3' }),
          appendTo('acme', 1, ['RelationshipOpened'], { idempotencyKey: 'signal:crm:3' }),
        ]);

        expect(second).toEqual({ ...first, status: 'duplicate' });
        expect(await store.streamVersion('acme')).toBe(1);
      });
    });

    describe('snapshots', () => {
      it('keeps the latest snapshot written with an append', async () => {
        const snapshot = (version: number) => ({
          streamId: 'acme', version, machineVersion: 'm-1', policyVersion: 'policy-1',
          state: { value: { notice: 'preparing' }, context: { score: 42, reasons: ['late_payments'] } },
        });
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { snapshot: snapshot(1) }));
        expect(await store.readSnapshot('acme')).toEqual(snapshot(1));

        await store.append(appendTo('acme', 1, ['NoticePrepared'], { snapshot: snapshot(2) }));
        expect(await store.readSnapshot('acme')).toEqual(snapshot(2));
      });
    });

    describe('refusals', () => {
      it('keeps refused inputs per relationship, oldest first, as received, one at a time or several at once', async () => {
        await store.recordRefusals([refusalOf('acme', 'c-1')]);
        await store.recordRefusals([refusalOf('globex', 'c-2'), refusalOf('acme', 'c-3')]);
        await store.recordRefusals([]);

        const refusals = await store.readRefusals('acme');
        expect(refusals.map((r) => r.inputId)).toEqual(['c-1', 'c-3']);
        expect(refusals[0]).toMatchObject(refusalOf('acme', 'c-1'));
        expect(refusals[1].position).toBeGreaterThan(refusals[0].position);
        expect(await store.readRefusals('nobody')).toEqual([]);
      });
    });

    describe('reading the global order', () => {
      it('gives every event once, in append order, page by page', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened', 'RelationshipMarkedAtRisk']));
        await store.append(appendTo('globex', 0, ['RelationshipOpened']));
        await store.append(appendTo('acme', 2, ['RepairAttemptStarted']));
        await readable(store, 4);

        const first = await store.readAll(null, 3);
        const second = await store.readAll(first.checkpoint, 3);
        const seen = [...first.events, ...second.events].map((e) => `${e.streamId}@${e.version}`);

        expect(seen).toEqual(['acme@1', 'acme@2', 'globex@1', 'acme@3']);
        expect(second.events).toHaveLength(1);
        const positions = [...first.events, ...second.events].map((e) => e.globalPosition);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      });

      it('stays at its checkpoint when there is nothing new, then picks up what comes next', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened']));
        await readable(store, 1);
        const caughtUp = await store.readAll(null, 10);
        const idle = await store.readAll(caughtUp.checkpoint, 10);
        expect(idle).toEqual({ events: [], checkpoint: caughtUp.checkpoint });

        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk']));
        await readable(store, 2);
        const next = await store.readAll(caughtUp.checkpoint, 10);
        expect(next.events.map((e) => e.type)).toEqual(['RelationshipMarkedAtRisk']);
      });

      it('starts from nothing on an empty store', async () => {
        expect(await store.readAll(null, 10)).toEqual({ events: [], checkpoint: null });
      });
    });

    describe('durable timers', () => {
      const now = at(day(5));

      it('keeps the timers an append asks for and replaces them with the next set', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], {
          timers: [timer('acme', 'noticeEnds', 30), timer('acme', 'coolingOffEnds', 3)],
        }));
        expect((await timers.pending('acme')).map((t) => t.type)).toEqual(['coolingOffEnds', 'noticeEnds']);
        expect(await timers.pending('acme')).toContainEqual(timer('acme', 'coolingOffEnds', 3));

        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk']));
        expect(await timers.pending('acme')).toHaveLength(2);

        await store.append(appendTo('acme', 2, ['RepairAttemptStarted'], { timers: [timer('acme', 'repairReview', 14)] }));
        expect((await timers.pending('acme')).map((t) => t.type)).toEqual(['repairReview']);

        await store.append(appendTo('acme', 3, ['RelationshipOffboarded'], { timers: [] }));
        expect(await timers.pending('acme')).toEqual([]);
      });

      it('leaves other streams\' timers alone and knows the earliest due time of all', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'noticeEnds', 30)] }));
        await store.append(appendTo('globex', 0, ['RelationshipOpened'], { timers: [timer('globex', 'coolingOffEnds', 2)] }));
        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk'], { timers: [] }));

        expect((await timers.pending()).map((t) => t.relationshipId)).toEqual(['globex']);
        expect(await timers.nextDueAt()).toBe(day(2));
      });

      it('has no next due time without timers', async () => {
        expect(await timers.nextDueAt()).toBeNull();
      });

      it('claims only due timers, earliest first, and leases them to one claimant', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], {
          timers: [timer('acme', 'noticeEnds', 30), timer('acme', 'repairReview', 4), timer('acme', 'coolingOffEnds', 3)],
        }));

        const claimed = await timers.claimDue(now, 10, 5 * MINUTE);
        expect(claimed.map((t) => t.type)).toEqual(['coolingOffEnds', 'repairReview']);
        expect(claimed[0]).toMatchObject({ ...timer('acme', 'coolingOffEnds', 3), attempts: 1, leaseUntil: new Date(now.getTime() + 5 * MINUTE).toISOString() });
        expect(await timers.claimDue(now, 10, 5 * MINUTE)).toEqual([]);
      });

      it('claims no more than asked', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], {
          timers: [timer('acme', 'coolingOffEnds', 1), timer('acme', 'repairReview', 2)],
        }));
        expect((await timers.claimDue(now, 1, MINUTE)).map((t) => t.type)).toEqual(['coolingOffEnds']);
        expect((await timers.claimDue(now, 1, MINUTE)).map((t) => t.type)).toEqual(['repairReview']);
      });

      it('offers a timer again once its lease has run out, or at once when released', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'coolingOffEnds', 3)] }));
        await timers.claimDue(now, 10, MINUTE);

        const afterLease = await timers.claimDue(new Date(now.getTime() + MINUTE), 10, MINUTE);
        expect(afterLease).toMatchObject([{ type: 'coolingOffEnds', attempts: 2 }]);

        await timers.release(['acme:coolingOffEnds']);
        expect(await timers.claimDue(new Date(now.getTime() + MINUTE), 10, MINUTE)).toMatchObject([{ attempts: 3 }]);
      });

      it('forgets a fired timer once completed', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'coolingOffEnds', 3)] }));
        await timers.claimDue(now, 10, MINUTE);
        await timers.complete(['acme:coolingOffEnds']);

        expect(await timers.pending()).toEqual([]);
        expect(await timers.claimDue(at(day(9)), 10, MINUTE)).toEqual([]);
        await timers.complete(['acme:coolingOffEnds']);
      });

      it('completes and releases several claimed timers at once, leaving the others', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'coolingOffEnds', 3), timer('acme', 'noticeEnds', 4)] }));
        await store.append(appendTo('globex', 0, ['RelationshipOpened'], { timers: [timer('globex', 'coolingOffEnds', 3), timer('globex', 'noticeEnds', 4)] }));
        const later = at(day(5));
        expect(await timers.claimDue(later, 10, MINUTE)).toHaveLength(4);

        await timers.complete(['acme:coolingOffEnds', 'globex:coolingOffEnds']);
        await timers.release(['acme:noticeEnds']);

        expect((await timers.pending()).map((t) => t.id).sort()).toEqual(['acme:noticeEnds', 'globex:noticeEnds']);
        expect((await timers.claimDue(later, 10, MINUTE)).map((t) => t.id)).toEqual(['acme:noticeEnds']);
      });

      it('keeps a timer rescheduled while it was being fired', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'coolingOffEnds', 3)] }));
        await timers.claimDue(now, 10, MINUTE);
        await store.append(appendTo('acme', 1, ['CoolingOffExtended'], { timers: [timer('acme', 'coolingOffEnds', 8)] }));
        await timers.complete(['acme:coolingOffEnds']);

        expect(await timers.pending('acme')).toEqual([timer('acme', 'coolingOffEnds', 8)]);
        expect(await timers.claimDue(now, 10, MINUTE)).toEqual([]);
      });

      it('keeps the lease of a timer an append asks for unchanged', async () => {
        await store.append(appendTo('acme', 0, ['RelationshipOpened'], { timers: [timer('acme', 'coolingOffEnds', 3)] }));
        await timers.claimDue(now, 10, MINUTE);
        await store.append(appendTo('acme', 1, ['RelationshipMarkedAtRisk'], { timers: [timer('acme', 'coolingOffEnds', 3)] }));

        expect(await timers.claimDue(now, 10, MINUTE)).toEqual([]);
        await timers.complete(['acme:coolingOffEnds']);
        expect(await timers.pending()).toEqual([]);
      });
    });

    it('gives events their content back unchanged, whatever it holds', async () => {
      const event = fact('RelationshipMarkedAtRisk', 'acme', { score: 61.5, reasons: [{ code: 'late_payments', signalIds: ['s-1'] }], note: 'ünïcødé "quoted" \\ back' });
      await store.append({ streamId: 'acme', expectedVersion: 0, events: [event] });
      expect((await store.readStream('acme'))[0].event).toEqual(event);
    });
  });
}
