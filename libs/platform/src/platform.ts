// The composition root: from a validated configuration to connected ports. Plain TypeScript,
// so the CLI, the tests and the NestJS apps build the product the same way.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '@offramp/domain';
import type { AppConfig } from '@offramp/config';
import { CheckpointStore, eventsBehind, openDatabase, migrate, SqlDeadLetterArchive, SqlEventStore, timersDue, type Database } from '@offramp/event-store';
import { createLogger, createMetricsRegistry, HealthRegistry, registerOperatorMetrics, type Logger, type Registry } from '@offramp/observability';
import { InProcessMessageBus, KafkaMessageBus, OUTBOX_CHECKPOINT, type MessageBus } from '@offramp/messaging';
import { webhookMigrations } from '@offramp/notifications';
import { allProjections } from '@offramp/read-models';
import { RelationshipEngine, TeamPolicies, type Clock, type TimerStore } from '@offramp/runtime';
import { SystemClock } from '@offramp/timers';

export interface Platform {
  config: AppConfig;
  logger: Logger;
  metrics: Registry;
  health: HealthRegistry;
  database: Database;
  store: SqlEventStore;
  /** Named checkpoints of readers of the global order (the outbox publisher's). */
  checkpoints: CheckpointStore;
  timers: TimerStore;
  /** Dead letters too large for the broker, kept whole (`dead_letters`). */
  deadLetters: SqlDeadLetterArchive;
  clock: Clock;
  engine: RelationshipEngine;
  /** Each team's policy, from its own stream; the engine decides every input under its team's. */
  policies: TeamPolicies;
  /** Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  bus: MessageBus;
  close(): Promise<void>;
}

/** Where the embedded default keeps its PGlite files. */
export const pgliteDirOf = (config: AppConfig): string => path.join(config.dataDir, 'pglite');

export async function openPlatformDatabase(config: AppConfig): Promise<Database> {
  if (!config.database.url) mkdirSync(pgliteDirOf(config), { recursive: true });
  const database = await openDatabase(config.database.url ? { url: config.database.url, maxConnections: config.database.poolSize } : { dataDir: pgliteDirOf(config) });
  try {
    await migrate(database, ...allProjections().map((projection) => projection.migrations), webhookMigrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function createPlatform(config: AppConfig, logger: Logger = createLogger(config.log)): Promise<Platform> {
  const metrics = createMetricsRegistry();
  const health = new HealthRegistry();
  const database = await openPlatformDatabase(config);
  const store = new SqlEventStore(database);
  health.register('database', () => store.health());
  const timers = store.timers;
  const clock = new SystemClock();
  const policies = new TeamPolicies(store);
  const engine = new RelationshipEngine({ store, timers, clock, policy: DEFAULT_POLICY, policies }, { snapshotEvery: config.snapshotEvery });
  registerOperatorMetrics(metrics, operatorSources(database, clock));
  const bus = createBus(config, logger, metrics, health);
  await bus.start();
  const busHealth = bus.health?.bind(bus);
  if (busHealth) health.register('broker', busHealth);
  logger.info({ database: database.kind, kafka: config.kafka?.brokers ?? null }, 'platform ready');
  return {
    config, logger, metrics, health, database, store, checkpoints: new CheckpointStore(database), timers,
    deadLetters: new SqlDeadLetterArchive(database), clock, engine, policies, bus,
    close: async () => {
      await bus.stop();
      await database.close();
    },
  };
}

/** A timer is overdue once it has been due this long: the runner fires due timers every second or so. */
const OVERDUE_AFTER_MS = 60_000;

/** What the operator's gauges read, from the shared database: the same in every process on it. */
function operatorSources(database: Database, clock: Clock) {
  const readModels = allProjections().map((projection) => projection.name);
  return {
    outboxLag: async () => (await eventsBehind(database, [OUTBOX_CHECKPOINT])).get(OUTBOX_CHECKPOINT) ?? 0,
    readModelLag: () => eventsBehind(database, readModels),
    timers: () => {
      const now = clock.now();
      return timersDue(database, now, new Date(now.getTime() - OVERDUE_AFTER_MS));
    },
    connections: () => database.connections(),
  };
}

function createBus(config: AppConfig, logger: Logger, registry: Registry, health: HealthRegistry): MessageBus {
  const kafka = config.kafka;
  if (!kafka) return new InProcessMessageBus({ partitions: 6 });
  return new KafkaMessageBus({
    brokers: kafka.brokers,
    clientId: kafka.clientId,
    groupId: kafka.groupId,
    topics: kafka.topics,
    partitions: kafka.partitions,
    sessionTimeoutMs: kafka.sessionTimeoutMs,
    stuckAfterMs: kafka.stuckAfterMs,
    partitionsConsumedConcurrently: kafka.concurrentPartitions,
    maxBatchSize: kafka.batchSize,
    health,
    ssl: kafka.ssl,
    sasl: kafka.sasl,
    logger: logger.child({ component: 'kafka' }),
    registry,
  });
}
