// Tails the store into the event-type counts under the read models' lease, as the projector app
// does, and prints its processor's statistics (wake-ups by cause, lease changes) as a JSON line
// whenever they change, so a test can count what woke it instead of timing it.
// POLL_MS: fallback poll; LEASE_TTL_MS: the lease's lifetime. Stops cleanly on SIGTERM.
import { openDatabase, SqlEventStore, SqlLeaseStore } from '@offramp/event-store';
import { ProjectionRunner } from '@offramp/read-models';
import { eventTypeCounts } from '../../../support/event-type-counts.projection';

async function main(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL as string });
  const store = new SqlEventStore(db);
  const runner = new ProjectionRunner({
    db,
    store,
    projections: [eventTypeCounts()],
    batchSize: 50,
    pollMs: Number(process.env.POLL_MS),
    lease: { store: new SqlLeaseStore(db), ttlMs: Number(process.env.LEASE_TTL_MS), owner: `pid-${process.pid}` },
  });
  runner.start();
  const listening = await store.isListening();
  let last = '';
  const report = () => {
    const line = JSON.stringify({ pid: process.pid, listening, ...runner.stats });
    if (line !== last) process.stdout.write(`${line}\n`);
    last = line;
  };
  const reporting = setInterval(report, 20);
  process.once('SIGTERM', () => {
    clearInterval(reporting);
    void runner.stop().then(async () => {
      report();
      await db.close();
      process.exit(0);
    });
  });
}

void main();
