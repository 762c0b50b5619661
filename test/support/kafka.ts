// Kafka in tests. global-setup.ts starts one broker per run (or reuses KAFKA_BROKERS) and exposes
// its address two ways: `inject('kafkaBrokers')` (vitest's provide/inject, always reliable in test
// files) and process.env.KAFKA_BROKERS, which workers and the child processes they spawn inherit
// because the setup runs before they start (checked with vitest 4.1). `testBrokers()` reads the first,
// falling back to the second.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { inject } from 'vitest';
import { ensureTopics } from '@offramp/messaging';

export function testBrokers(): string[] {
  const brokers = inject('kafkaBrokers') || process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('no Kafka broker: run this file in the integration or e2e project (test/support/global-setup.ts)');
  return brokers.split(',');
}

/** A topic (or group) name no other test file uses on the shared broker. */
export function uniqueName(base: string): string {
  return `${base}.${randomBytes(4).toString('hex')}`;
}

/** A client of the run's broker, or of `brokers` (a test's private broker). */
export function testKafka(clientId = 'offramp-test', brokers = testBrokers()): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
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
  await withAdmin((admin) => ensureTopics(admin, [{ topic, numPartitions }]));
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning until `count` messages (those `where` accepts, when given)
 * arrived; fails after `timeoutMs`.
 */
export async function readTopic(topic: string, count: number, options: { timeoutMs?: number; where?: (m: ReadMessage) => boolean; brokers?: string[] } = {}): Promise<ReadMessage[]> {
  const { timeoutMs = 60_000, where = () => true } = options;
  const consumer = testKafka('offramp-test-reader', options.brokers).consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const received: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${received.length} of ${count} messages from ${topic} in ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));
            const read = { partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers };
            if (where(read)) received.push(read);
          }
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Waits until `condition()` holds, checking every 50 ms, for at most `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A `readTopic` filter passing each dead letter's source message once (dead letters are at-least-once). */
export function firstCopy(): (m: ReadMessage) => boolean {
  const seen = new Set<string>();
  return (m) => {
    const { source } = JSON.parse(m.value!) as { source: { topic: string; partition: number; offset: string } };
    const id = `${source.topic}/${source.partition}/${source.offset}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
}
