// Appends: one event at a time, 100 events per append, 100 streams per transaction, and 16
// concurrent writers, in events/s, against plain INSERTs into an equal table and against
// Emmett on the same PostgreSQL database; the single and batched cases on PGlite too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DomainEvent } from '@offramp/domain';
import type { EventStore } from '@offramp/runtime';
import type { Sql } from '@offramp/event-store';
import type { Benchmark } from '../harness/benchmark';
import type { BenchContext } from '../harness/context';
import { ratioAtLeast, type Figure } from '../harness/figures';
import { inLanes, interleaved, ratePerSecond } from '../harness/measure';
import { requireExports } from '../harness/skip';
import { openEmmettStore } from '../workload/emmett-store';
import { createRawEventsTable, insertRawAcrossStreams, insertRawEvents } from '../workload/raw-events-table';
import { sampleEvent, sampleEvents } from '../workload/sample-events';

const BATCH = 100;
const WRITERS = 16;

/** How a contender appends; `expectedVersion` is the stream's version before the append. */
interface Appender {
  append(streamId: string, expectedVersion: number, events: DomainEvent[]): Promise<unknown>;
  /** One transaction with one event for each stream (only where the contender has it). */
  appendAcross?(entries: Array<{ streamId: string; event: DomainEvent }>): Promise<unknown>;
}

function storeAppender(store: EventStore): Appender {
  return {
    append: (streamId, expectedVersion, events) => store.append({
      streamId, expectedVersion, events, idempotencyKey: `signal:bench:${streamId}:${expectedVersion}`,
    }),
    appendAcross: (entries) => store.appendMany(entries.map(({ streamId, event }) => ({
      streamId, expectedVersion: 0, events: [event], idempotencyKey: `signal:bench:${streamId}:0`,
    }))),
  };
}

function rawAppender(sql: Sql): Appender {
  return {
    append: (streamId, expectedVersion, events) => insertRawEvents(sql, streamId, expectedVersion, events),
    appendAcross: (entries) => insertRawAcrossStreams(sql, entries.map((entry) => ({ ...entry, version: 1 }))),
  };
}

/** A request as the single and batched store functions each take it (with an idempotency key, as every real input has). */
const benchRequest = (streamId: string, expectedVersion: number, events: DomainEvent[]) => ({
  streamId, expectedVersion, events, idempotencyKey: `signal:bench:${streamId}:${expectedVersion}`,
});

interface Sizes { single: number; batched: number; across: number; concurrent: number; rounds: number }

/** Each workload returns events/s; stream names are fresh per round so every append is real. */
const workloads = {
  single: (appender: Appender, prefix: string, count: number) => ratePerSecond(count, async () => {
    for (let i = 0; i < count; i++) {
      const streamId = `${prefix}-${i % 100}`;
      const version = Math.floor(i / 100);
      await appender.append(streamId, version, [sampleEvent(streamId, version)]);
    }
  }),
  batched: (appender: Appender, prefix: string, count: number) => ratePerSecond(count, async () => {
    for (let i = 0; i < count / BATCH; i++) await appender.append(`${prefix}-${i}`, 0, sampleEvents(`${prefix}-${i}`, 0, BATCH));
  }),
  across: (appender: Appender, prefix: string, count: number) => ratePerSecond(count, async () => {
    for (let i = 0; i < count / BATCH; i++) {
      await appender.appendAcross!(Array.from({ length: BATCH }, (_, j) => {
        const streamId = `${prefix}-${i}-${j}`;
        return { streamId, event: sampleEvent(streamId, 0) };
      }));
    }
  }),
  // Every writer appends to streams of its own, so the figure measures throughput, not conflicts.
  concurrent: (appender: Appender, prefix: string, count: number) => ratePerSecond(count, () =>
    inLanes(count, WRITERS, (i) => appender.append(`${prefix}-${i}`, 0, [sampleEvent(`${prefix}-${i}`, 0)]))),
};

/**
 * One event per append through the store's two SQL functions, interleaved on one database: the
 * single-request `offramp_append_one` against `offramp_append_many` with a batch of one. The store
 * sends a batch of one through whichever this shows faster.
 */
async function batchOfOne(context: BenchContext, engine: string, sql: Sql, count: number, rounds: number): Promise<Figure> {
  const { appendAll, appendOne } = await import('../../libs/event-store/src/sql/append');
  context.progress(`${engine} batch of one: ${count} events × ${rounds} rounds, offramp_append_one against offramp_append_many`);
  const single: Appender = { append: (streamId, version, events) => appendOne(sql, benchRequest(streamId, version, events)) };
  const many: Appender = { append: (streamId, version, events) => appendAll(sql, [benchRequest(streamId, version, events)]) };
  const prefix = engine === 'PostgreSQL' ? 'pg' : 'lite';
  const rates = await interleaved(rounds, {
    single: (round) => workloads.single(single, `${prefix}-one-a${round}`, count),
    many: (round) => workloads.single(many, `${prefix}-one-m${round}`, count),
  }, (round, r) => context.progress(`  round ${round + 1}: offramp_append_one ${Math.round(r.single)}/s, offramp_append_many ${Math.round(r.many)}/s`));
  return { name: `${engine} 1 event through offramp_append_many`, value: rates.many, unit: 'events/s', baseline: { name: 'offramp_append_one', value: rates.single } };
}

async function onPostgres(context: BenchContext, sizes: Sizes, openStore: (url: string) => Promise<EventStore & { close(): Promise<void> }>): Promise<Figure[]> {
  const database = await context.scratchDatabase();
  const store = await openStore(database.url);
  context.defer(() => store.close());
  const pool = new pg.Pool({ connectionString: database.url, max: WRITERS });
  context.defer(() => pool.end());
  await createRawEventsTable(pool);
  const emmett = await openEmmettStore(database.url, WRITERS);
  context.defer(() => emmett.close());

  const contenders: Record<'offramp' | 'raw' | 'emmett', Appender> = {
    offramp: storeAppender(store),
    raw: rawAppender(pool),
    emmett: { append: (streamId, expectedVersion, events) => emmett.append(streamId, events, expectedVersion) },
  };

  const figures: Figure[] = [];
  for (const workload of ['single', 'batched', 'concurrent'] as const) {
    context.progress(`PostgreSQL ${workload}: ${sizes[workload]} events × ${sizes.rounds} rounds per contender`);
    const rates = await interleaved(sizes.rounds, {
      offramp: (round) => workloads[workload](contenders.offramp, `pg-${workload}-o${round}`, sizes[workload]),
      raw: (round) => workloads[workload](contenders.raw, `pg-${workload}-r${round}`, sizes[workload]),
      emmett: (round) => workloads[workload](contenders.emmett, `pg-${workload}-e${round}`, sizes[workload]),
    }, (round, r) => context.progress(`  round ${round + 1}: offramp ${Math.round(r.offramp)}/s, raw ${Math.round(r.raw)}/s, Emmett ${Math.round(r.emmett)}/s`));
    const name = `PostgreSQL ${workload === 'batched' ? `${BATCH} events per append` : workload === 'single' ? '1 event per append' : `${WRITERS} concurrent writers`}`;
    figures.push(
      { name, value: rates.offramp, unit: 'events/s', baseline: { name: 'raw INSERT', value: rates.raw }, targets: [ratioAtLeast(0.7)] },
      { name, value: rates.offramp, unit: 'events/s', baseline: { name: 'Emmett', value: rates.emmett }, targets: [ratioAtLeast(2)] },
    );
  }

  context.progress(`PostgreSQL ${BATCH} streams per transaction: ${sizes.across} events × ${sizes.rounds} rounds`);
  const across = await interleaved(sizes.rounds, {
    offramp: (round) => workloads.across(contenders.offramp, `pg-across-o${round}`, sizes.across),
    raw: (round) => workloads.across(contenders.raw, `pg-across-r${round}`, sizes.across),
  });
  figures.push({ name: `PostgreSQL ${BATCH} streams per transaction`, value: across.offramp, unit: 'events/s', baseline: { name: 'raw INSERT', value: across.raw }, targets: [ratioAtLeast(0.7)] });
  figures.push(await batchOfOne(context, 'PostgreSQL', pool, sizes.single, sizes.rounds));
  return figures;
}

async function onPglite(context: BenchContext, sizes: Sizes, openStore: (dataDir: string) => Promise<EventStore & { db: Sql; close(): Promise<void> }>): Promise<Figure[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'offramp-bench-pglite-'));
  context.defer(() => rm(dataDir, { recursive: true, force: true }));
  const store = await openStore(dataDir);
  context.defer(() => store.close());
  await createRawEventsTable(store.db);
  const ours = storeAppender(store);
  const raw = rawAppender(store.db);

  const figures: Figure[] = [];
  for (const workload of ['single', 'batched', 'across'] as const) {
    context.progress(`PGlite ${workload}: ${sizes[workload]} events × ${sizes.rounds} rounds`);
    const rates = await interleaved(sizes.rounds, {
      offramp: (round) => workloads[workload](ours, `lite-${workload}-o${round}`, sizes[workload]),
      raw: (round) => workloads[workload](raw, `lite-${workload}-r${round}`, sizes[workload]),
    });
    const name = `PGlite ${workload === 'batched' ? `${BATCH} events per append` : workload === 'single' ? '1 event per append' : `${BATCH} streams per transaction`}`;
    figures.push({ name, value: rates.offramp, unit: 'events/s', baseline: { name: 'raw INSERT', value: rates.raw }, targets: [ratioAtLeast(0.7)] });
  }
  figures.push(await batchOfOne(context, 'PGlite', store.db, sizes.single, sizes.rounds));
  return figures;
}

export const appendBenchmark: Benchmark = {
  name: 'append',
  description: `events/s appended: single, ${BATCH} per append, ${BATCH} streams per transaction, ${WRITERS} writers; vs raw INSERT (≥ 70%) and Emmett (≥ 2×)`,
  async run(context) {
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const sizes: Sizes = context.quick
      ? { single: 300, batched: 3_000, across: 1_000, concurrent: 1_000, rounds: 2 }
      : { single: 2_000, batched: 30_000, across: 10_000, concurrent: 10_000, rounds: 3 };
    const postgres = await onPostgres(context, sizes, (url) => openSqlEventStore({ url, maxConnections: WRITERS }));
    const pglite = await onPglite(context, sizes, (dataDir) => openSqlEventStore({ dataDir }));
    return [...postgres, ...pglite];
  },
};
