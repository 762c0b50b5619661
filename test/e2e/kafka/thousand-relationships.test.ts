// One worker process, 1,000 relationships through the real broker into PostgreSQL: every input
// recorded once, every poison message dead-lettered with its source, nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, firstCopy, readTopic, testBrokers, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { produce, startWorker, storeCounts, type WorkerProcess } from './harness';
import { load } from './scenario';
import { topicsFor } from '../../support/topics';

describe('a worker process fed 1,000 relationships', () => {
  let database: TestDatabase;
  let worker: WorkerProcess | undefined;
  const prefix = uniqueName('thousand');
  const topics = topicsFor(prefix);

  beforeAll(async () => {
    database = await createTestDatabase('kafka_thousand');
    worker = await startWorker({ KAFKA_BROKERS: testBrokers().join(','), DATABASE_URL: database.url, TOPIC_PREFIX: prefix, GROUP_ID: uniqueName('engine') });
  });
  afterAll(async () => {
    await worker?.stop();
    await database?.drop();
  });

  it('records every input once and dead-letters every poison message', async () => {
    const inputs = load(1000, 4);
    await produce(topics.commands, inputs.opens);
    await eventually(async () => (await storeCounts(database.url)).accepted >= 1000, 120_000, '1,000 relationships opened');
    await produce(topics.signals, inputs.signals);
    await eventually(async () => (await storeCounts(database.url)).accepted >= inputs.acceptedInputs, 150_000, 'every signal recorded');

    // Dead letters are at-least-once too: count each source message once.
    const letters = await readTopic(topics.deadLetter, inputs.poison, { timeoutMs: 60_000, where: firstCopy() });
    const counts = await storeCounts(database.url);
    expect(counts.accepted).toBe(inputs.acceptedInputs);
    expect(counts.events).toBe(counts.eventsByKeys);
    expect(letters).toHaveLength(inputs.poison);
    expect(new Set(letters.map((m) => m.headers['dead-letter-code']))).toEqual(new Set(['invalid_signal']));
  });
});
