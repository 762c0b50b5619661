// Read models follow the store exactly: every event applied once, across restarts, failures,
// runners side by side and rebuilds from zero.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import { ProjectionRunner, type Projection, type RebuildProgress } from '@offramp/read-models';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countsByType, eventTypeCounts } from '../../support/event-type-counts.projection';
import { createTestDatabase } from '../../support/postgres';
import { appendTo } from './builders';
import { readable as readableIn } from './contract';

function projectionRunnerBehaviour(engine: string, open: () => Promise<{ db: Database; drop(): Promise<void> }>): void {
  describe(`projection runner (${engine})`, () => {
    const counts = eventTypeCounts();
    let db: Database;
    let drop: () => Promise<void>;
    let store: SqlEventStore;
    const runner = (projections: Projection[] = [counts], batchSize = 4) => new ProjectionRunner({ db, store, projections, batchSize, rebuildBatchSize: batchSize, pollMs: 5 });

    const readable = (count: number) => readableIn(store, count);

    /** acme: opened, at risk, repair; globex: opened. */
    const history = async () => {
      await store.append(appendTo('acme', 0, ['RelationshipOpened', 'RelationshipMarkedAtRisk']));
      await store.append(appendTo('globex', 0, ['RelationshipOpened']));
      await store.append(appendTo('acme', 2, ['RepairAttemptStarted']));
      await readable(4);
    };

    beforeAll(async () => {
      ({ db, drop } = await open());
      await migrate(db, counts.migrations);
      store = new SqlEventStore(db);
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });
    beforeEach(async () => {
      await db.query('TRUNCATE events, streams, projection_checkpoints, test_event_type_counts RESTART IDENTITY');
    });

    it('projects every event once and remembers where it stopped', async () => {
      await history();
      expect(await runner().catchUp()).toBe(4);

      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
      expect(await runner().checkpointOf(counts.name)).toBe((await store.readAll(null, 100)).checkpoint);
    });

    it('picks up after a restart where the last one left off', async () => {
      await history();
      await runner().catchUp();
      await store.append(appendTo('globex', 1, ['RelationshipMarkedAtRisk']));
      await readable(5);

      expect(await runner().catchUp()).toBe(1);
      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 2, RepairAttemptStarted: 1 });
    });

    it('keeps neither effect nor checkpoint of a page it failed on, and retries it', async () => {
      await history();
      let failures = 1;
      const flaky: Projection = {
        ...counts,
        apply: async (tx, events) => {
          await counts.apply(tx, events);
          if (events.some((e) => e.type === 'RepairAttemptStarted') && failures-- > 0) throw new Error('read model unavailable');
        },
      };
      const once = runner([flaky], 100);

      await expect(once.catchUp()).rejects.toThrow('read model unavailable');
      expect(await countsByType(db)).toEqual({});
      expect(await once.checkpointOf(counts.name)).toBeNull();

      expect(await once.catchUp()).toBe(4);
      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
    });

    it('keeps the other read models moving while one of them fails', async () => {
      await history();
      const broken: Projection = { name: 'broken', tables: [], migrations: [], apply: async () => { throw new Error('always fails'); } };
      const both = runner([broken, counts], 100);

      await expect(both.runOnce()).rejects.toThrow('broken failed: always fails');
      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
      expect(await both.checkpointOf('broken')).toBeNull();
    });

    it('applies each page to every read model standing at the same place in one transaction', async () => {
      await history();
      const seen: string[] = [];
      const noted: Projection = { name: 'noted', tables: [], migrations: [], apply: async (_tx, events) => { seen.push(...events.map((e) => e.type)); } };
      let transactions = 0;
      const counted: Database = Object.assign(Object.create(db) as Database, {
        transaction: <T>(fn: Parameters<Database['transaction']>[0]) => { transactions += 1; return db.transaction(fn) as Promise<T>; },
      });
      const together = new ProjectionRunner({ db: counted, store, projections: [counts, noted], batchSize: 2, pollMs: 5 });

      expect(await together.catchUp()).toBe(8);
      expect(transactions).toBe(2);
      expect(seen).toHaveLength(4);
      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
      expect(await together.checkpointOf('noted')).toBe(await together.checkpointOf(counts.name));
    });

    it('never applies an event twice when two runners work side by side', async () => {
      for (let i = 0; i < 10; i++) await store.append(appendTo(`client-${i}`, 0, ['RelationshipOpened', 'RelationshipMarkedAtRisk']));
      await readable(20);
      await Promise.all([runner([counts], 3).catchUp(), runner([counts], 5).catchUp()]);
      await runner().catchUp();

      expect(await countsByType(db)).toEqual({ RelationshipOpened: 10, RelationshipMarkedAtRisk: 10 });
    });

    it('follows the store in the background until stopped', async () => {
      const background = runner();
      background.start();
      await history();
      let seen: Record<string, number> = {};
      for (let i = 0; i < 2_000 && (seen.RepairAttemptStarted ?? 0) === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen = await countsByType(db);
      }
      await background.stop();

      expect(background.isRunning).toBe(false);
      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
    });

    it('rebuilds a read model from zero, reporting progress up to every stored event', async () => {
      await history();
      await runner().catchUp();
      await db.query(`UPDATE test_event_type_counts SET count = 99`);

      const reports: RebuildProgress[] = [];
      const done = await runner([counts], 2).rebuild(counts.name, (p) => reports.push(p));

      expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
      expect(done).toEqual({ projections: [counts.name], processed: 4, total: 4 });
      expect(reports.map((r) => r.processed)).toEqual([0, 2, 4]);
    });

    it('refuses to rebuild a read model it does not know', async () => {
      await expect(runner().rebuild('nonexistent')).rejects.toThrow(/no projection named nonexistent/);
    });
  });
}

projectionRunnerBehaviour('PostgreSQL', async () => {
  const database = await createTestDatabase('projection_runner');
  return { db: await openDatabase({ url: database.url }), drop: database.drop };
});

projectionRunnerBehaviour('PGlite', async () => ({ db: await openDatabase({ url: 'memory://' }), drop: async () => undefined }));
