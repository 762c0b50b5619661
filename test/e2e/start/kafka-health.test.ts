// What /health and /ready say over HTTP, asked of the running product on PostgreSQL and a broker of
// its own: a partition that stops moving while messages wait, and a consumer put out of work by
// the broker going away beyond its retries, are each a 503 naming them; both clear by themselves.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../../tools/kafka/broker';
import { eventually, testKafka, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startProduct, type ProductProcess } from '../../support/product-process';

interface HealthAnswer { status: number; body: { status: string; checks: Record<string, { ok: boolean; detail?: string }> } }
interface ReadyAnswer { status: number; body: { ready: boolean; waitingFor?: string[] } }

const manager = { id: 'u-sofia', teamId: 'team-north', role: 'manager' };
const opening = (id: string) => ({
  key: id,
  value: JSON.stringify({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: '2026-03-02T09:00:00Z', actor: manager, data: { clientName: id, teamId: 'team-north' } }),
});

describe('health over HTTP, on Kafka', () => {
  let broker: RunningBroker;
  let database: TestDatabase;
  let product: ProductProcess;
  const topics = { signals: uniqueName('signals'), commands: uniqueName('commands'), events: uniqueName('events'), deadLetter: uniqueName('dead-letter') };
  const health = async (): Promise<HealthAnswer> => {
    const res = await fetch(`${product.baseUrl}/health`);
    return { status: res.status, body: (await res.json()) as HealthAnswer['body'] };
  };
  const ready = async (): Promise<ReadyAnswer> => {
    const res = await fetch(`${product.baseUrl}/ready`);
    return { status: res.status, body: (await res.json()) as ReadyAnswer['body'] };
  };
  const produce = async (topic: string, messages: { key: string; value: string }[]) => {
    const producer = testKafka('health-test', [broker.brokers]).producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
  };

  beforeAll(async () => {
    // A broker of its own: this file stops it.
    broker = await startBroker({ tiedToThisProcess: true });
    database = await createTestDatabase('kafka_health');
    product = await startProduct({
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: broker.brokers,
        KAFKA_GROUP_ID: uniqueName('engine'),
        KAFKA_PARTITIONS: '1',
        KAFKA_SIGNALS_TOPIC: topics.signals,
        KAFKA_COMMANDS_TOPIC: topics.commands,
        KAFKA_EVENTS_TOPIC: topics.events,
        KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter,
        KAFKA_STUCK_AFTER_MS: '2000',
        JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
      },
    });
    await eventually(async () => (await ready()).status === 200, 60_000, 'the product ready');
  });
  afterAll(async () => {
    await product?.stop();
    await broker?.stop();
    await database?.drop();
  });

  it('a partition whose committed offset stays put while messages wait behind it is 503, named; it clears once it moves', async () => {
    // Another session holds the table every accepted input writes to, as a long maintenance would.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE idempotency_keys IN EXCLUSIVE MODE');
      await produce(topics.commands, [opening('stuck-1'), opening('stuck-2')]);

      let answer: HealthAnswer | undefined;
      await eventually(async () => (answer = await health()).status === 503, 60_000, '/health 503');
      expect(answer!.body.status).toBe('unhealthy');
      expect(answer!.body.checks[`consumer ${topics.commands}`]).toEqual({ ok: false, detail: expect.stringContaining(`partition not moving: ${topics.commands}[0] at offset`) });
      expect(answer!.body.checks[`consumer ${topics.signals}`]).toMatchObject({ ok: true });
      expect(answer!.body.checks.database).toMatchObject({ ok: true });
      expect(answer!.body.checks.broker).toMatchObject({ ok: true });
    } finally {
      await holder.query('COMMIT').catch(() => undefined);
      await holder.end();
    }
    await eventually(async () => (await health()).status === 200, 90_000, '/health 200 again');
    expect((await ready()).status).toBe(200);
  });

  it('a consumer put out of work by the broker away beyond its retries makes /health and /ready 503, naming its topics; both turn 200 when the broker is back', async () => {
    await broker.pause();
    let answer: HealthAnswer | undefined;
    try {
      await eventually(async () => {
        answer = await health();
        return answer.body.checks[`consumer ${topics.signals}`]?.ok === false;
      }, 120_000, 'the consumer reported failing');
      expect(answer!.status).toBe(503);
      for (const topic of [topics.signals, topics.commands]) {
        expect(answer!.body.checks[`consumer ${topic}`]).toEqual({ ok: false, detail: expect.stringContaining('consumer restarting after a failure') });
      }
      expect(answer!.body.checks.broker).toMatchObject({ ok: false });
      const notReady = await ready();
      expect(notReady.status).toBe(503);
      expect(notReady.body.waitingFor).toEqual([`consumer ${topics.signals}, ${topics.commands} joined`]);
    } finally {
      await broker.resume();
    }
    await eventually(async () => (await health()).status === 200 && (await ready()).status === 200, 120_000, '/health and /ready 200 again');
    // And it consumes again.
    await produce(topics.commands, [opening('after-1')]);
    await eventually(async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query("SELECT 1 FROM streams WHERE stream_id = 'after-1'")).rowCount === 1;
      } finally {
        await client.end();
      }
    }, 60_000, 'a command after the outage applied');
  });
});
