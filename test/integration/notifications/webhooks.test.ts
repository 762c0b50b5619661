// Webhooks against a real local receiver that fails, then times out, then recovers: every event
// of the team is delivered at least once, in order per relationship, each signed as the README
// documents (checked here with a verifier written from that description, not the product's);
// another team's subscription never hears of this team's events.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { CheckpointStore, migrate, openDatabase, SqlEventStore, type Database, type Sql } from '@offramp/event-store';
import { WEBHOOK_QUEUE, WebhookDispatcher, webhookFanOut, webhookMigrations, WebhookSubscriptions } from '@offramp/notifications';
import { TailingProcessor } from '@offramp/processing';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { command, day, manager, open, signal } from '../read-models/builders';

/** From the README: `offramp-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
function signedBy(secret: string, body: string, header: string | undefined): boolean {
  const fields = new Map((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (!t || !v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Received { path: string; body: string; headers: IncomingMessage['headers']; answered: number | 'timeout' }

/** Fails the first three requests with 500, leaves the next two unanswered past the timeout, then takes everything. */
function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  let count = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++count;
      const entry: Received = { path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, answered: 200 };
      received.push(entry);
      if (n <= 3) { entry.answered = 500; res.writeHead(500).end('down'); return; }
      if (n <= 5) { entry.answered = 'timeout'; setTimeout(() => res.writeHead(200).end(), 1_500).unref(); return; }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received });
  }));
}

const north = manager('team-north');
const south = manager('team-south');

describe('webhooks', () => {
  let testDb: TestDatabase;
  let db: Database;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dispatcher: WebhookDispatcher;
  let fanOut: TailingProcessor<Sql>;
  let store: SqlEventStore;
  let engine: RelationshipEngine;
  const secrets = { north: 'north-secret-0123456789abcdef', south: 'south-secret-0123456789abcdef' };

  beforeAll(async () => {
    testDb = await createTestDatabase('webhooks');
    db = await openDatabase({ url: testDb.url });
    await migrate(db, webhookMigrations);
    store = new SqlEventStore(db);
    engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
    receiver = await startReceiver();
    fanOut = new TailingProcessor<Sql>({ name: WEBHOOK_QUEUE, source: store, checkpoints: new CheckpointStore(db), handlers: [webhookFanOut], batchSize: 7 });
    dispatcher = new WebhookDispatcher({ db, timeoutMs: 300, backOff: { firstMs: 20, maxMs: 200 } });
  });

  afterAll(async () => {
    receiver?.server.close();
    await db?.close();
    await testDb?.drop();
  });

  const pending = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`)).rows[0]!.n;

  const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
  let queuedFrom = 0;

  /**
   * Fan-out and delivery until every stored event was read and nothing is pending; bounded, never
   * by asserting a time. (Gap-free reading holds events back while an older transaction anywhere
   * on the server is open, so "nothing read" is not "everything read".)
   */
  async function deliverAll(): Promise<void> {
    for (let round = 0; round < 3_000; round++) {
      queuedFrom += await fanOut.catchUp();
      await dispatcher.deliverDue();
      if (queuedFrom >= (await stored()) && (await pending()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${await pending()} deliveries still pending, ${queuedFrom} of ${await stored()} events read`);
  }

  it('delivers every event of the team at least once, in order per relationship, signed, through failures and timeouts', async () => {
    const subscriptions = new WebhookSubscriptions(db);
    const northSub = await subscriptions.create('team-north', 'u-ana', { url: `${receiver.url}/north`, eventTypes: [], format: 'event', secret: secrets.north });
    await subscriptions.create('team-south', 'u-sam', { url: `${receiver.url}/south`, eventTypes: [], format: 'event', secret: secrets.south });
    const slackSub = await subscriptions.create('team-north', 'u-ana', { url: `${receiver.url}/slack`, eventTypes: ['RelationshipMarkedAtRisk', 'NoteAdded'], format: 'slack', secret: secrets.north });

    const inputs = [
      open(north, 'acme', 'Acme', day(0)), open(north, 'basalt', 'Basalt', day(0, 10)), open(south, 'zinc', 'Zinc', day(0, 11)),
      signal('acme', 'dishonesty.detected', day(1)), signal('basalt', 'meeting.missed', day(1, 10)), signal('zinc', 'dishonesty.detected', day(1, 11)),
      command(north, 'acme', 'note.add', day(2), { text: 'Called them.' }), command(north, 'acme', 'account.assign_owner', day(2, 10), { ownerId: 'u-ana' }),
      command(south, 'zinc', 'note.add', day(2, 11), { text: 'South only.' }),
      signal('basalt', 'dishonesty.detected', day(3)), command(north, 'acme', 'termination.propose', day(4), { reason: 'Lies.' }),
    ];
    for (const input of inputs) expect((await engine.handle(input)).status).toBe('accepted');

    await deliverAll();

    const events = (await store.readAll(null, 1_000)).events;
    const teamOf = (relationshipId: string) => (relationshipId === 'zinc' ? 'south' : 'north');
    const taken = (path: string) => receiver.received.filter((r) => r.path === `/${path}` && r.answered !== 500 && r.answered !== 'timeout');

    // The receiver did fail and time out, and the log shows the retries.
    expect(receiver.received.filter((r) => r.answered === 500)).toHaveLength(3);
    expect(receiver.received.filter((r) => r.answered === 'timeout')).toHaveLength(2);
    const northLog = await subscriptions.deliveries('team-north', northSub.id, 500);
    expect(northLog.every((d) => d.status === 'delivered')).toBe(true);
    expect(northLog.some((d) => d.attempts > 1)).toBe(true);

    // Every signature is valid, with the receiving subscription's secret.
    for (const r of receiver.received) {
      const secret = r.path === '/south' ? secrets.south : secrets.north;
      expect(signedBy(secret, r.body, r.headers['offramp-signature'] as string)).toBe(true);
      expect(signedBy('another-secret-entirely', r.body, r.headers['offramp-signature'] as string)).toBe(false);
    }

    for (const team of ['north', 'south'] as const) {
      const got = taken(team).map((r) => JSON.parse(r.body) as { eventId: string; streamId: string; version: number; event: { relationshipId: string } });
      const expected = events.filter((e) => teamOf(e.streamId) === team);
      // At least once, and never another team's.
      expect(new Set(got.map((g) => g.eventId))).toEqual(new Set(expected.map((e) => e.eventId)));
      expect(got.every((g) => teamOf(g.event.relationshipId) === team)).toBe(true);
      // In order per relationship.
      for (const id of new Set(got.map((g) => g.streamId))) {
        const versions = got.filter((g) => g.streamId === id).map((g) => g.version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
      }
    }

    // The Slack-compatible subscription gets a text summary of the chosen types only.
    const slack = taken('slack').map((r) => JSON.parse(r.body) as { text: string });
    expect(slack.map((s) => s.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^\*Acme\*: relationship marked at risk/), expect.stringContaining('“Called them.”')]));
    expect(slack.some((s) => s.text.includes('South only'))).toBe(false);
    expect((await subscriptions.deliveries('team-north', slackSub.id)).map((d) => d.eventType).sort()).toEqual(['NoteAdded', 'RelationshipMarkedAtRisk', 'RelationshipMarkedAtRisk']);
  });

  it("a team sees neither another team's subscriptions nor their delivery log", async () => {
    const subscriptions = new WebhookSubscriptions(db);
    const [southSub] = await subscriptions.list('team-south');
    expect(southSub).toBeDefined();
    expect(await subscriptions.find('team-north', southSub!.id)).toBeNull();
    expect(await subscriptions.deliveries('team-north', southSub!.id)).toEqual([]);
    expect(await subscriptions.remove('team-north', southSub!.id)).toBe(false);
  });

  it('a test delivery is sent once, now, signed, and logged', async () => {
    const subscriptions = new WebhookSubscriptions(db);
    const sub = await subscriptions.create('team-north', 'u-ana', { url: `${receiver.url}/test`, eventTypes: [], format: 'event', secret: secrets.north });
    const before = receiver.received.length;
    const outcome = await dispatcher.sendTest(sub.id, JSON.stringify({ type: 'offramp.webhook.test' }));
    expect(outcome).toMatchObject({ ok: true, statusCode: 204 });
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    expect(signedBy(secrets.north, got[0]!.body, got[0]!.headers['offramp-signature'] as string)).toBe(true);
    expect((await subscriptions.deliveries('team-north', sub.id))[0]).toMatchObject({ eventType: 'offramp.webhook.test', status: 'delivered', attempts: 1 });
  });
});
