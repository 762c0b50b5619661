// The broker goes down while a worker is busy and comes back on the same data: the worker rides it
// out (kafkajs reconnects, the batch in flight is delivered again) and nothing is lost or doubled:
// not an input, not a dead letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../../tools/kafka/broker';
import { eventually, readTopic, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { messagesIn, produce, startWorker, storeCounts, type WorkerProcess } from './harness';
import { load } from './scenario';
import { topicsFor } from '../../support/topics';

describe('a broker restart under load', () => {
  let broker: RunningBroker;
  let database: TestDatabase;
  let worker: WorkerProcess | undefined;
  const prefix = uniqueName('restart');
  const topics = topicsFor(prefix);

  beforeAll(async () => {
    // A broker of its own: stopping the run's shared broker would disturb the other test files.
    broker = await startBroker({ tiedToThisProcess: true });
    database = await createTestDatabase('kafka_restart');
    worker = await startWorker({ KAFKA_BROKERS: broker.brokers, DATABASE_URL: database.url, TOPIC_PREFIX: prefix, GROUP_ID: uniqueName('engine') });
  });
  afterAll(async () => {
    await worker?.stop();
    await broker?.stop();
    await database?.drop();
  });

  it('loses and doubles nothing', async () => {
    const brokers = [broker.brokers];
    const inputs = load(300, 4);
    const half = Math.floor(inputs.signals.length / 2);
    await produce(topics.commands, inputs.opens, brokers);
    await eventually(async () => (await storeCounts(database.url)).accepted >= 300, 120_000, '300 relationships opened');
    await produce(topics.signals, inputs.signals.slice(0, half), brokers);
    await eventually(async () => (await storeCounts(database.url)).accepted > 300, 60_000, 'the first signals recorded');

    await broker.pause();
    await broker.resume();
    await produce(topics.signals, inputs.signals.slice(half), brokers);
    await eventually(async () => (await storeCounts(database.url)).accepted >= inputs.acceptedInputs, 150_000, 'every signal recorded after the restart');
    const letters = await readTopic(topics.deadLetter, inputs.poison, { timeoutMs: 60_000, brokers });
    // A letter published twice would be on the topic by the time every input is recorded.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const counts = await storeCounts(database.url);
    expect(counts.accepted).toBe(inputs.acceptedInputs);
    expect(counts.events).toBe(counts.eventsByKeys);
    expect(letters).toHaveLength(inputs.poison);
    expect(await messagesIn(topics.deadLetter, brokers)).toBe(inputs.poison);
    expect(worker!.child.exitCode).toBeNull();
  });
});
