// A batch appended in one set-based call ends exactly where the same requests appended one by
// one (the per-request function of migration 006) end: same results, same conflict, same rows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../database';
import { openDatabase } from '../connection/open-database';
import { migrate } from './migrate';

interface Request {
  s: string; e: number; n: number; ev: Array<{ type: string; n: number }>; k?: string;
  t?: Array<{ id: string; relationshipId: string; type: string; dueAt: string; data: object }>;
  sn?: { streamId: string; version: number; machineVersion: string; policyVersion: string; state: object };
}

const STREAMS = ['acme', 'globex'];
const DUE = ['2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z'];

const timerOf = (stream: string, name: string, due: number) =>
  ({ id: `${stream}/${name}`, relationshipId: stream, type: name, dueAt: DUE[due], data: { due } });

const requestArb = fc.record({
  stream: fc.constantFrom(...STREAMS),
  onTime: fc.constantFrom(true, true, true, false),
  expected: fc.nat(3),
  events: fc.nat(2),
  key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
  timers: fc.option(fc.subarray([['reply', 0], ['reply', 1], ['due', 0], ['notice', 1]] as const, { maxLength: 3 }), { nil: undefined }),
  // Now and then a timer id of another stream, which makes the order of requests decide.
  foreign: fc.boolean(),
  snapshot: fc.boolean(),
});

type Draft = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

/** Requests whose expected versions mostly follow on from the ones before, so that most batches go through. */
function batchOf(drafts: Draft[], start: Record<string, number>, foreignAllowed: boolean): Request[] {
  const versions = { ...start };
  return drafts.map((d) => {
    const e = d.onTime ? versions[d.stream] ?? 0 : d.expected;
    versions[d.stream] = e + d.events;
    // A request names each timer once (a set naming one twice is refused, whatever the order).
    const timers = d.timers?.filter(([name], i) => d.timers!.findIndex(([other]) => other === name) === i)
      .map(([name, due]) => timerOf(d.stream, name, due));
    if (timers && foreignAllowed && d.foreign) timers.push(timerOf(STREAMS.find((s) => s !== d.stream)!, 'reply', 0));
    return {
      s: d.stream, e, n: d.events, ev: Array.from({ length: d.events }, (_, n) => ({ type: 'Fact', n })),
      ...(d.key ? { k: d.key } : {}),
      ...(timers ? { t: timers } : {}),
      ...(d.snapshot ? { sn: { streamId: d.stream, version: e + d.events, machineVersion: 'm', policyVersion: 'p', state: { e } } } : {}),
    };
  });
}

async function tables(sql: Sql): Promise<unknown> {
  const q = async (text: string) => (await sql.query(text)).rows;
  return {
    streams: await q('SELECT stream_id, version FROM streams ORDER BY stream_id'),
    events: await q('SELECT stream_id, version, type, data FROM events ORDER BY global_position'),
    keys: await q('SELECT key, stream_id, from_version, to_version FROM idempotency_keys ORDER BY key'),
    timers: await q('SELECT id, stream_id, relationship_id, type, due_at, data, lease_until, attempts FROM timers ORDER BY id'),
    snapshots: await q('SELECT stream_id, version, machine_version, policy_version, state FROM snapshots ORDER BY stream_id'),
  };
}

interface Outcome { results?: unknown[]; conflict?: string; tables: unknown }

const summary = (r: { status: string; streamId: string; fromVersion: number; toVersion: number; events: Array<{ version: number; event: unknown }> }) =>
  ({ ...r, events: r.events.map((e) => [e.version, e.event]) });

async function attempt(sql: Sql, run: () => Promise<unknown[]>): Promise<Outcome> {
  await sql.query('SAVEPOINT batch');
  try {
    const results = await run();
    const outcome = { results, tables: await tables(sql) };
    await sql.query('ROLLBACK TO SAVEPOINT batch');
    return outcome;
  } catch (error) {
    await sql.query('ROLLBACK TO SAVEPOINT batch');
    const { code, message } = error as { code?: string; message?: string };
    if (code === undefined) throw error;
    return { conflict: `${code}: ${message}`, tables: null };
  }
}

const oneByOne = (sql: Sql, batch: Request[]) => attempt(sql, async () => {
  const results = [];
  for (const r of batch) {
    const { rows } = await sql.query<{ result: Parameters<typeof summary>[0] }>(
      'SELECT offramp_append($1, $2, $3::jsonb, $4, $5::jsonb, $6::jsonb) AS result',
      [r.s, r.e, JSON.stringify(r.ev), r.k ?? null, r.t ? JSON.stringify(r.t) : null, r.sn ? JSON.stringify(r.sn) : null],
    );
    results.push(summary(rows[0].result));
  }
  return results;
});

const together = (sql: Sql, batch: Request[]) => attempt(sql, async () => {
  const { rows } = await sql.query<{ result: string }>('SELECT offramp_append_many($1::jsonb) AS result', [JSON.stringify(batch)]);
  const json = JSON.parse(rows[0].result) as { duplicates: Record<string, Parameters<typeof summary>[0]> | null };
  return batch.map((r, i) => {
    const original = json.duplicates?.[String(i + 1)];
    if (original) return summary({ ...original, status: 'duplicate' });
    return { status: 'appended', streamId: r.s, fromVersion: r.e + 1, toVersion: r.e + r.n, events: r.ev.map((event, n) => [r.e + n + 1, event]) };
  });
});

describe('offramp_append_many', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ url: 'memory://' });
    await migrate(db);
  }, 60_000);
  afterAll(async () => { await db?.close(); });

  const sameAsOneByOne = (foreignAllowed: boolean) => fc.asyncProperty(
    fc.array(requestArb, { minLength: 1, maxLength: 3 }),
    fc.array(requestArb, { minLength: 1, maxLength: 8 }),
    fc.boolean(),
    async (before, drafts, leased) => {
      await db.transaction(async (tx) => {
        // What the store holds already: some streams, keys and timers, a timer being fired.
        for (const r of batchOf(before.map((d) => ({ ...d, onTime: true })), {}, false)) {
          await tx.query('SAVEPOINT history');
          await tx.query('SELECT offramp_append_many($1::jsonb)', [JSON.stringify([r])])
            .catch(() => tx.query('ROLLBACK TO SAVEPOINT history'));
        }
        if (leased) await tx.query(`UPDATE timers SET lease_until = '2026-03-01T00:05:00Z', attempts = 2 WHERE id LIKE '%/reply'`);
        const { rows } = await tx.query<{ stream_id: string; version: number }>('SELECT stream_id, version FROM streams');
        const batch = batchOf(drafts, Object.fromEntries(rows.map((r) => [r.stream_id, Number(r.version)])), foreignAllowed);

        const expected = await oneByOne(tx, batch);
        const actual = await together(tx, batch);
        expect(actual).toEqual(expected);
        throw new Rollback();
      }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
    },
  );

  it('ends where appending the requests one by one ends', async () => {
    const draft = (timers: Draft['timers']): Draft =>
      ({ stream: 'acme', onTime: true, expected: 0, events: 1, key: undefined, timers, foreign: false, snapshot: false });
    // A timer being fired, moved away and back within the batch: it loses its lease.
    const movedAndBack: [Draft[], Draft[], boolean] = [[draft([['reply', 0]])], [draft([['reply', 1]]), draft([['reply', 0]])], true];
    await fc.assert(sameAsOneByOne(false), { numRuns: 200, examples: [movedAndBack] });
  }, 120_000);

  it('does so too when a timer passes from one stream to another', async () => {
    await fc.assert(sameAsOneByOne(true), { numRuns: 100 });
  }, 120_000);
});

class Rollback extends Error {}
