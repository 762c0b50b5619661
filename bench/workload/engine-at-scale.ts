// The engine on its own in a process, for the scale benchmark's memory figure: it opens the store
// (already holding N relationships) as the worker does, with the worker's defaults (the state
// cache bounded at its default size), and handles one signal on each of TOUCHED relationships
// spread over the N, in batches of 100 as the Kafka worker hands them over. With TOUCHED=0 it
// only opens the store: the same-run floor. Prints its memory as JSON; its peak RSS is read by
// GNU time around it.
// Environment: DATABASE_URL, RELATIONSHIPS, TOUCHED.
import { DEFAULT_POLICY } from '@offramp/domain';
import { openSqlEventStore } from '@offramp/event-store';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { relationshipIdOf } from './sample-events';

const BATCH = 100;

/** A signal for `relationshipId` after the seeded history's end, so time only moves forward. */
export function laterSignal(relationshipId: string, n: number): Record<string, unknown> {
  return {
    kind: 'signal', id: `scale-${relationshipId}-${n}`, type: 'time.logged', relationshipId, source: 'bench',
    occurredAt: new Date(Date.UTC(2030, 0, 1) + n * 60_000).toISOString(), data: { hours: 1 },
  };
}

/** The seeded id of the i-th of `touched` relationships spread evenly over `n`. */
export const spreadId = (i: number, touched: number, n: number): string => relationshipIdOf(Math.floor((i * n) / touched));

async function main(): Promise<void> {
  const n = Number(process.env.RELATIONSHIPS);
  const touched = Number(process.env.TOUCHED);
  const store = await openSqlEventStore({ url: process.env.DATABASE_URL!, maxConnections: 4 });
  const clock = new ManualClock(new Date(Date.UTC(2031, 0, 1)));
  const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: DEFAULT_POLICY });
  let accepted = 0;
  for (let i = 0; i < touched; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(touched, i + BATCH); j++) batch.push(laterSignal(spreadId(j, touched, n), j));
    accepted += (await engine.handleBatch(batch)).filter((r) => r.status === 'accepted').length;
  }
  const { rss, heapUsed } = process.memoryUsage();
  await store.close();
  process.stdout.write(`${JSON.stringify({ accepted, rssMiB: rss / 2 ** 20, heapMiB: heapUsed / 2 ** 20 })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  });
}
