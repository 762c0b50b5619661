// The all-in-one product on the real services: a command over HTTP, a signal over Kafka, the
// decision in the read models and the domain events back on Kafka; refused input dead-lettered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { eventually, readTopic, testKafka, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startProduct, type ProductProcess } from '../../support/product-process';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const manager = signToken({ sub: 'u-sofia', teamId: 'team-north', role: 'manager' }, secret);
const topics = {
  signals: uniqueName('signals'), commands: uniqueName('commands'),
  events: uniqueName('events'), deadLetter: uniqueName('dead-letter'),
};

describe('the product on PostgreSQL and Kafka', () => {
  let database: TestDatabase;
  let product: ProductProcess;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${product.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    database = await createTestDatabase('product_kafka');
    product = await startProduct({
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
        KAFKA_GROUP_ID: uniqueName('engine'),
        KAFKA_SIGNALS_TOPIC: topics.signals,
        KAFKA_COMMANDS_TOPIC: topics.commands,
        KAFKA_EVENTS_TOPIC: topics.events,
        KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter,
        JWT_SECRET: secret,
        TIMER_POLL_MS: '200',
      },
    });
  });
  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('policy 1: a signal from Kafka puts a relationship opened over HTTP at risk, and the events go out', async () => {
    const opened = await api('/v1/commands', {
      method: 'POST',
      body: JSON.stringify({ id: uniqueName('ops'), type: 'relationship.open', relationshipId: 'fjord', issuedAt: '2026-03-02T09:00:00Z', data: { clientName: 'Fjord Furniture', teamId: 'team-north' } }),
    });
    expect(opened.status).toBe(202);

    const producer = testKafka('product-test').producer();
    await producer.connect();
    await producer.send({
      topic: topics.signals,
      messages: [
        { key: 'fjord', value: JSON.stringify({ id: 'crm-1', type: 'dishonesty.detected', relationshipId: 'fjord', occurredAt: '2026-03-03T10:00:00Z', source: 'crm', data: {} }) },
        { key: 'fjord', value: '{ not json' },
      ],
    });
    await producer.disconnect();

    await eventually(async () => {
      const queue = (await (await api('/v1/at-risk')).json()) as { items: Array<{ relationshipId: string; reasons: Array<{ code: string; signalIds: string[] }> }> };
      const item = queue.items.find((i) => i.relationshipId === 'fjord');
      return Boolean(item?.reasons.some((r) => r.code === 'dishonesty' && r.signalIds.includes('crm-1')));
    }, 60_000, 'fjord in the at-risk queue with the dishonesty reason');

    const relationship = (await (await api('/v1/relationships/fjord')).json()) as { state: string };
    expect(relationship.state).toBe('at_risk');

    const events = await readTopic(topics.events, 2, { timeoutMs: 60_000 });
    expect(events.every((m) => m.key === 'fjord' && m.headers['event-id'])).toBe(true);

    const [letter] = await readTopic(topics.deadLetter, 1, { timeoutMs: 60_000 });
    expect(JSON.parse(letter!.value!)).toMatchObject({ code: 'invalid_signal', original: { key: 'fjord', value: '{ not json' }, source: { topic: topics.signals } });
  });
});
