// An engine worker as its own process, for the end-to-end Kafka tests: PostgreSQL store, real
// engine, Kafka bus. Prints "ready" once consuming; SIGTERM stops it cleanly (SIGKILL does not).
// Environment: KAFKA_BROKERS, DATABASE_URL, TOPIC_PREFIX, GROUP_ID, PARTITIONS.
import { DEFAULT_POLICY } from '@offramp/domain';
import { SqlDeadLetterArchive, SqlTimerStore, openSqlEventStore } from '@offramp/event-store';
import { EngineWorker, KafkaMessageBus } from '@offramp/messaging';
import { createLogger } from '@offramp/observability';
import { RelationshipEngine } from '@offramp/runtime';
import { SystemClock } from '@offramp/timers';
import { topicsFor } from '../../support/topics';


async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', name: 'e2e-worker' });
  const store = await openSqlEventStore({ url: env('DATABASE_URL'), maxConnections: 4 });
  const engine = new RelationshipEngine({ store, timers: new SqlTimerStore(store.db), clock: new SystemClock(), policy: DEFAULT_POLICY });
  const topics = topicsFor(env('TOPIC_PREFIX'));
  const bus = new KafkaMessageBus({
    brokers: env('KAFKA_BROKERS').split(','), groupId: env('GROUP_ID'), topics, logger,
    partitions: Number(process.env.PARTITIONS ?? 6), maxWaitTimeInMs: 100, sessionTimeoutMs: 10_000,
  });
  await bus.start();
  await new EngineWorker({ bus, engine, topics, logger, archive: new SqlDeadLetterArchive(store.db) }).start();
  process.stdout.write('ready\n');

  process.once('SIGTERM', () => {
    void (async () => {
      await bus.stop();
      await store.close();
      process.exit(0);
    })();
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  });
}
