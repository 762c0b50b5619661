// Hostile input on the real broker, against the real engine on PostgreSQL: each message that once
// stopped the consumer or jammed its partition, produced between valid messages on one partition,
// ends on the dead-letter topic exactly once with its original value; the messages behind it are
// applied; the consumer keeps running. And a consumer stopped by force makes health unhealthy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { migrate, openDatabase, SqlDeadLetterArchive, SqlEventStore, type Database } from '@offramp/event-store';
import { EngineWorker, KafkaMessageBus, type DeadLetter, type MessagingTopics } from '@offramp/messaging';
import { createLogger, HealthRegistry } from '@offramp/observability';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { eventually, readTopic, testBrokers, testKafka, uniqueName, withAdmin } from '../../support/kafka';
import { topicsFor } from '../../support/topics';
import { command, opened, signal } from './inputs';

const R = 'acme';
let topics: MessagingTopics;
let database: TestDatabase;
let db: Database;
let store: SqlEventStore;
let archive: SqlDeadLetterArchive;
let bus: KafkaMessageBus;
let health: HealthRegistry;

beforeAll(async () => {
  topics = topicsFor(uniqueName('hostile'));
  database = await createTestDatabase('hostile');
  db = await openDatabase({ url: database.url });
  await migrate(db);
  store = new SqlEventStore(db);
  archive = new SqlDeadLetterArchive(db);
  const real = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  // An input the catalogue accepts but the engine fails on, as a bug would (a RangeError stopped kafkajs for good).
  const engine = {
    handleBatch: async (raws: unknown[]) => {
      if (raws.some((raw) => (raw as { id?: unknown }).id === 'bug-1')) throw new RangeError('Invalid time value');
      return real.handleBatch(raws);
    },
  };
  health = new HealthRegistry();
  health.markReady();
  bus = new KafkaMessageBus({
    brokers: testBrokers(), topics, groupId: uniqueName('engine'), partitions: 1, logger: createLogger({ level: 'silent' }),
    maxWaitTimeInMs: 100, health, lagIntervalMs: 200,
  });
  await bus.start();
  await new EngineWorker({ bus, engine, topics, archive }).start();
}, 120_000);

afterAll(async () => {
  await bus?.stop();
  await db?.close();
  await database?.drop();
});

const json = (input: unknown) => JSON.stringify(input);
let n = 0;
let opens = 0;
/** A valid message for the topic: a signal about acme, or a command opening another relationship. */
const good = (topic: 'signals' | 'commands') => {
  if (topic === 'commands') {
    const id = `ok-${++opens}`;
    return { key: id, value: json(opened(id)) };
  }
  return { key: R, value: json(signal('meeting.held', R, { prepared: true }, '2026-03-03T10:00:00Z', `good-${++n}`)) };
};
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Each trigger with the code and field its dead letter carries. */
const TRIGGERS: { name: string; topic: 'signals' | 'commands'; key?: string | null; value: string | Buffer; code: string; field?: string }[] = [
  { name: 'data nested 10,000 deep', topic: 'signals', value: `{"id":"d1","type":"scope.changed","relationshipId":"${R}","occurredAt":"2026-03-03T10:00:00Z","source":"crm","data":${deep(10_000)}}`, code: 'invalid_signal', field: 'data.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a' },
  { name: 'data nested 10,000 deep, unknown relationship', topic: 'signals', key: 'ghost', value: `{"id":"d2","type":"scope.changed","relationshipId":"ghost","occurredAt":"2026-03-03T10:00:00Z","source":"crm","data":${deep(10_000)}}`, code: 'invalid_signal', field: 'data.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a' },
  { name: 'a ~1 MB top-level array', topic: 'signals', value: `[${Array.from({ length: 128_000 }, () => '"abcd"').join(',')}]`, code: 'invalid_signal' },
  { name: 'responseWindowHours 1e12', topic: 'commands', key: 'wide', value: json({ ...opened('wide'), data: { clientName: 'W', teamId: 'team-north', responseWindowHours: 1e12 } }), code: 'invalid_command', field: 'data.responseWindowHours' },
  { name: 'NUL in an id', topic: 'signals', value: json(signal('meeting.missed', R, {}, undefined, 'n\u00001')), code: 'invalid_signal', field: 'id' },
  { name: 'NUL in the source', topic: 'signals', value: json({ ...signal('meeting.missed', R), source: 'cr\u0000m' }), code: 'invalid_signal', field: 'source' },
  { name: 'NUL in a description', topic: 'signals', value: json(signal('scope.changed', R, { description: 'a\u0000b' })), code: 'invalid_signal', field: 'data.description' },
  { name: 'NUL in clientName', topic: 'commands', key: 'nul', value: json({ ...opened('nul'), data: { clientName: 'N\u0000', teamId: 'team-north' } }), code: 'invalid_command', field: 'data.clientName' },
  { name: 'a lone surrogate', topic: 'signals', value: json(signal('scope.changed', R, { description: '\ud800' })), code: 'invalid_signal', field: 'data.description' },
  { name: 'an id of 10,000 characters', topic: 'signals', value: json(signal('meeting.missed', R, {}, undefined, 'x'.repeat(10_000))), code: 'invalid_signal', field: 'id' },
  { name: 'message.sent at 9999-12-31T23:00:00Z', topic: 'signals', value: json(signal('message.sent', R, { messageId: 'm', channel: 'email' }, '9999-12-31T23:00:00Z')), code: 'invalid_signal', field: 'occurredAt' },
  { name: 'dueOn 0000-01-01', topic: 'signals', value: json(signal('invoice.issued', R, { invoiceId: 'I0', amount: 1, dueOn: '0000-01-01' })), code: 'invalid_signal', field: 'data.dueOn' },
  { name: 'reviewOn 9999-12-31', topic: 'commands', value: json(command('repair.start', R, { strategy: 'check_in_call', ownerId: 'u', reviewOn: '9999-12-31' })), code: 'invalid_command', field: 'data.reviewOn' },
  { name: 'a key that is not the relationshipId', topic: 'signals', key: 'other', value: json(signal('meeting.missed', R)), code: 'key_mismatch', field: 'relationshipId' },
  { name: 'a value that is not UTF-8', topic: 'signals', value: Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]), code: 'invalid_signal' },
  { name: 'an input the handler fails on', topic: 'signals', value: json(signal('meeting.missed', R, {}, undefined, 'bug-1')), code: 'unprocessable' },
];

async function produce(topic: string, messages: { key: string | null; value: string | Buffer }[]): Promise<void> {
  const producer = testKafka('offramp-test-hostile').producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

async function messagesIn(topic: string): Promise<number> {
  return withAdmin(async (admin) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0));
}

describe('hostile input on Kafka', () => {
  it('every trigger is dead-lettered exactly once with its original value, and the messages behind it are applied', async () => {
    await produce(topics.commands, [{ key: R, value: json(opened(R)) }]);
    await eventually(async () => (await store.streamVersion(R)) > 0, 60_000, 'acme opened');
    for (const trigger of TRIGGERS) {
      await produce(topics[trigger.topic], [good(trigger.topic), { key: trigger.key === undefined ? R : trigger.key, value: trigger.value }, good(trigger.topic)]);
    }
    // `__proto__` is an ordinary invoice id; the invoices after it are computed with as usual.
    const proto = [
      signal('invoice.issued', R, { invoiceId: '__proto__', amount: 1, dueOn: '2026-03-20' }, '2026-03-04T10:00:00Z'),
      signal('invoice.issued', R, { invoiceId: 'INV-2', amount: 1, dueOn: '2026-03-20' }, '2026-03-04T10:00:00Z'),
      signal('invoice.paid', R, { invoiceId: 'INV-2', amount: 1, paidOn: '2026-03-05' }, '2026-03-05T10:00:00Z'),
      signal('invoice.paid', R, { invoiceId: '__proto__', amount: 1, paidOn: '2026-03-05' }, '2026-03-05T10:00:00Z', 'last'),
    ];
    await produce(topics.signals, proto.map((input) => ({ key: R, value: json(input) })));

    await eventually(async () => store.isProcessed('signal:["test","last"]'), 120_000, 'the last signal applied');
    // The widest reply window the contract accepts, then messages sent: computed with, never thrown on.
    await produce(topics.commands, [{ key: 'widest', value: json({ ...opened('widest'), data: { clientName: 'W', teamId: 'team-north', responseWindowHours: 8_760 } }) }]);
    await eventually(async () => (await store.streamVersion('widest')) > 0, 60_000, 'widest opened');
    await produce(topics.signals, [
      { key: 'widest', value: json(signal('message.sent', 'widest', { messageId: 'w1', channel: 'email' }, '2026-03-03T10:00:00Z')) },
      { key: 'widest', value: json(signal('message.sent', 'widest', { messageId: 'w2', channel: 'email' }, '2026-03-04T10:00:00Z', 'widest-last')) },
    ]);
    await eventually(async () => store.isProcessed('signal:["test","widest-last"]'), 60_000, 'the messages on the widest window applied');
    const read = (await readTopic(topics.deadLetter, TRIGGERS.length, { timeoutMs: 60_000 })).map((m) => JSON.parse(m.value!) as DeadLetter);
    // The two input topics are consumed side by side: compare each topic's letters in its own order.
    const ofTopic = (topic: string) => read.filter((l) => l.source.topic === topic).sort((a, b) => Number(a.source.offset) - Number(b.source.offset));
    const letters: DeadLetter[] = [];
    const next = { signals: ofTopic(topics.signals), commands: ofTopic(topics.commands) };
    for (const trigger of TRIGGERS) letters.push(next[trigger.topic].shift()!);
    expect(await messagesIn(topics.deadLetter)).toBe(TRIGGERS.length);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters WHERE published_at IS NOT NULL')).rows[0]!.n).toBe(TRIGGERS.length);

    expect(letters.map((l) => [l.code, l.field])).toEqual(TRIGGERS.map((t) => [t.code, t.field]));
    for (const [i, trigger] of TRIGGERS.entries()) {
      const letter = letters[i]!;
      const original = letter.stored ? (await archive.read(letter.stored.id!))!.value : Buffer.from(letter.original.value!, letter.original.encoding === 'base64' ? 'base64' : 'utf8');
      expect(Buffer.compare(original!, Buffer.from(trigger.value)), trigger.name).toBe(0);
    }
    expect(letters[TRIGGERS.findIndex((t) => t.name === 'a value that is not UTF-8')]!.original.encoding).toBe('base64');
    expect(letters[2]!.stored).toMatchObject({ table: 'dead_letters', size: Buffer.byteLength(TRIGGERS[2]!.value) });
    expect(letters.find((l) => l.code === 'unprocessable')!.message).toMatch(/RangeError: Invalid time value/);

    const recorded = (await store.readStream(R)).filter((e) => e.type === 'SignalRecorded').map((e) => e.event.causedBy.id);
    for (let i = 1; i <= n; i++) expect(recorded).toContain(`good-${i}`);
    for (let i = 1; i <= opens; i++) expect(await store.streamVersion(`ok-${i}`)).toBeGreaterThan(0);
    expect(recorded.filter((id) => id === 'last')).toHaveLength(1);
    const state = await new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-06T00:00:00Z'), policy: DEFAULT_POLICY }).state(R);
    expect(Object.keys((state!.state as unknown as { invoices: object }).invoices)).toEqual([]);
    expect((await health.report()).checks[`consumer ${topics.signals}`]).toMatchObject({ ok: true });
  }, 300_000);

  it('a consumer stopped by force makes health unhealthy, naming its topics', async () => {
    await bus.stopConsuming();
    const report = await health.report();
    expect(report.status).toBe('unhealthy');
    expect(report.checks[`consumer ${topics.signals}`]).toMatchObject({ ok: false, detail: expect.stringMatching(/stopped/) });
    expect(report.checks[`consumer ${topics.commands}`]).toMatchObject({ ok: false });
    expect(health.isReady()).toBe(false);
  });
});
