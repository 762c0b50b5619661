// The Kafka transport on the real broker: the semantics the engine worker relies on.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, createMetricsRegistry, type Registry } from '@offramp/observability';
import { KafkaMessageBus, type InboundMessage, type MessagingTopics } from '@offramp/messaging';
import { eventually, testBrokers, uniqueName, withAdmin } from '../../support/kafka';
import { topicsFor } from '../../support/topics';

const logger = createLogger({ level: 'silent' });

const topicsForThisTest = (): MessagingTopics => topicsFor(uniqueName('bus'));

const buses: KafkaMessageBus[] = [];
function bus(topics: MessagingTopics, groupId: string, extra: Partial<ConstructorParameters<typeof KafkaMessageBus>[0]> = {}): KafkaMessageBus {
  const created = new KafkaMessageBus({ brokers: testBrokers(), topics, groupId, partitions: 3, logger, maxWaitTimeInMs: 100, ...extra });
  buses.push(created);
  return created;
}

const signal = (relationshipId: string, n: number) => ({ key: relationshipId, value: JSON.stringify({ relationshipId, n }) });
const numbersOf = (messages: InboundMessage[], key: string) => messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value!).n as number);

function firstDeliveries(messages: InboundMessage[]): InboundMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(`${m.partition}/${m.offset}`) && Boolean(seen.add(`${m.partition}/${m.offset}`)));
}

async function consumedCount(registry: Registry, topic: string): Promise<number> {
  const metric = await registry.getSingleMetric('offramp_messages_consumed_total')?.get();
  return metric?.values.find((v) => v.labels.topic === topic)?.value ?? 0;
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.stop()));
});

describe('the Kafka message bus', () => {
  it('creates the missing topics with the configured partitions', async () => {
    const topics = topicsForThisTest();
    await bus(topics, uniqueName('group')).start();

    const metadata = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: Object.values(topics) }));
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(Object.values(topics).map((name) => [name, 3]).sort());
  });

  it("keeps each relationship's messages in order, with key, value and headers", async () => {
    const topics = topicsForThisTest();
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const b = bus(topics, uniqueName('group'), { registry });
    await b.start();
    const keys = Array.from({ length: 10 }, (_, i) => `client-${i}`);
    for (let n = 0; n < 20; n++) await b.publish(topics.signals, keys.map((key) => ({ ...signal(key, n), headers: { trace: `t-${n}` } })));

    const received: InboundMessage[] = [];
    await b.consume([topics.signals], async (batch) => { received.push(...batch); });
    await eventually(async () => new Set(received.map((m) => m.value)).size >= 200 && (await consumedCount(registry, topics.signals)) >= 200, 60_000, 'all 200 messages consumed');

    // At-least-once on both sides: a rebalance may deliver a batch twice (same offsets), and a
    // producer retry on a topic just created may store a message twice (next to the first copy).
    const delivered = firstDeliveries(received);
    for (const key of keys) {
      const numbers = numbersOf(delivered, key);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect([...new Set(numbers)]).toEqual([...Array(20).keys()]);
    }
    expect(received[0]).toMatchObject({ topic: topics.signals, headers: { trace: 't-0' } });
  });

  it('delivers a rejected batch again before anything after it', async () => {
    const topics = topicsForThisTest();
    const b = bus(topics, uniqueName('group'), { partitions: 1, maxBatchSize: 1 });
    await b.start();
    await b.publish(topics.signals, [signal('acme', 0), signal('acme', 1), signal('acme', 2)]);

    const handled: number[] = [];
    let failuresLeft = 1;
    await b.consume([topics.signals], async ([message]) => {
      const n = JSON.parse(message!.value!).n as number;
      if (n === 1 && failuresLeft-- > 0) throw new Error('the store is unavailable');
      handled.push(n);
    });
    await eventually(() => handled.length >= 3, 90_000, 'the three messages handled');

    expect(handled).toEqual([0, 1, 2]);
  });

  it('resumes after the last handled message when the group comes back', async () => {
    const topics = topicsForThisTest();
    const groupId = uniqueName('group');
    const first = bus(topics, groupId, { partitions: 1 });
    await first.start();
    await first.publish(topics.signals, [0, 1, 2].map((n) => signal('acme', n)));
    const before: number[] = [];
    await first.consume([topics.signals], async (batch) => { before.push(...numbersOf(batch, 'acme')); });
    await eventually(() => before.length >= 3, 60_000, 'the first three handled');
    await first.stop();
    buses.splice(buses.indexOf(first), 1);

    const second = bus(topics, groupId, { partitions: 1 });
    await second.start();
    await second.publish(topics.signals, [3, 4].map((n) => signal('acme', n)));
    const after: number[] = [];
    await second.consume([topics.signals], async (batch) => { after.push(...numbersOf(batch, 'acme')); });
    await eventually(() => after.length >= 2, 60_000, 'the next two handled');

    expect(before).toEqual([0, 1, 2]);
    expect(after).toEqual([3, 4]);
  });
});
