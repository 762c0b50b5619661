// After a SIGKILL, the all-in-one product on PostgreSQL and Kafka started again answers /health
// before its consumer has joined the group (the dead member's session has to expire first), and
// is ready only once it has joined; what was produced meanwhile is then applied.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testKafka, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { logLines, startProduct, type ProductProcess } from '../../support/product-process';

const SESSION_TIMEOUT_MS = 10_000;
const manager = { id: 'u-sofia', teamId: 'team-north', role: 'manager' };
const opening = (id: string) => ({
  key: id,
  value: JSON.stringify({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: '2026-03-02T09:00:00Z', actor: manager, data: { clientName: id, teamId: 'team-north' } }),
});

/** One answer of the restarted process, when it came. */
interface Answer { at: number; path: '/health' | '/ready'; status: number; body: { waitingFor?: string[] } }

describe('a restart after SIGKILL', () => {
  let database: TestDatabase;
  let product: ProductProcess | undefined;
  const topics = { signals: uniqueName('signals'), commands: uniqueName('commands'), events: uniqueName('events'), deadLetter: uniqueName('dead-letter') };
  const env = () => ({
    DATABASE_URL: database.url,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
    KAFKA_GROUP_ID: groupId,
    KAFKA_SIGNALS_TOPIC: topics.signals,
    KAFKA_COMMANDS_TOPIC: topics.commands,
    KAFKA_EVENTS_TOPIC: topics.events,
    KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter,
    KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
    JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
  });
  const groupId = uniqueName('engine');
  const opened = async (id: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query('SELECT 1 FROM streams WHERE stream_id = $1', [id])).rowCount === 1;
    } finally {
      await client.end();
    }
  };
  const produce = async (messages: { key: string; value: string }[]) => {
    const producer = testKafka('restart-test').producer();
    await producer.connect();
    await producer.send({ topic: topics.commands, acks: -1, messages });
    await producer.disconnect();
  };

  beforeAll(async () => {
    database = await createTestDatabase('fast_restart');
  });
  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('answers /health before its consumer has joined, and is ready only once it has', async () => {
    product = await startProduct({ env: env() });
    await produce([opening('before')]);
    await eventually(() => opened('before'), 60_000, 'the first command applied');

    await product.stop('SIGKILL');
    const killedAt = Date.now();
    await produce([opening('meanwhile')]);
    const restartedAt = Date.now();
    product = await startProduct({ env: env(), waitForHealth: false });
    const answers: Answer[] = [];
    const ask = async (path: Answer['path']) => {
      try {
        const res = await fetch(`${product!.baseUrl}${path}`);
        answers.push({ at: Date.now(), path, status: res.status, body: (await res.json()) as Answer['body'] });
      } catch {
        // not listening yet
      }
    };
    await eventually(async () => {
      await ask('/health');
      await ask('/ready');
      return answers.some((a) => a.path === '/ready' && a.status === 200);
    }, 120_000, '/ready 200 after the restart');

    const joined = logLines(product).find((line) => line.msg === 'Kafka consumer joined its group');
    expect(joined).toBeDefined();
    const joinedAt = joined!.time as number;
    const firstHealth = answers.find((a) => a.path === '/health')!;
    const firstReady = answers.find((a) => a.path === '/ready' && a.status === 200)!;
    // HTTP answered while the group still waited for the killed member's session to expire.
    expect(firstHealth.at).toBeLessThan(joinedAt);
    expect(firstHealth.status).toBe(200);
    const early = answers.filter((a) => a.path === '/ready' && a.at < joinedAt);
    expect(early.length).toBeGreaterThan(0);
    for (const answer of early) {
      expect(answer.status).toBe(503);
      expect(answer.body.waitingFor).toEqual([`consumer ${topics.signals}, ${topics.commands} joined`]);
    }
    expect(firstReady.at).toBeGreaterThanOrEqual(joinedAt);
    await eventually(() => opened('meanwhile'), 60_000, 'the command produced while it was down applied');

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    process.stdout.write(`restart ${seconds(restartedAt - killedAt)} s after a SIGKILL (session timeout ${seconds(SESSION_TIMEOUT_MS)} s): `
      + `/health answered ${seconds(firstHealth.at - restartedAt)} s after the restart, the group joined after ${seconds(joinedAt - restartedAt)} s `
      + `(the join itself ${seconds(Number(joined!.joinMs))} s), ready after ${seconds(firstReady.at - restartedAt)} s\n`);
  });
});
