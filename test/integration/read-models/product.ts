// The product's ports on a database of the test's own: store, timers, engine on a manual clock,
// every read model migrated, and a catch-up that projects everything committed so far.
import { DEFAULT_POLICY } from '@offramp/domain';
import { migrate, openDatabase, SqlEventStore, SqlTimerStore, type Database } from '@offramp/event-store';
import { allProjections, type Projection, type ReadContext } from '@offramp/read-models';
import { RelationshipEngine, type Checkpoint, type HandleResult } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

export interface TestProduct {
  db: Database;
  store: SqlEventStore;
  engine: RelationshipEngine;
  clock: ManualClock;
  read: ReadContext;
  /** Handles each input in order at its own time, firing timers due before it; fails on a refusal unless allowed. */
  feed(...inputs: Record<string, unknown>[]): Promise<HandleResult[]>;
  /** Moves the clock and fires every timer due by then. */
  advanceTo(at: string): Promise<void>;
  catchUp(batchSize?: number): Promise<void>;
  /** Empties every read model and projects the whole store again. */
  rebuild(batchSize: number): Promise<void>;
  close(): Promise<void>;
}

const timeOf = (input: Record<string, unknown>): string => String(input.occurredAt ?? input.issuedAt);

export async function startTestProduct(prefix: string, projections: Projection[] = allProjections()): Promise<TestProduct> {
  const testDb: TestDatabase = await createTestDatabase(prefix);
  const db = await openDatabase({ url: testDb.url });
  await migrate(db, projections.flatMap((p) => p.migrations));
  const store = new SqlEventStore(db);
  const timers = new SqlTimerStore(db);
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const engine = new RelationshipEngine({ store, timers, clock, policy: DEFAULT_POLICY });
  let checkpoint: Checkpoint = null;

  const advanceTo = async (at: string) => {
    if (Date.parse(at) > clock.now().getTime()) clock.set(at);
    for (let round = 0; round < 50 && (await engine.fireDueTimers(100)).length > 0; round++);
  };

  let projected = 0;
  const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
  /**
   * Tails until every stored event is projected. The store holds back events while any older
   * transaction on the server is still open (gap-free reading), so this waits that out, bounded.
   */
  const project = async (batchSize: number) => {
    for (let round = 0; round < 2_000; round++) {
      const { events, checkpoint: next } = await store.readAll(checkpoint, batchSize);
      if (events.length === 0) {
        if (projected >= (await stored())) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      await db.transaction(async (tx) => {
        for (const p of projections) await p.apply(tx, events);
      });
      checkpoint = next;
      projected += events.length;
    }
    throw new Error(`projections did not catch up: ${projected} of ${await stored()} events`);
  };
  // One catch-up at a time, as one projection runner would: concurrent readers share the checkpoint.
  let running: Promise<void> = Promise.resolve();
  const catchUp = (batchSize = 100) => (running = running.then(() => project(batchSize)));

  return {
    db, store, engine, clock,
    read: { sql: db, store, get now() { return clock.now(); } },
    async feed(...inputs) {
      const results: HandleResult[] = [];
      for (const input of inputs) {
        await advanceTo(timeOf(input));
        results.push(await engine.handle(input));
      }
      return results;
    },
    advanceTo,
    catchUp,
    async rebuild(batchSize) {
      for (const table of projections.flatMap((p) => p.tables)) await db.query(`DELETE FROM ${table}`);
      checkpoint = null;
      projected = 0;
      await catchUp(batchSize);
    },
    async close() {
      await db.close();
      await testDb.drop();
    },
  };
}
