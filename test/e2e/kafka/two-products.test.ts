// Two copies of the all-in-one product on one PostgreSQL database and one Kafka broker, fed from
// outside with kafkajs: the engine workers share the input partitions as one consumer group, and
// each processor over the global order (the read models, the outbox) runs in one copy at a time
// under its lease. With no fault every event reaches the events topic exactly once; with the
// outbox's holder SIGKILLed mid-stream and started again, nothing is lost and the standby takes
// over. Lease changes and wake-ups are read from each process's /metrics, never timed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openSqlEventStore, type SqlEventStore } from '@offramp/event-store';
import { allProjections } from '@offramp/read-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asMessage, opened, signal } from '../../integration/kafka/inputs';
import { eventually, readTopic, testBrokers, uniqueName, withAdmin } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startProduct, type ProductProcess } from '../../support/product-process';
import { produce, storeCounts } from './harness';

const ROOT = path.resolve(__dirname, '../../..');
const RELATIONSHIPS = 1_000;
const SIGNALS_EACH = 20;
const OUTBOX = 'outbox';
/** Events the outbox publishes per produce (its default page). */
const OUTBOX_PAGE = 500;
const READ_MODELS = 'read-models';
/** Generous: on a shared machine 21,000 inputs through two processes can take minutes; nothing here is timed. */
const CATCH_UP_MS = 600_000;
const TEST_MS = 900_000;
/** Every read model's checkpoint, named as the product names its processors. */
const READ_MODEL_CHECKPOINTS = allProjections().map((projection) => projection.name);

interface Load {
  lines: Array<Record<string, unknown>>;
  opens: { key: string; value: string }[];
  signals: { key: string; value: string }[];
}

/**
 * 1,000 relationships opened, then 20 signals each, dated in the last minutes so no timer of the
 * product's clock falls due meanwhile. Every fourth relationship's client is caught lying (a red
 * flag: at risk at once); the others only hold prepared meetings and log time (healthy).
 */
function load(prefix: string): Load {
  const start = Date.now() - 60 * 60_000;
  const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
  const lines: Load['lines'] = [];
  const opens: Load['opens'] = [];
  const signals: Load['signals'] = [];
  const ids = Array.from({ length: RELATIONSHIPS }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  for (const id of ids) {
    const open = opened(id, at(0));
    lines.push({ kind: 'command', ...open });
    opens.push(asMessage(open));
  }
  for (let n = 0; n < SIGNALS_EACH; n++) {
    ids.forEach((id, i) => {
      const caughtLying = i % 4 === 0 && n === SIGNALS_EACH / 2;
      const input = caughtLying ? signal('dishonesty.detected', id, {}, at(1 + n), `${id}-s${n}`)
        : n % 2 === 0 ? signal('meeting.held', id, { prepared: true }, at(1 + n), `${id}-s${n}`)
          : signal('time.logged', id, { hours: 2 }, at(1 + n), `${id}-s${n}`);
      lines.push({ kind: 'signal', ...input });
      signals.push(asMessage(input));
    });
  }
  return { lines, opens, signals };
}

/** The product's `simulate` of the same inputs: what every relationship must end as. */
async function simulated(lines: Load['lines']): Promise<Map<string, { state: string; phase: string | null; reasons: string[] }>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'offramp-two-products-'));
  try {
    const file = path.join(dir, 'history.ndjson');
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist/apps/cli/src/main.js'), 'simulate', file], { cwd: ROOT, maxBuffer: 256 * 2 ** 20 });
    const { relationships } = JSON.parse(stdout) as { relationships: Array<{ relationshipId: string; state: string; phase: string | null; reasons: Array<{ code: string }> }> };
    return new Map(relationships.map((r) => [r.relationshipId, { state: r.state, phase: r.phase, reasons: r.reasons.map((x) => x.code).sort() }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One scraped sample: `offramp_processor_holds_lease{processor="outbox"}` and the like. */
async function metric(product: ProductProcess, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${product.baseUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

const holds = (product: ProductProcess, processor: string) => metric(product, 'offramp_processor_holds_lease', { processor });
const leaseTaken = (product: ProductProcess, processor: string) => metric(product, 'offramp_processor_lease_taken_total', { processor });
const wakeUps = (product: ProductProcess, processor: string, cause: string) => metric(product, 'offramp_processor_wake_ups_total', { processor, cause });

/** Every message on the topic, counted by its offsets (each partition starts at 0). */
async function publishedCount(topic: string): Promise<number> {
  const offsets = await withAdmin((admin) => admin.fetchTopicOffsets(topic));
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

class Deployment {
  readonly products: ProductProcess[] = [];
  readonly topics = { signals: uniqueName('signals'), commands: uniqueName('commands'), events: uniqueName('events'), deadLetter: uniqueName('dead-letter') };
  private readonly groupId = uniqueName('engine');
  database!: TestDatabase;
  store!: SqlEventStore;

  async open(name: string): Promise<void> {
    this.database = await createTestDatabase(name);
  }

  async start(): Promise<ProductProcess> {
    const product = await startProduct({
      env: {
        DATABASE_URL: this.database.url,
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_GROUP_ID: this.groupId,
        KAFKA_SIGNALS_TOPIC: this.topics.signals,
        KAFKA_COMMANDS_TOPIC: this.topics.commands,
        KAFKA_EVENTS_TOPIC: this.topics.events,
        KAFKA_DEAD_LETTER_TOPIC: this.topics.deadLetter,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
        LOG_LEVEL: 'warn',
      },
    });
    this.products.push(product);
    // The store is opened once the first copy migrated it.
    this.store ??= await openSqlEventStore({ url: this.database.url, maxConnections: 2 });
    return product;
  }

  /** Each processor's lease is held by exactly one of the running copies. */
  async leasesSettled(running: ProductProcess[]): Promise<boolean> {
    for (const processor of [OUTBOX, READ_MODELS]) {
      const held = await Promise.all(running.map((p) => holds(p, processor)));
      if (held.reduce((a, b) => a + b, 0) !== 1) return false;
    }
    return true;
  }

  /** Every input recorded, and the outbox and every read model at the end of the store. */
  async caughtUp(inputs: number): Promise<boolean> {
    if ((await storeCounts(this.database.url)).accepted < inputs) return false;
    for (const name of [OUTBOX, ...READ_MODEL_CHECKPOINTS]) {
      const { rows } = await this.store.db.query<{ checkpoint: string | null }>('SELECT checkpoint FROM projection_checkpoints WHERE name = $1', [name]);
      if ((await this.store.readAll(rows[0]?.checkpoint ?? null, 1)).events.length > 0) return false;
    }
    return true;
  }

  /** The events topic read whole: messages per event id. */
  async publishedById(): Promise<{ messages: number; byId: Map<string, number> }> {
    const messages = await publishedCount(this.topics.events);
    const read = await readTopic(this.topics.events, messages, { timeoutMs: 120_000 });
    const byId = new Map<string, number>();
    for (const m of read) byId.set(m.headers.ce_id!, (byId.get(m.headers.ce_id!) ?? 0) + 1);
    return { messages, byId };
  }

  async storedEventIds(): Promise<string[]> {
    const { rows } = await this.store.db.query<{ event_id: string }>('SELECT event_id FROM events ORDER BY global_position');
    return rows.map((r) => r.event_id);
  }

  /** The board's row for each relationship, against what `simulate` says of the same inputs. */
  async boardAgainst(expected: Awaited<ReturnType<typeof simulated>>): Promise<{ matching: number; rows: number }> {
    const { rows } = await this.store.db.query<{ relationship_id: string; state: string; phase: string | null; reasons: Array<{ code: string }>; version: number; stream_version: number }>(
      `SELECT b.relationship_id, b.state, b.phase, b.reasons, b.version, s.version AS stream_version
         FROM rm_board b JOIN streams s ON s.stream_id = b.relationship_id`,
    );
    const matching = rows.filter((r) => {
      const want = expected.get(r.relationship_id);
      return want && want.state === r.state && want.phase === r.phase
        && JSON.stringify(want.reasons) === JSON.stringify(r.reasons.map((x) => x.code).sort())
        && Number(r.version) === Number(r.stream_version);
    }).length;
    return { matching, rows: rows.length };
  }

  async timelineRows(): Promise<number> {
    const { rows } = await this.store.db.query<{ n: string }>('SELECT count(*) AS n FROM rm_timeline');
    return Number(rows[0]!.n);
  }

  async close(): Promise<void> {
    await Promise.all(this.products.map((p) => p.stop('SIGKILL')));
    await this.store?.close();
    await this.database?.drop();
  }
}

/** The copy of the product that publishes: the one holding the outbox's lease. */
async function outboxHolder(running: ProductProcess[]): Promise<ProductProcess> {
  for (const product of running) if ((await holds(product, OUTBOX)) === 1) return product;
  throw new Error('no copy holds the outbox lease');
}

describe('two all-in-one processes on one database and broker', () => {
  const quiet = new Deployment();
  const killed = new Deployment();
  beforeAll(async () => {
    await quiet.open('two_products');
    await killed.open('two_products_killed');
  });
  afterAll(async () => {
    await quiet.close();
    await killed.close();
  });

  it('with no fault, every event is published exactly once and both copies agree with simulate', async () => {
    const inputs = load('quiet');
    const simulating = simulated(inputs.lines);
    const first = await quiet.start();
    const second = await quiet.start();
    await eventually(() => quiet.leasesSettled([first, second]), 60_000, 'each lease held by one copy');

    await produce(quiet.topics.commands, inputs.opens);
    // Opens and signals travel on two topics consumed independently: a signal read before its
    // relationship's open would be refused not_found, so the signals follow once every open is in.
    await eventually(async () => (await storeCounts(quiet.database.url)).accepted >= RELATIONSHIPS, CATCH_UP_MS, 'every relationship opened');
    await produce(quiet.topics.signals, inputs.signals);
    await eventually(() => quiet.caughtUp(inputs.lines.length), CATCH_UP_MS, 'every input recorded, published and projected');
    const expected = await simulating;
    expect([...expected.values()].filter((r) => r.state === 'at_risk')).toHaveLength(RELATIONSHIPS / 4);

    const counts = await storeCounts(quiet.database.url);
    expect(counts.accepted).toBe(RELATIONSHIPS * (1 + SIGNALS_EACH));
    expect(counts.events).toBe(counts.eventsByKeys);
    const stored = await quiet.storedEventIds();
    const { messages, byId } = await quiet.publishedById();
    expect({ duplicates: messages - stored.length }).toEqual({ duplicates: 0 });
    expect(stored.filter((id) => byId.get(id) !== 1)).toEqual([]);
    expect(await quiet.boardAgainst(expected)).toEqual({ matching: RELATIONSHIPS, rows: RELATIONSHIPS });
    expect(await quiet.timelineRows()).toBe(stored.length);
    // Nobody lost a lease: the copy that took each one kept it, the other stood by throughout.
    for (const processor of [OUTBOX, READ_MODELS]) {
      expect((await Promise.all([first, second].map((p) => leaseTaken(p, processor)))).sort()).toEqual([0, 1]);
    }
  }, TEST_MS);

  it("with the outbox's holder SIGKILLed mid-stream and started again, nothing is lost and the standby takes over", async () => {
    const inputs = load('killed');
    const simulating = simulated(inputs.lines);
    const first = await killed.start();
    const second = await killed.start();
    await eventually(() => killed.leasesSettled([first, second]), 60_000, 'each lease held by one copy');
    const holder = await outboxHolder([first, second]);
    const standby = holder === first ? second : first;
    expect(await leaseTaken(standby, OUTBOX)).toBe(0);

    await produce(killed.topics.commands, inputs.opens);
    await eventually(async () => (await storeCounts(killed.database.url)).accepted >= RELATIONSHIPS, CATCH_UP_MS, 'every relationship opened');
    await produce(killed.topics.signals, inputs.signals);
    // Mid-stream: part of the events already went out through the holder.
    await eventually(async () => (await publishedCount(killed.topics.events)) >= 5_000, CATCH_UP_MS, '5,000 events published');
    holder.child.kill('SIGKILL');
    await holder.exited;
    await eventually(async () => (await holds(standby, OUTBOX)) === 1, 60_000, 'the standby holds the outbox lease');
    const restarted = await killed.start();
    await eventually(() => killed.caughtUp(inputs.lines.length), CATCH_UP_MS, 'every input recorded, published and projected');
    const expected = await simulating;

    const counts = await storeCounts(killed.database.url);
    expect(counts.accepted).toBe(RELATIONSHIPS * (1 + SIGNALS_EACH));
    expect(counts.events).toBe(counts.eventsByKeys);
    const stored = await killed.storedEventIds();
    const { messages, byId } = await killed.publishedById();
    expect(stored.filter((id) => !byId.has(id))).toEqual([]);
    // A holder killed after Kafka acknowledged a page but before its checkpoint moved leaves that
    // one page to be published again by the standby (at least once, by design: consumers
    // deduplicate by ce_id); two outboxes racing would double far more than a page.
    expect(messages - stored.length).toBeLessThanOrEqual(OUTBOX_PAGE);
    expect(await killed.boardAgainst(expected)).toEqual({ matching: RELATIONSHIPS, rows: RELATIONSHIPS });
    expect(await killed.timelineRows()).toBe(stored.length);

    // The standby took the outbox's lease once, woken by notifications of the other copy's appends;
    // the restarted copy stands by.
    expect(await leaseTaken(standby, OUTBOX)).toBe(1);
    expect(await holds(standby, OUTBOX)).toBe(1);
    expect(await wakeUps(standby, OUTBOX, 'notification')).toBeGreaterThan(0);
    expect(await holds(restarted, OUTBOX)).toBe(0);
    expect(await leaseTaken(restarted, OUTBOX)).toBe(0);
    const { rows } = await killed.store.db.query<{ owner: string }>('SELECT owner FROM processor_leases WHERE name = $1', [OUTBOX]);
    expect(rows[0]!.owner.split(':')[0]).toBe(String(standby.child.pid));
  }, TEST_MS);
});
