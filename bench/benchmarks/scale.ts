// scale: the engine's memory with N relationships in the store (it must not grow with N), and
// decide + append latency on a 10,000-event stream against a new one (snapshots keep them close).
import type { Benchmark } from '../harness/benchmark';
import { ratioAtMost, type Figure } from '../harness/figures';
import { percentile } from '../harness/measure';
import { requireExports } from '../harness/skip';
import { chunksOf, decidedEvents } from '../workload/domain-events';
import { generateHistory } from '../workload/history';
import { insertSeedEvents, settleStreamVersions } from '../workload/seed-store';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const LONG_STREAM = 10_000;
const mib = (bytes: number): number => bytes / 2 ** 20;

/** Heap in use after a full collection (gc is exposed at run time, so `npm run bench` needs no flag). */
function settledHeap(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** A signal for `relationshipId` at `n` minutes after the history's end, so time only moves forward. */
function laterSignal(relationshipId: string, n: number): Record<string, unknown> {
  return {
    kind: 'signal', id: `scale-${relationshipId}-${n}`, type: 'time.logged', relationshipId, source: 'bench',
    occurredAt: new Date(Date.UTC(2030, 0, 1) + n * 60_000).toISOString(), data: { hours: 1 },
  };
}

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  description: 'engine heap with N relationships in the store (--relationships); decide + append latency on a 10,000-event stream vs a new one',
  async run(context) {
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const { RelationshipEngine } = await requireExports('the runtime', () => import('@offramp/runtime'), ['RelationshipEngine']);
    const domain = await requireExports('the domain', () => import('@offramp/domain'), ['decide', 'evolve', 'parseInput', 'DEFAULT_POLICY']);
    const { ManualClock } = await requireExports('the clocks', () => import('@offramp/timers'), ['ManualClock']);

    const database = await context.scratchDatabase();
    const store = await openSqlEventStore({ url: database.url, maxConnections: 4 });
    context.defer(() => store.close());

    // N opened relationships, then one 10,000-event stream, all seeded in bulk.
    const n = context.relationships;
    context.progress(`seeding ${n} opened relationships`);
    let seeded = 0;
    const opens = function* () {
      for (const line of generateHistory({ relationships: n, lines: n })) {
        const parsed = domain.parseInput(line);
        if (!parsed.ok) continue;
        const decision = domain.decide(null, parsed.input, domain.DEFAULT_POLICY);
        if (decision.outcome === 'accepted') yield* decision.events.map((event, i) => ({ streamId: line.relationshipId, version: i + 1, event }));
      }
    };
    for (const chunk of chunksOf(opens(), 5_000)) {
      await insertSeedEvents(store.db, chunk);
      seeded += chunk.length;
      if (seeded % 100_000 < 5_000) context.progress(`  ${seeded} events`);
    }
    const longStream = 'scale-long';
    const longEvents = [...decidedEvents(domain, LONG_STREAM, { relationships: 1, seed: 11 })]
      .map((seed) => ({ ...seed, streamId: longStream, event: { ...seed.event, relationshipId: longStream } }));
    for (const chunk of chunksOf(longEvents, 5_000)) await insertSeedEvents(store.db, chunk);
    await settleStreamVersions(store.db);

    // No state cache: every input loads from the store (snapshot + tail), as after a restart.
    const clock = new ManualClock(new Date(Date.UTC(2030, 0, 1)));
    const heapBefore = settledHeap();
    const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: domain.DEFAULT_POLICY }, { cacheSize: 0 });

    const touched = Math.min(n, context.size(5_000, 1_000));
    context.progress(`handling one signal on each of ${touched} relationships spread over the ${n}`);
    for (let i = 0; i < touched; i++) {
      const relationshipId = `rel-${String(Math.floor((i * n) / touched)).padStart(7, '0')}`;
      await engine.handle(laterSignal(relationshipId, i));
    }
    const heapAfter = settledHeap();

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

    const note = `${touched} relationships touched, heap ${mib(heapBefore).toFixed(0)} → ${mib(heapAfter).toFixed(0)} MiB`;
    const figures: Figure[] = [
      { name: `engine heap growth, ${n.toLocaleString('en-US')} relationships in the store`, value: mib(Math.max(0, heapAfter - heapBefore)), unit: 'MiB', note },
      { name: `decide + append p50, ${LONG_STREAM.toLocaleString('en-US')}-event stream`, value: percentile(longMs, 50), unit: 'ms', baseline: { name: 'new stream', value: percentile(newMs, 50) }, targets: [ratioAtMost(1.5)] },
      { name: `decide + append p99, ${LONG_STREAM.toLocaleString('en-US')}-event stream`, value: percentile(longMs, 99), unit: 'ms', baseline: { name: 'new stream', value: percentile(newMs, 99) }, targets: [ratioAtMost(1.5)] },
    ];
    return figures;
  },
};
