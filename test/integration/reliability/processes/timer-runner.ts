// Fires due timers the way the engine does: claim with a lease, append the firing keyed by
// the timer id, complete. Some firings outlast the lease, so the other runner may claim the
// same timer again: then only the idempotency key stops a second firing. Exits when none is left.
import { openDatabase, SqlEventStore } from '@offramp/event-store';
import { VersionConflictError, type DueTimer } from '@offramp/runtime';
import { fact } from '../../event-store/builders';

const LEASE_MS = 50;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fire(store: SqlEventStore, timer: DueTimer): Promise<'appended' | 'duplicate'> {
  for (let attempt = 0; ; attempt++) {
    try {
      const expectedVersion = await store.streamVersion(timer.relationshipId);
      const result = await store.append({
        streamId: timer.relationshipId,
        expectedVersion,
        events: [fact('TimerFired', timer.relationshipId, { timerId: timer.id })],
        idempotencyKey: `timer:${timer.id}`,
      });
      return result.status;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt > 50) throw error;
    }
  }
}

async function main(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL as string });
  const store = new SqlEventStore(db);
  let appended = 0;
  for (let round = 0; round < 100_000; round++) {
    const due = await store.timers.claimDue(new Date(), 5, LEASE_MS);
    if (due.length === 0) {
      if ((await store.timers.pending()).length === 0) break;
      await pause(5);
      continue;
    }
    for (const timer of due) {
      if (Math.random() < 0.2) await pause(2 * LEASE_MS);
      if ((await fire(store, timer)) === 'appended') appended++;
      await store.timers.complete([timer.id]);
    }
  }
  process.stdout.write(`fired ${appended}\n`);
  await db.close();
}

void main();
