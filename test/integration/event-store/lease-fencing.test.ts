// Checkpoint moves are fenced by the processor's lease: a holder paused past its lease's expiry
// (by the OS, a long collection) while a standby took over cannot move the checkpoint when it
// wakes, in a transaction of its own (read models) or after work outside the database (the
// outbox). Only the process holding the lease now moves it.
import { CheckpointStore, migrate, openDatabase, SqlEventStore, SqlLeaseStore, type Database, type Sql } from '@offramp/event-store';
import { TailingProcessor, type LeaseFence, type LeaseStore } from '@offramp/processing';
import type { StoredEvent } from '@offramp/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres';
import { eventually } from '../reliability/child-process';
import { appendTo } from './builders';
import { readable } from './contract';

// Long enough that a loaded machine never lets the holder lapse by accident before the test pauses it.
const TTL_MS = 3_000;
const PROCESSOR = 'fenced';

/** Something that can be held shut and opened later. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => { open = resolve; });
  return { wait, open };
}

/** A process's view of the lease store that can be frozen: while frozen its calls reach the database only once thawed. */
function freezable(store: LeaseStore): LeaseStore & { freeze(): void; thaw(): void } {
  let frozen: ReturnType<typeof gate> | null = null;
  const unfrozen = async () => { await frozen?.wait; };
  return {
    hold: async (name, owner, ttlMs) => { await unfrozen(); return store.hold(name, owner, ttlMs); },
    holds: async (fence) => { await unfrozen(); return store.holds(fence); },
    release: async (name, owner) => { await unfrozen(); return store.release(name, owner); },
    freeze: () => { frozen ??= gate(); },
    thaw: () => { frozen?.open(); frozen = null; },
  };
}

function leaseFencing(engine: string, open: () => Promise<{ db: Database; drop(): Promise<void> }>): void {
  describe(`checkpoints fenced by the lease (${engine})`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let store: SqlEventStore;
    let leases: SqlLeaseStore;
    let checkpoints: CheckpointStore;

    beforeAll(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      store = new SqlEventStore(db);
      leases = new SqlLeaseStore(db);
      checkpoints = new CheckpointStore(db);
    });
    afterAll(async () => {
      await store?.close();
      await db?.close();
      await drop?.();
    });
    beforeEach(async () => {
      await db.query('TRUNCATE events, streams, projection_checkpoints, processor_leases RESTART IDENTITY');
    });

    const expired = async (name: string) => {
      expect(await eventually(async () => (await leases.holder(name)) === null, 500, 10)).toBe(true);
    };

    it('refuses a page written under a lease that lapsed and changed hands; the new holder moves the checkpoint', async () => {
      await store.append(appendTo('acme', 0, ['RelationshipOpened']));
      await readable(store, 1);
      const page = await store.readAll(null, 10);
      const stale: LeaseFence = { lease: PROCESSOR, owner: 'paused', term: (await leases.hold(PROCESSOR, 'paused', 50))! };
      await expired(PROCESSOR);
      const current: LeaseFence = { lease: PROCESSOR, owner: 'standby', term: (await leases.hold(PROCESSOR, 'standby', 60_000))! };
      expect(current.term).toBe(stale.term + 1);

      let staleWork = 0;
      const writeRow = async (tx: Sql) => {
        staleWork += 1;
        await tx.query("INSERT INTO processor_leases (name, owner, term, expires_at) VALUES ('written-by-page', 'x', 1, now())");
      };
      expect(await checkpoints.advance('read-model', null, page.checkpoint, writeRow, stale)).toBe(false);
      expect(await checkpoints.advance('outbox', null, page.checkpoint, undefined, stale)).toBe(false);
      expect(staleWork).toBe(0);
      expect(await checkpoints.load('read-model')).toBeNull();
      expect(await checkpoints.load('outbox')).toBeNull();

      expect(await checkpoints.advance('read-model', null, page.checkpoint, writeRow, current)).toBe(true);
      expect(await checkpoints.advance('outbox', null, page.checkpoint, undefined, current)).toBe(true);
      expect(await checkpoints.load('read-model')).toBe(page.checkpoint);
      expect(await checkpoints.load('outbox')).toBe(page.checkpoint);
      expect(await leases.holder('written-by-page')).toBeNull();
    });

    it('refuses a holder whose lease lapsed even when nobody took it over yet', async () => {
      await store.append(appendTo('acme', 0, ['RelationshipOpened']));
      await readable(store, 1);
      const page = await store.readAll(null, 10);
      const lapsed: LeaseFence = { lease: PROCESSOR, owner: 'paused', term: (await leases.hold(PROCESSOR, 'paused', 50))! };
      await expired(PROCESSOR);

      expect(await checkpoints.advance('outbox', null, page.checkpoint, undefined, lapsed)).toBe(false);
      expect(await checkpoints.load('outbox')).toBeNull();
    });

    it('two processors: the holder paused past its lease cannot move the checkpoint on waking; the one that took over does', async () => {
      const published: Record<'paused' | 'standby', StoredEvent[]> = { paused: [], standby: [] };
      let pausedMidPage: ReturnType<typeof gate> | null = gate();
      let standbyBeforeMove: ReturnType<typeof gate> | null = gate();
      const pausedLeases = freezable(leases);
      const processor = (owner: 'paused' | 'standby', leaseStore: LeaseStore) => new TailingProcessor({
        name: PROCESSOR,
        source: store,
        checkpoints,
        pollMs: 20,
        lease: { store: leaseStore, owner, ttlMs: TTL_MS },
        // Work outside the database, as the outbox's produce: done, then the checkpoint moves.
        handlers: [{
          name: 'outbox',
          afterPage: async (events) => {
            published[owner].push(...events);
            const pause = owner === 'paused' ? pausedMidPage : standbyBeforeMove;
            await pause?.wait;
          },
        }],
      });
      const holder = processor('paused', pausedLeases);
      holder.start();
      expect(await eventually(async () => holder.stats.holdsLease)).toBe(true);
      const standby = processor('standby', leases);
      standby.start();
      try {
        await store.append(appendTo('acme', 0, ['RelationshipOpened', 'SignalRecorded']));
        // The holder publishes the page, then its whole process stops (it renews nothing) past the lease's expiry.
        expect(await eventually(async () => published.paused.length === 2)).toBe(true);
        pausedLeases.freeze();
        expect(await eventually(async () => standby.stats.leaseTaken === 1 && published.standby.length === 2)).toBe(true);

        // It wakes while the new holder is still publishing the same page: its checkpoint move is refused.
        pausedMidPage.open();
        pausedMidPage = null;
        pausedLeases.thaw();
        expect(await eventually(async () => !holder.stats.holdsLease)).toBe(true);
        expect(holder.stats.leaseLost).toBe(1);
        expect(await checkpoints.load('outbox')).toBeNull();

        standbyBeforeMove.open();
        standbyBeforeMove = null;
        const page = await store.readAll(null, 10);
        expect(await eventually(async () => (await checkpoints.load('outbox')) === page.checkpoint)).toBe(true);

        // From here on only the new holder publishes.
        await store.append(appendTo('acme', 2, ['RelationshipMarkedAtRisk']));
        expect(await eventually(async () => published.standby.length === 3)).toBe(true);
        expect(published.paused).toHaveLength(2);
        expect(await leases.holder(PROCESSOR)).toMatchObject({ owner: 'standby', term: 2 });
      } finally {
        pausedMidPage?.open();
        standbyBeforeMove?.open();
        pausedLeases.thaw();
        await Promise.all([holder.stop(), standby.stop()]);
      }
    });
  });
}

leaseFencing('PostgreSQL', async () => {
  const database = await createTestDatabase('lease_fencing');
  return { db: await openDatabase({ url: database.url }), drop: database.drop };
});

leaseFencing('PGlite', async () => ({ db: await openDatabase({ url: 'memory://' }), drop: async () => undefined }));
