// Each dead letter reaches the dead-letter topic once, however often its batch is delivered. On the
// real broker and PostgreSQL, with faults made by PostgreSQL itself: a trigger refuses one input's
// data (a data exception, so the batch is split in halves to find it), and another terminates its
// own connection (pg_terminate_backend) the first time the second half is appended, so the whole
// batch is delivered again after part of it was dead-lettered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { migrate, openDatabase, SqlDeadLetterArchive, SqlEventStore, type Database } from '@offramp/event-store';
import { EngineWorker, KafkaMessageBus, type DeadLetter, type MessagingTopics } from '@offramp/messaging';
import { createLogger } from '@offramp/observability';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { eventually, readTopic, testBrokers, testKafka, uniqueName, withAdmin } from '../../support/kafka';
import { topicsFor } from '../../support/topics';
import { asMessage, opened, preparedMeeting, signal } from './inputs';

const R = 'acme';
// Keys are claimed in key order within one append: the poison's sorts before the fault's, so a
// batch holding both fails for the poison first, and the fault strikes only the half without it.
const POISON = 'a-poison';
const FAULT = 'z-fault';

let topics: MessagingTopics;
let database: TestDatabase;
let db: Database;
let store: SqlEventStore;
let bus: KafkaMessageBus;

beforeAll(async () => {
  topics = topicsFor(uniqueName('once'));
  database = await createTestDatabase('dead_letter_once');
  // No retrying inside the database layer: a lost connection reaches the worker at once, as an
  // outage longer than the retry budget would.
  db = await openDatabase({ url: database.url, retry: { attempts: 1 } });
  await migrate(db);
  store = new SqlEventStore(db);
  await db.query(`
    CREATE SEQUENCE fault_strikes;
    CREATE FUNCTION input_faults() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.key = 'signal:["test","${POISON}"]' THEN
        RAISE EXCEPTION 'value out of range for this input' USING ERRCODE = '22003';
      END IF;
      -- A sequence is not rolled back with the transaction: the connection is lost once only.
      IF NEW.key = 'signal:["test","${FAULT}"]' AND nextval('fault_strikes') = 1 THEN
        PERFORM pg_terminate_backend(pg_backend_pid());
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER input_faults BEFORE INSERT ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION input_faults();
  `);
}, 120_000);

afterAll(async () => {
  await bus?.stop();
  await db?.close();
  await database?.drop();
});

async function produce(topic: string, messages: { key: string | null; value: string }[]): Promise<void> {
  const producer = testKafka('offramp-test-once').producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

const messagesIn = (topic: string) =>
  withAdmin(async (admin) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0));

describe('dead letters across redeliveries', () => {
  it('a transient failure in the second half of a split batch publishes no dead letter twice', async () => {
    // Everything is on the broker before the worker starts, so it arrives as one batch.
    bus = new KafkaMessageBus({
      brokers: testBrokers(), topics, groupId: uniqueName('engine'), partitions: 1, logger: createLogger({ level: process.env.TEST_LOG ?? 'silent' }), maxWaitTimeInMs: 100,
    });
    await bus.start();
    const real = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-03T00:00:00Z'), policy: DEFAULT_POLICY });
    expect((await real.handle(opened(R))).status).toBe('accepted');
    const batch = [
      asMessage(preparedMeeting(R, '2026-03-02T10:00:00Z', 'g-1')),
      { key: R, value: '{ not json' },
      asMessage(signal('meeting.missed', R, {}, '2026-03-02T11:00:00Z', POISON)),
      asMessage(preparedMeeting(R, '2026-03-02T12:00:00Z', 'g-2')),
      // The second half: a signal for nobody (refused not_found), then the fault.
      asMessage(preparedMeeting(R, '2026-03-02T13:00:00Z', 'g-3')),
      asMessage(preparedMeeting('nobody', '2026-03-02T13:30:00Z', 'n-1')),
      asMessage(preparedMeeting(R, '2026-03-02T14:00:00Z', FAULT)),
      asMessage(preparedMeeting(R, '2026-03-02T15:00:00Z', 'last')),
    ];
    await produce(topics.signals, batch);

    await new EngineWorker({ bus, engine: real, topics, archive: new SqlDeadLetterArchive(db), logger: createLogger({ level: process.env.TEST_LOG ?? 'silent' }) }).start();

    await eventually(async () => store.isProcessed('signal:["test","last"]'), 120_000, 'the last signal applied');
    const letters = (await readTopic(topics.deadLetter, 3, { timeoutMs: 60_000 })).map((m) => JSON.parse(m.value!) as DeadLetter);
    // Give a repeated letter the time to arrive behind the first ones.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Struck once, then passed on the delivery after.
    expect(Number((await db.query<{ last_value: string }>('SELECT last_value FROM fault_strikes')).rows[0]!.last_value)).toBeGreaterThanOrEqual(2);
    expect(await messagesIn(topics.deadLetter)).toBe(3);
    expect(letters.map((l) => [l.code, l.source.offset])).toEqual([['invalid_signal', '1'], ['unprocessable', '2'], ['not_found', '5']]);
    expect(letters[1]!.message).toMatch(/22003/);
    const recorded = (await store.readStream(R)).filter((e) => e.type === 'SignalRecorded').map((e) => e.event.causedBy.id);
    expect(recorded).toEqual(['g-1', 'g-2', 'g-3', FAULT, 'last']);
  }, 240_000);
});
