// A worker killed with SIGKILL in the middle of the stream, then started again: the new process
// picks up from the last committed offsets, and redelivered inputs are recognised, so every input
// is recorded exactly once and no poison message is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, firstCopy, readTopic, testBrokers, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { produce, startWorker, storeCounts, type WorkerProcess } from './harness';
import { load } from './scenario';
import { topicsFor } from '../../support/topics';

describe('a worker killed mid-stream and restarted', () => {
  let database: TestDatabase;
  let worker: WorkerProcess | undefined;
  const prefix = uniqueName('crash');
  const topics = topicsFor(prefix);
  const groupId = uniqueName('engine');
  const start = () => startWorker({ KAFKA_BROKERS: testBrokers().join(','), DATABASE_URL: database.url, TOPIC_PREFIX: prefix, GROUP_ID: groupId });

  beforeAll(async () => {
    database = await createTestDatabase('kafka_crash');
  });
  afterAll(async () => {
    await worker?.stop();
    await database?.drop();
  });

  it('records every input exactly once', async () => {
    const inputs = load(1000, 4);
    worker = await start();
    await produce(topics.commands, inputs.opens);
    await eventually(async () => (await storeCounts(database.url)).accepted >= 1000, 120_000, '1,000 relationships opened');
    await produce(topics.signals, inputs.signals);
    const halfway = 1000 + (inputs.acceptedInputs - 1000) / 4;
    await eventually(async () => (await storeCounts(database.url)).accepted >= halfway, 120_000, 'a quarter of the signals recorded');

    await worker.kill();
    const atCrash = await storeCounts(database.url);
    expect(worker.child.signalCode).toBe('SIGKILL');
    expect(atCrash.accepted).toBeLessThan(inputs.acceptedInputs);

    worker = await start();
    await eventually(async () => (await storeCounts(database.url)).accepted >= inputs.acceptedInputs, 150_000, 'every signal recorded after the restart');
    // Dead letters are at-least-once too: count each source message once.
    const letters = await readTopic(topics.deadLetter, inputs.poison, { timeoutMs: 60_000, where: firstCopy() });

    const counts = await storeCounts(database.url);
    expect(counts.accepted).toBe(inputs.acceptedInputs);
    expect(counts.events).toBe(counts.eventsByKeys);
    expect(letters).toHaveLength(inputs.poison);
  });
});
