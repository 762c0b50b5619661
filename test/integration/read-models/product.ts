// The product's ports on a database of the test's own: store, timers, engine on a manual clock,
// every read model migrated, and the projection runner run to catch-up before queries.
import { DEFAULT_POLICY } from '@offramp/domain';
import { migrate, openDatabase, SqlEventStore, SqlTimerStore, type Database } from '@offramp/event-store';
import { allProjections, ProjectionRunner, type Projection, type ReadContext } from '@offramp/read-models';
import { RelationshipEngine, TeamPolicies, type HandleResult } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

export interface TestProduct {
  db: Database;
  store: SqlEventStore;
  engine: RelationshipEngine;
  /** Each team's policy, as the platform wires it. */
  policies: TeamPolicies;
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

/** `postgres`: a database of its own on the test server; `pglite`: the embedded engine, in memory. */
export type Engine = 'postgres' | 'pglite';

export async function startTestProduct(prefix: string, engine: Engine = 'postgres', projections: Projection[] = allProjections()): Promise<TestProduct> {
  const testDb: TestDatabase = engine === 'postgres' ? await createTestDatabase(prefix) : { url: 'memory://', drop: async () => {} };
  const db = await openDatabase({ url: testDb.url });
  await migrate(db, projections.flatMap((p) => p.migrations));
  const store = new SqlEventStore(db);
  const timers = new SqlTimerStore(db);
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const policies = new TeamPolicies(store);
  const relationships = new RelationshipEngine({ store, timers, clock, policy: DEFAULT_POLICY, policies });

  const advanceTo = async (at: string) => {
    if (Date.parse(at) > clock.now().getTime()) clock.set(at);
    for (let round = 0; round < 50 && (await relationships.fireDueTimers(100)).length > 0; round++);
  };

  const runnerOf = (batchSize: number) => new ProjectionRunner({ db, store, projections, batchSize, rebuildBatchSize: batchSize });
  let projected = 0;
  const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
  /**
   * Runs the projection runner until every stored event is projected. The store holds back events
   * while an older transaction on the server is still open (gap-free reading): wait that out, bounded.
   */
  const project = async (runner: ProjectionRunner) => {
    for (let round = 0; round < 2_000; round++) {
      projected += (await runner.catchUp()) / projections.length;
      if (projected >= (await stored())) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`projections did not catch up: ${projected} of ${await stored()} events`);
  };
  // One catch-up at a time, as in one projector process.
  let running: Promise<void> = Promise.resolve();
  const catchUp = (batchSize = 100) => (running = running.then(() => project(runnerOf(batchSize))));

  return {
    db, store, engine: relationships, policies, clock,
    read: { sql: db, store, get now() { return clock.now(); } },
    async feed(...inputs) {
      const results: HandleResult[] = [];
      for (const input of inputs) {
        await advanceTo(timeOf(input));
        results.push(await relationships.handle(input));
      }
      return results;
    },
    advanceTo,
    catchUp,
    async rebuild(batchSize) {
      await running;
      const runner = runnerOf(batchSize);
      projected = (await runner.rebuild()).processed;
      await project(runner);
    },
    async close() {
      await db.close();
      await testDb.drop();
    },
  };
}
