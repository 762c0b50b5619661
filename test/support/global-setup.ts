// vitest globalSetup for the integration and e2e projects: PostgreSQL must answer, and one Kafka
// broker serves the whole run (tests use topic names with a unique suffix to share it).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startBroker, type RunningBroker } from '../../tools/kafka/broker';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function requirePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${url} (${(error as Error).message}).\n` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        'or point TEST_DATABASE_URL at a running server.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.TEST_DATABASE_URL || DEFAULT_DATABASE_URL;
  await requirePostgres(databaseUrl);
  process.env.TEST_DATABASE_URL = databaseUrl;
  project.provide('databaseUrl', databaseUrl);

  // A broker given from outside (or by the other project's setup in the same run) is reused and left alone.
  let broker: RunningBroker | undefined;
  if (!process.env.KAFKA_BROKERS) {
    broker = await startBroker({ tiedToThisProcess: true, log: (line) => process.stderr.write(`[kafka] ${line}\n`) });
    process.env.KAFKA_BROKERS = broker.brokers;
  }
  project.provide('kafkaBrokers', process.env.KAFKA_BROKERS);

  return async () => {
    if (!broker) return;
    await broker.stop();
    if (process.env.KAFKA_BROKERS === broker.brokers) delete process.env.KAFKA_BROKERS;
  };
}
