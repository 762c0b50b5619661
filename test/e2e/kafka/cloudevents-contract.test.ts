// The Kafka side of the integration contract, read the way an integrating team would, from a run
// of the built product on PostgreSQL and Kafka: recorded histories sent over HTTP (most event
// types), poison and CloudEvents on the input topics, traced requests. Then, on the output topics:
// - every domain event and dead letter is a valid CloudEvent read with the `cloudevents` SDK's
//   Kafka binding, keyed and subjected by relationship, with a versioned type and a `dataschema`
//   that names a schema `npm run cli -- schemas DIR` wrote, which its data follows;
// - a consumer that knows nothing but GET /asyncapi.json validates every message it reads;
// - a signal sent as a binary or structured CloudEvent is the same input as its envelope;
// - a `traceparent` on an HTTP request is on the events it caused and on the request's log line.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { validatorsOf, type Document } from '../../support/document-validators';
import { eventually, readTopic, testKafka, uniqueName, type ReadMessage } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { logLines, startProduct, type ProductProcess } from '../../support/product-process';

const root = path.resolve(__dirname, '../../..');
const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const HISTORIES = [
  ...['01-happy-exit-with-referral', '02-repair-fails-after-review', '03-repeat-offender', '04-off-hours-and-scope', '05-admin-override-receivables']
    .map((name) => path.join(root, '../shared/scenarios', `${name}.ndjson`)),
  ...['06-v2-red-flags-outrank-slow-burners', '07-v2-instalments-settle-an-invoice'].map((name) => path.join(root, '../shared/scenarios/v2', `${name}.ndjson`)),
  ...['r01-first-red-flags-mark-at-risk', 'r03-three-unanswered-messages'].map((name) => path.join(root, 'test/scenarios', `${name}.ndjson`)),
];
const topics = { signals: uniqueName('signals'), commands: uniqueName('commands'), events: uniqueName('events'), deadLetter: uniqueName('dead-letter') };
const traceparent = (n: number): string => `00-${uniqueName('t').slice(2)}${'0'.repeat(16)}${String(n).padStart(8, '0')}-b7ad6b7169203331-01`;

type Actor = { id: string; teamId: string; role: 'viewer' | 'manager' | 'admin' };
type Json = Record<string, unknown>;
interface Payload { eventId: string; streamId: string; type: string; event: { relationshipId: string; causedBy: { id: string; kind: string; source?: string; type: string; at: string }; trace?: { traceparent: string }; data: Json } }

let database: TestDatabase;
let product: ProductProcess;
let schemaDir: string;
let events: ReadMessage[];
let letters: ReadMessage[];
const sent = { http: { signal: traceparent(1), command: traceparent(2), policy: traceparent(4) }, kafkaTrace: traceparent(3), ids: {} as Record<string, string> };
const relationship = 'harbour-cloudevents';
const tokenOf = (actor: Actor) => signToken({ sub: actor.id, teamId: actor.teamId, role: actor.role }, secret);
const manager: Actor = { id: 'u-sofia.marin', teamId: 'team-north', role: 'manager' };

async function api(pathname: string, actor: Actor, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${product.baseUrl}${pathname}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${tokenOf(actor)}`, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** Sends a recorded history over HTTP, one record at a time, each relationship under a name of its own history. */
async function replay(file: string, n: number): Promise<void> {
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const { kind, actor, ...record } = JSON.parse(line) as Json & { kind: string; actor?: Actor; relationshipId: string; id: string };
    const body = { ...record, relationshipId: `h${n}-${record.relationshipId}`, id: `h${n}-${record.id}` };
    const res = kind === 'command' ? await api('/v1/commands', actor!, { body }) : await api('/v1/signals', manager, { body });
    expect([202, 400, 403, 404, 409], `${path.basename(file)} ${record.id}`).toContain(res.status);
  }
}

/** Stored events (of those caused by `inputId`, when given). */
async function eventCount(inputId?: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = inputId === undefined
      ? await client.query<{ n: string }>('SELECT count(*) AS n FROM events')
      : await client.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE data->'causedBy'->>'id' = $1`, [inputId]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Until no timer fires any more: the count of stored events unchanged for two seconds. */
async function settled(): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await eventCount();
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

const firstOfEach = (key: (m: ReadMessage) => string) => {
  const seen = new Set<string>();
  return (m: ReadMessage) => !seen.has(key(m)) && Boolean(seen.add(key(m)));
};
const payloadOf = (m: ReadMessage) => JSON.parse(m.value!) as Payload;
const cloudEventOf = (m: ReadMessage) =>
  CloudEventsKafka.toEvent({ key: m.key!, value: m.value, body: m.value, headers: m.headers } as Parameters<typeof CloudEventsKafka.toEvent>[0]) as CloudEvent<unknown>;

beforeAll(async () => {
  database = await createTestDatabase('cloudevents');
  product = await startProduct({
    env: {
      DATABASE_URL: database.url, KAFKA_BROKERS: process.env.KAFKA_BROKERS!, KAFKA_GROUP_ID: uniqueName('engine'),
      KAFKA_SIGNALS_TOPIC: topics.signals, KAFKA_COMMANDS_TOPIC: topics.commands, KAFKA_EVENTS_TOPIC: topics.events, KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter,
      JWT_SECRET: secret, TIMER_POLL_MS: '200',
    },
  });
  schemaDir = mkdtempSync(path.join(os.tmpdir(), 'offramp-schemas-'));
  await promisify(execFile)(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'schemas', schemaDir], { cwd: root, env: { PATH: process.env.PATH ?? '' } });

  // Most event types: recorded histories, a note, a new account owner, a team's policy changed.
  for (const [n, file] of HISTORIES.entries()) await replay(file, n);
  // A note on a relationship still open: the happy exit may be offboarded by now (its notice-end timer
  // fires on the product's real clock), and an offboarded relationship refuses every command.
  const first = 'h7-aster-verbal';
  expect((await api('/v1/commands', manager, { body: { id: uniqueName('note'), type: 'note.add', relationshipId: first, issuedAt: '2026-03-20T09:00:00Z', data: { text: 'called them' } } })).status).toBe(202);
  const southAdmin: Actor = { id: 'u-ana', teamId: 'team-south', role: 'admin' };
  const draft = await api('/v1/policy/draft', southAdmin, { method: 'PUT', body: { riskScore: { threshold: 45 } }, headers: { 'content-type': 'application/merge-patch+json', traceparent: sent.http.policy } });
  expect(draft.status).toBe(200);
  const { active } = (await (await api('/v1/policy', southAdmin, { method: 'GET' })).json()) as { active: { version: string } };
  expect((await api('/v1/policy/activate', southAdmin, { body: { reason: 'we act earlier', expectedVersion: active.version } })).status).toBe(200);

  // A relationship opened and told of a meeting over HTTP with trace contexts.
  const open = { id: uniqueName('open'), type: 'relationship.open', relationshipId: relationship, issuedAt: '2026-03-02T09:00:00Z', data: { clientName: 'Harbour', teamId: 'team-north' } };
  expect((await api('/v1/commands', manager, { body: open, headers: { traceparent: sent.http.command } })).status).toBe(202);
  expect((await api('/v1/commands', manager, { body: { id: uniqueName('owner'), type: 'account.assign_owner', relationshipId: relationship, issuedAt: '2026-03-02T09:05:00Z', data: { ownerId: 'u-jonas' } } })).status).toBe(202);
  const meeting = { id: uniqueName('cal'), type: 'meeting.held', relationshipId: relationship, occurredAt: '2026-03-02T10:00:00Z', source: 'calendar', data: { prepared: true } };
  expect((await api('/v1/signals', manager, { body: meeting, headers: { traceparent: sent.http.signal, tracestate: 'offramp=http' } })).status).toBe(202);
  sent.ids = { open: open.id, meeting: meeting.id };

  // On Kafka: the same signal as a binary CloudEvent, as a structured one, and as its envelope; then poison.
  const signal = { id: uniqueName('crm'), source: 'crm', type: 'time.logged', subject: relationship, time: '2026-03-03T10:00:00Z', data: { hours: 3 } };
  sent.ids.signal = signal.id;
  const asCloudEvent = new CloudEvent({ ...signal, specversion: '1.0', datacontenttype: 'application/json', partitionkey: relationship });
  const binary = CloudEventsKafka.binary(asCloudEvent);
  const structured = CloudEventsKafka.structured(asCloudEvent);
  const envelope = { id: signal.id, type: signal.type, relationshipId: relationship, occurredAt: signal.time, source: signal.source, data: signal.data };
  const producer = testKafka('cloudevents-test').producer();
  await producer.connect();
  const asKafka = (m: { key: unknown; value: unknown; headers: Record<string, unknown> }) => ({
    key: String(m.key), value: typeof m.value === 'string' ? m.value : JSON.stringify(m.value), headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, String(v)])),
  });
  await producer.send({ topic: topics.signals, messages: [asKafka(binary)] });
  await eventually(async () => (await eventCount(signal.id)) > 0, 60_000, 'the binary CloudEvent decided');
  await producer.send({
    topic: topics.signals,
    messages: [
      asKafka(structured),
      { key: relationship, value: JSON.stringify(envelope) },
      { key: relationship, value: '{ not json', headers: { traceparent: sent.kafkaTrace } },
      { key: 'nobody', value: JSON.stringify({ ...envelope, id: uniqueName('crm'), relationshipId: 'nobody' }) },
      { key: relationship, value: JSON.stringify({ ...envelope, id: uniqueName('crm'), type: 'weather.sunny' }) },
    ],
  });
  await producer.send({ topic: topics.commands, messages: [{ key: relationship, value: 'repair please' }] });
  await producer.disconnect();

  letters = await readTopic(topics.deadLetter, 4, { timeoutMs: 60_000, where: firstOfEach((m) => m.headers.ce_id!) });
  const stored = await settled();
  events = await readTopic(topics.events, stored, { timeoutMs: 120_000, where: firstOfEach((m) => m.headers['event-id']!) });
}, 600_000);

afterAll(async () => {
  await product?.stop();
  await database?.drop();
  if (schemaDir) rmSync(schemaDir, { recursive: true, force: true });
});

/** The schemas `npm run cli -- schemas DIR` wrote, by `$id`. */
function publishedSchemas(): (id: string) => ValidateFunction | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object);
  return (id) => ajv.getSchema(id);
}

describe('the Kafka contract of a product run', () => {
  it('every domain event read with the CloudEvents SDK is a valid CloudEvent, keyed and subjected by relationship, its data as its dataschema says', () => {
    const schemaOf = publishedSchemas();
    expect(events.length).toBeGreaterThan(100);
    for (const message of events) {
      const event = cloudEventOf(message);
      expect(event.validate()).toBe(true);
      const payload = payloadOf(message);
      const where = `${payload.type} ${payload.eventId}`;
      expect(message.headers['content-type'], where).toBe('application/json');
      for (const header of ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'ce_dataschema']) expect(message.headers[header], `${where} ${header}`).toBeTruthy();
      expect(event, where).toMatchObject({ specversion: '1.0', id: payload.eventId, source: '/offramp/engine', subject: payload.streamId, datacontenttype: 'application/json' });
      expect(event.type, where).toMatch(/^offramp\.(relationship|team_policy)\.[a-z_]+\.v\d+$/);
      expect(message.key, where).toBe(payload.streamId);
      if (event.type.startsWith('offramp.relationship.')) expect(payload.event.relationshipId, where).toBe(message.key);
      const validate = schemaOf(event.dataschema!);
      expect(validate, `${where}: ${event.dataschema} is a published schema`).toBeDefined();
      expect(validate!(event.data) ? [] : validate!.errors, where).toEqual([]);
      expect(event.time, where).toBe(new Date(String(message.headers.ce_time)).toISOString());
    }
  });

  it('every dead letter read with the CloudEvents SDK is a valid CloudEvent with its shape kept, its data as its dataschema says', () => {
    const schemaOf = publishedSchemas();
    expect(letters.map((m) => (JSON.parse(m.value!) as { code: string }).code).sort()).toEqual(['invalid_command', 'invalid_signal', 'invalid_signal', 'not_found']);
    for (const message of letters) {
      const letter = cloudEventOf(message);
      expect(letter.validate()).toBe(true);
      const data = JSON.parse(message.value!) as { code: string; original: { key: string | null }; source: { topic: string; partition: number; offset: string } };
      expect(letter).toMatchObject({ specversion: '1.0', type: 'offramp.dead_letter.v1', source: '/offramp/engine', subject: data.original.key, datacontenttype: 'application/json' });
      expect(letter.id).toBe(`dead-letter:${data.source.topic}:${data.source.partition}:${data.source.offset}`);
      expect(message.key).toBe(data.original.key);
      expect(message.headers['dead-letter-code']).toBe(data.code);
      expect(Object.keys(data)).toEqual(expect.arrayContaining(['code', 'message', 'source', 'original']));
      const validate = schemaOf(letter.dataschema!)!;
      expect(validate(letter.data) ? [] : validate.errors).toEqual([]);
    }
    const traced = letters.find((m) => m.headers.traceparent !== undefined);
    expect(traced?.headers).toMatchObject({ traceparent: sent.kafkaTrace, ce_traceparent: sent.kafkaTrace });
  });

  it('a consumer built only from GET /asyncapi.json reads every event and dead letter with no schema failure, across most event types', async () => {
    const document = (await (await fetch(`${product.baseUrl}/asyncapi.json`)).json()) as Document & { channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }> };
    const validators = validatorsOf(document);
    type Message = { payload: unknown; headers: { properties: { ce_type: { const: string } } } };
    const resolve = (ref: string): Message => ref.split('/').slice(1).reduce<unknown>((node, key) => (node as Json)[key], document) as Message;
    const byTopic = (address: string) => {
      const channel = Object.values(document.channels).find((c) => c.address === address)!;
      return new Map(Object.values(channel.messages).map((m) => resolve(m.$ref)).map((m) => [m.headers.properties.ce_type.const, m]));
    };
    const failures: string[] = [];
    const types = new Set<string>();
    for (const [address, messages] of [[topics.events, events], [topics.deadLetter, letters]] as const) {
      const known = byTopic(address);
      for (const message of messages) {
        const spec = known.get(message.headers.ce_type!);
        if (!spec) {
          failures.push(`${address}: no message for ${message.headers.ce_type}`);
          continue;
        }
        types.add(message.headers.ce_type!);
        for (const problem of validators.problems(spec.payload, JSON.parse(message.value!))) failures.push(`${message.headers.ce_type} payload ${problem}`);
        for (const problem of validators.problems(spec.headers, message.headers)) failures.push(`${message.headers.ce_type} headers ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect([...types].length).toBeGreaterThanOrEqual(22);
  });

  it('a signal sent as a binary CloudEvent, as a structured one and as its envelope is one input: recorded once, from its id and source', async () => {
    const caused = events.map(payloadOf).filter((p) => p.event.causedBy.id === sent.ids.signal);
    expect(caused.map((p) => p.type)).toEqual(['SignalRecorded']);
    expect(caused[0]!.event).toMatchObject({
      relationshipId: relationship,
      causedBy: { kind: 'signal', id: sent.ids.signal, type: 'time.logged', source: 'crm', at: '2026-03-03T10:00:00.000Z' },
      data: { signal: { data: { hours: 3 } } },
    });
  });

  it('a traceparent on an HTTP request is kept on the events it caused, sent on with them, and on the request\'s log line', () => {
    for (const [inputId, trace] of [[sent.ids.open!, sent.http.command], [sent.ids.meeting!, sent.http.signal]] as const) {
      const caused = events.filter((m) => payloadOf(m).event.causedBy.id === inputId);
      expect(caused.length, inputId).toBeGreaterThan(0);
      for (const message of caused) {
        expect(payloadOf(message).event.trace?.traceparent).toBe(trace);
        expect(message.headers).toMatchObject({ traceparent: trace, ce_traceparent: trace });
        expect(cloudEventOf(message).traceparent).toBe(trace);
      }
      const traceId = trace.split('-')[1];
      expect(logLines(product).find((l) => l.trace_id === traceId), `a log line of ${inputId}`).toMatchObject({ route: expect.stringMatching(/^\/v1\/(commands|signals)$/), status: 202, traceparent: trace });
    }
    const drafted = events.find((m) => m.headers['event-type'] === 'PolicyDrafted')!;
    expect(drafted.headers).toMatchObject({ traceparent: sent.http.policy, ce_traceparent: sent.http.policy });
    const meeting = events.find((m) => payloadOf(m).event.causedBy.id === sent.ids.meeting)!;
    expect(meeting.headers).toMatchObject({ tracestate: 'offramp=http', ce_tracestate: 'offramp=http' });
  });
});
