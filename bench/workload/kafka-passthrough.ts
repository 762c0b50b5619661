// The floor for anything that consumes from Kafka and writes back to it: a bare kafkajs consumer
// group that produces every fetched batch to another topic (acks from all in-sync replicas) before
// moving its offsets, as the worker does, but with no decision, store or read model in between.
// With `store`, each batch is first handed to it (one multi-row INSERT, say) before it is produced:
// the floor of any design that stores each input before publishing it.
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { ensureTopics } from '@offramp/messaging';
import { sleep } from '../harness/measure';

export interface Passthrough {
  readonly input: string;
  /** Messages passed on so far. */
  passed(): number;
  /** Resolves once `count` messages were passed on (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export type StoreBatch = (messages: { key: string | null; value: string | null }[]) => Promise<void>;

export async function startPassthrough(
  brokers: string[], names: { input: string; output: string; groupId: string }, partitions: number, store?: StoreBatch,
): Promise<Passthrough> {
  const kafka = new Kafka({ clientId: 'bench-passthrough', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [names.input, names.output].map((topic) => ({ topic, numPartitions: partitions })));
  } finally {
    await admin.disconnect();
  }
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer: Consumer = kafka.consumer({ groupId: names.groupId, maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [names.input], fromBeginning: true });
  let passed = 0;
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      if (batch.messages.length === 0) return;
      if (store) await store(batch.messages.map((m) => ({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? null })));
      await producer.send({ topic: names.output, acks: -1, messages: batch.messages.map((m) => ({ key: m.key, value: m.value })) });
      resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
      await heartbeat();
      passed += batch.messages.length;
    },
  });
  return {
    input: names.input,
    passed: () => passed,
    waitFor: async (count, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (passed < count) {
        if (Date.now() > deadline) throw new Error(`the passthrough passed ${passed} of ${count} messages in ${timeoutMs} ms`);
        await sleep(10);
      }
    },
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
