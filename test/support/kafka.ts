// Kafka in tests. global-setup.ts starts one broker per run (or reuses KAFKA_BROKERS) and exposes
// its address two ways: `inject('kafkaBrokers')` (vitest's provide/inject, always reliable in test
// files) and process.env.KAFKA_BROKERS, which workers and the child processes they spawn inherit
// because the setup runs before they start (checked with vitest 4.1). `testBrokers()` reads the first,
// falling back to the second.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { inject } from 'vitest';

export function testBrokers(): string[] {
  const brokers = inject('kafkaBrokers') || process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('no Kafka broker: run this file in the integration or e2e project (test/support/global-setup.ts)');
  return brokers.split(',');
}

/** A topic (or group) name no other test file uses on the shared broker. */
export function uniqueName(base: string): string {
  return `${base}.${randomBytes(4).toString('hex')}`;
}

export function testKafka(clientId = 'offramp-test'): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

export async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka('offramp-test-admin').admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(topic: string, numPartitions = 1): Promise<void> {
  await withAdmin((admin) => admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true }));
}
