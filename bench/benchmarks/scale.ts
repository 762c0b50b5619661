// scale: the engine's memory with N relationships in the store (it must not grow with N), and
// decide + append latency on a 10,000-event stream against a new one (snapshots keep them close).
import type { Benchmark } from '../harness/benchmark';
import { runMeasured } from '../harness/child-process';
import { atMost, ratioAtMost, type Figure } from '../harness/figures';
import { percentile } from '../harness/measure';
import { requireExports } from '../harness/skip';
import { chunksOf, decidedEvents } from '../workload/domain-events';
import { generateHistory } from '../workload/history';
import { laterSignal } from '../workload/engine-at-scale';
import { insertSeedEvents, settleStreamVersions } from '../workload/seed-store';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const LONG_STREAM = 10_000;
/** Relationships seeded per statement. */
const SEED_ROWS = 100_000;
const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE_PROCESS = path.join(ROOT, 'bench', 'workload', 'engine-at-scale.ts');

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  description: 'engine peak RSS with N relationships in the store (--relationships); decide + append latency on a 10,000-event stream vs a new one',
  async run(context) {
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const { RelationshipEngine } = await requireExports('the runtime', () => import('@offramp/runtime'), ['RelationshipEngine']);
    const domain = await requireExports('the domain', () => import('@offramp/domain'), ['decide', 'evolve', 'parseInput', 'DEFAULT_POLICY']);
    const { ManualClock } = await requireExports('the clocks', () => import('@offramp/timers'), ['ManualClock']);

    const database = await context.scratchDatabase();
    const store = await openSqlEventStore({ url: database.url, maxConnections: 4 });
    context.defer(() => store.close());

    // N opened relationships, then one 10,000-event stream, all seeded in bulk. The opens are
    // the domain's own facts for the first relationship, copied by the server under each id.
    const n = context.relationships;
    context.progress(`seeding ${n} opened relationships`);
    const [firstOpen] = [...generateHistory({ relationships: 1, lines: 1 })];
    const parsed = domain.parseInput(firstOpen);
    if (!parsed.ok) throw new Error(`the generated open was refused: ${parsed.refusal.message}`);
    const decision = domain.decide(null, parsed.input, domain.DEFAULT_POLICY);
    if (decision.outcome !== 'accepted') throw new Error('the generated open was not accepted');
    const template = firstOpen!.relationshipId;
    for (let from = 0; from < n; from += SEED_ROWS) {
      const to = Math.min(n, from + SEED_ROWS);
      await store.db.query(
        `INSERT INTO events (stream_id, version, type, data)
         SELECT 'rel-' || lpad(r::text, 7, '0'), e.ordinality, e.value->>'type', replace(e.value::text, $1, 'rel-' || lpad(r::text, 7, '0'))::jsonb
           FROM generate_series($2::integer, $3::integer - 1) AS r, jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e
          ORDER BY r, e.ordinality`,
        [template, from, to, JSON.stringify(decision.events)],
      );
      context.progress(`  ${to} relationships`);
    }
    const longStream = 'scale-long';
    const longEvents = [...decidedEvents(domain, LONG_STREAM, { relationships: 1, seed: 11 })]
      .map((seed) => ({ ...seed, streamId: longStream, event: { ...seed.event, relationshipId: longStream } }));
    for (const chunk of chunksOf(longEvents, 5_000)) await insertSeedEvents(store.db, chunk);
    await settleStreamVersions(store.db);

    // Memory: the engine in a process of its own, with the worker's defaults (a bounded state
    // cache), handling signals spread over the N; against the same process only opening the store.
    const touched = Math.min(n, context.size(50_000, 5_000));
    const engineProcess = async (count: number) => {
      context.progress(count === 0 ? 'the engine process opening the store only' : `the engine process handling one signal on each of ${count} relationships spread over the ${n}`);
      const out = path.join(os.tmpdir(), `offramp-bench-scale-${process.pid}.json`);
      context.defer(() => rm(out, { force: true }));
      const run = await runMeasured('env', [`DATABASE_URL=${database.url}`, `RELATIONSHIPS=${n}`, `TOUCHED=${count}`, process.execPath, '--import', 'tsx', ENGINE_PROCESS], out, ROOT);
      if (run.code !== 0 || run.peakRssMiB === null) throw new Error(`the engine process failed: ${run.stderrTail}`);
      const { accepted } = JSON.parse(await readFile(out, 'utf8')) as { accepted: number };
      if (accepted !== count) throw new Error(`the engine process accepted ${accepted} of ${count} signals`);
      return { peakRssMiB: run.peakRssMiB, ms: run.ms };
    };
    const idle = await engineProcess(0);
    const busy = await engineProcess(touched);

    const clock = new ManualClock(new Date(Date.UTC(2030, 0, 1)));
    const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: domain.DEFAULT_POLICY }, { cacheSize: 0 });

    const samples = context.size(200, 50);
    context.progress(`latency: ${samples} signals on the ${LONG_STREAM}-event stream and on new streams`);
    // The first input on the seeded long stream folds all of it and writes the snapshot that a
    // stream grown by appends would already have; it is not part of the figure.
    await engine.handle(laterSignal(longStream, samples * 3));
    const longMs: number[] = [];
    const newMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const fresh = `scale-new-${i}`;
      await engine.handle({ ...[...generateHistory({ relationships: 1, lines: 1 })][0], id: `open-${fresh}`, relationshipId: fresh });
      let started = performance.now();
      await engine.handle(laterSignal(fresh, samples + i));
      newMs.push(performance.now() - started);
      started = performance.now();
      await engine.handle(laterSignal(longStream, i));
      longMs.push(performance.now() - started);
    }

    const note = `${touched.toLocaleString('en-US')} relationships touched in batches of 100, ${Math.round((touched * 1000) / busy.ms)} signals/s with start-up`;
    const figures: Figure[] = [
      { name: `engine peak RSS, ${n.toLocaleString('en-US')} relationships in the store`, value: busy.peakRssMiB, unit: 'MiB', baseline: { name: 'the same process opening the store only', value: idle.peakRssMiB }, targets: [atMost(512)], note },
      { name: `decide + append p50, ${LONG_STREAM.toLocaleString('en-US')}-event stream`, value: percentile(longMs, 50), unit: 'ms', baseline: { name: 'new stream', value: percentile(newMs, 50) }, targets: [ratioAtMost(1.5)] },
      { name: `decide + append p99, ${LONG_STREAM.toLocaleString('en-US')}-event stream`, value: percentile(longMs, 99), unit: 'ms', baseline: { name: 'new stream', value: percentile(newMs, 99) }, targets: [ratioAtMost(1.5)] },
    ];
    return figures;
  },
};
