// Projects the store into the event-type counts; pages are slow so a kill lands mid-batch.
// Exits once caught up with EXPECTED events.
import { openDatabase, SqlEventStore } from '@offramp/event-store';
import { ProjectionRunner, type Projection } from '@offramp/read-models';
import { countsByType, eventTypeCounts } from '../../../support/event-type-counts.projection';

async function main(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL as string });
  const counts = eventTypeCounts();
  const slow: Projection = {
    ...counts,
    apply: async (tx, events) => {
      await counts.apply(tx, events);
      await tx.query('SELECT pg_sleep(0.02)');
    },
  };
  const runner = new ProjectionRunner({ db, store: new SqlEventStore(db), projections: [slow], batchSize: 25 });
  const expected = Number(process.env.EXPECTED);
  for (let round = 0; round < 10_000; round++) {
    await runner.runOnce();
    const projected = Object.values(await countsByType(db)).reduce((a, b) => a + b, 0);
    if (projected >= expected) break;
  }
  await db.close();
}

void main();
