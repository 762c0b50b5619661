// Appends batches until killed: batch b is one appendMany of 20 appends (keys batch-b-i) of
// 10 events each, over 20 streams. Each batch is all or nothing.
import { openDatabase, SqlEventStore } from '@offramp/event-store';
import { appendTo } from '../../event-store/builders';

async function main(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL as string });
  const store = new SqlEventStore(db);
  const version = new Array<number>(20).fill(0);
  for (let batch = 0; batch < 100_000; batch++) {
    const requests = version.map((v, s) =>
      appendTo(`stream-${s}`, v, Array.from({ length: 10 }, () => 'SignalRecorded'), { idempotencyKey: `batch-${batch}-${s}` }));
    await store.appendMany(requests);
    version.forEach((_, s) => { version[s] += 10; });
    process.stdout.write(`batch ${batch}\n`);
  }
}

void main();
