// Kafka commands on the running product and a real broker, in both modes. With
// KAFKA_COMMAND_AUTH=token a command needs `authorization: Bearer <JWT>` as a message header, signed
// like the API's tokens: its actor is the token's; no token, a forged one, or an envelope naming
// another actor is dead-lettered `forbidden`. By default (`broker`) the envelope's actor is trusted.
import { signToken } from '@offramp/auth';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readTopic, testKafka, uniqueName } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { logLines, startProduct, type ProductProcess } from '../../support/product-process';

const SECRET = 'kafka-token-mode-secret-of-at-least-32-chars';
const maria = { sub: 'maria', teamId: 'team-north', role: 'manager' as const };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Running { product: ProductProcess; database: TestDatabase; topics: { commands: string; deadLetter: string } }

async function start(commandAuth: 'token' | 'broker' | undefined): Promise<Running> {
  const database = await createTestDatabase('command_auth');
  const topics = { signals: uniqueName('signals'), commands: uniqueName('commands'), events: uniqueName('events'), deadLetter: uniqueName('dead-letter') };
  const product = await startProduct({
    env: {
      DATABASE_URL: database.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS!, KAFKA_GROUP_ID: uniqueName('engine'),
      KAFKA_SIGNALS_TOPIC: topics.signals, KAFKA_COMMANDS_TOPIC: topics.commands, KAFKA_EVENTS_TOPIC: topics.events, KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter,
      JWT_SECRET: SECRET, LOG_LEVEL: 'info', ...(commandAuth ? { KAFKA_COMMAND_AUTH: commandAuth } : {}),
    },
  });
  return { product, database, topics };
}

async function stop(running: Running | undefined): Promise<void> {
  await running?.product.stop();
  await running?.database.drop();
}

const open = (relationshipId: string, actor?: { id: string; teamId: string; role: string }) => JSON.stringify({
  id: `open-${relationshipId}`, type: 'relationship.open', relationshipId, issuedAt: '2026-03-02T09:00:00Z',
  ...(actor ? { actor } : {}), data: { clientName: relationshipId, teamId: 'team-north' },
});

async function produce(topic: string, messages: { key: string; value: string; headers?: Record<string, string> }[]): Promise<void> {
  const producer = testKafka('command-auth-test').producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
}

/** The actor on each stream's first event, by stream. */
async function openedBy(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ stream_id: string; actor: unknown }>(
      `SELECT stream_id, data->'causedBy'->'actor' AS actor FROM events WHERE version = 1 AND type = 'RelationshipOpened'`,
    );
    return Object.fromEntries(rows.map((r) => [r.stream_id, r.actor]));
  } finally {
    await client.end();
  }
}

describe('Kafka commands in token mode (KAFKA_COMMAND_AUTH=token)', () => {
  let running: Running;
  beforeAll(async () => { running = await start('token'); });
  afterAll(() => stop(running));

  it('applies a command under its token\'s actor and dead-letters one without a token, with a forged one, or naming another actor', async () => {
    const { product, database, topics } = running;
    expect(logLines(product).find((l) => l.commandAuth !== undefined)).toMatchObject({ commandAuth: 'token', msg: expect.stringContaining('signed bearer token') });

    const forged = signToken(maria, 'another-secret-of-at-least-32-characters!', '1h');
    const valid = signToken(maria, SECRET, '1h');
    await produce(topics.commands, [
      { key: 'globex', value: open('globex', { id: 'maria', teamId: 'team-north', role: 'manager' }) },
      { key: 'initech', value: open('initech'), headers: bearer(forged) },
      { key: 'umbrella', value: open('umbrella', { id: 'boss', teamId: 'team-north', role: 'admin' }), headers: bearer(valid) },
      { key: 'acme', value: open('acme'), headers: bearer(valid) },
      { key: 'hooli', value: open('hooli', { id: 'maria', teamId: 'team-north', role: 'manager' }), headers: bearer(valid) },
    ]);

    await eventually(async () => Object.keys(await openedBy(database.url)).length >= 2, 60_000, 'the signed commands applied');
    expect(await openedBy(database.url)).toEqual({
      acme: { id: 'maria', teamId: 'team-north', role: 'manager' },
      hooli: { id: 'maria', teamId: 'team-north', role: 'manager' },
    });

    const letters = (await readTopic(topics.deadLetter, 3, { timeoutMs: 60_000 })).map((m) => JSON.parse(m.value!) as { code: string; field: string; original: { key: string } });
    expect(letters.map((l) => [l.original.key, l.code, l.field]).sort()).toEqual([
      ['globex', 'forbidden', 'authorization'],
      ['initech', 'forbidden', 'authorization'],
      ['umbrella', 'forbidden', 'actor'],
    ]);
  });
});

describe('Kafka commands in the default mode (broker ACLs)', () => {
  let running: Running;
  beforeAll(async () => { running = await start(undefined); });
  afterAll(() => stop(running));

  it('applies a command under the actor its envelope names, with no token needed', async () => {
    const { product, database, topics } = running;
    expect(logLines(product).find((l) => l.commandAuth !== undefined)).toMatchObject({ commandAuth: 'broker', msg: expect.stringContaining('trusted as written') });

    await produce(topics.commands, [{ key: 'acme', value: open('acme', { id: 'ana', teamId: 'team-north', role: 'admin' }) }]);
    await eventually(async () => 'acme' in (await openedBy(database.url)), 60_000, 'the command applied');
    expect(await openedBy(database.url)).toEqual({ acme: { id: 'ana', teamId: 'team-north', role: 'admin' } });
  });
});
