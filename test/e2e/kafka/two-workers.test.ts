// Two worker processes in one consumer group: the second joins mid-stream, the group rebalances,
// then the first leaves; the partitions move between them and every input is still recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, firstCopy, readTopic, testBrokers, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { produce, startWorker, storeCounts, type WorkerProcess } from './harness';
import { load } from './scenario';
import { topicsFor } from '../../support/topics';

describe('two workers sharing the load', () => {
  let database: TestDatabase;
  const workers: WorkerProcess[] = [];
  const prefix = uniqueName('pair');
  const topics = topicsFor(prefix);
  const groupId = uniqueName('engine');
  // At debug level a worker logs each group join with the partitions it was given.
  const start = async () => {
    const worker = await startWorker({ KAFKA_BROKERS: testBrokers().join(','), DATABASE_URL: database.url, TOPIC_PREFIX: prefix, GROUP_ID: groupId, LOG_LEVEL: 'debug' });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    database = await createTestDatabase('kafka_pair');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await database?.drop();
  });

  it('records every input once across a rebalance in and a rebalance out', async () => {
    const inputs = load(1000, 4);
    const first = await start();
    await produce(topics.commands, inputs.opens);
    await eventually(async () => (await storeCounts(database.url)).accepted >= 1000, 120_000, '1,000 relationships opened');
    await produce(topics.signals, inputs.signals);

    const second = await start();
    await eventually(async () => (await storeCounts(database.url)).accepted >= 1000 + (inputs.acceptedInputs - 1000) / 2, 150_000, 'half the signals recorded');
    await first.stop();
    await eventually(async () => (await storeCounts(database.url)).accepted >= inputs.acceptedInputs, 150_000, 'every signal recorded');
    const letters = await readTopic(topics.deadLetter, inputs.poison, { timeoutMs: 60_000, where: firstCopy() });

    const counts = await storeCounts(database.url);
    expect(counts.accepted).toBe(inputs.acceptedInputs);
    expect(counts.events).toBe(counts.eventsByKeys);
    expect(letters).toHaveLength(inputs.poison);
    expect(first.child.exitCode).toBe(0);
    // The second worker first shared the signal partitions, then, once the first left, held all six.
    const joins = () => second.output().split('\n').filter((l) => l.includes('Consumer has joined the group'))
      .map((l) => (JSON.parse(l) as { memberAssignment: Record<string, number[]> }).memberAssignment[topics.signals] ?? []);
    expect(joins()[0]!.length).toBeGreaterThan(0);
    expect(joins()[0]!.length).toBeLessThan(6);
    await eventually(async () => joins().at(-1)!.length === 6, 60_000, 'the second worker holds every signal partition');
    expect(joins().at(-1)!.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
