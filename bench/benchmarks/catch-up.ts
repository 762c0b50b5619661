// catch-up: reading the global order from zero (readAll, and a rebuild of every read model) in
// events/s against Emmett's PostgreSQL consumer on the same events; then both tail while 8
// writers append, counting the events each reader skipped or saw twice.
import type { Benchmark } from '../harness/benchmark';
import type { BenchContext } from '../harness/context';
import { atLeast, atMost, type Figure } from '../harness/figures';
import { elapsedMs, inLanes, interleaved, ratePerSecond, sleep } from '../harness/measure';
import { firstLine, requireExports } from '../harness/skip';
import { chunksOf, decidedEvents, sampleSeedEvents, type SeedEvent } from '../workload/domain-events';
import { consumeWithEmmett, openEmmettStore, type EmmettStore } from '../workload/emmett-store';
import { sampleEvents } from '../workload/sample-events';
import { insertSeedEvents, settleStreamVersions } from '../workload/seed-store';

const STREAMS = 1_000;
const PAGE = 1_000;
const WRITERS = 8;

type EventStoreModule = typeof import('@offramp/event-store');
type Store = Awaited<ReturnType<EventStoreModule['openSqlEventStore']>>;
type ReadModels = typeof import('@offramp/read-models');

/** Seeds our store with every event and Emmett with the first `emmettTotal` (its reader is far slower). */
async function seedBoth(store: Store, emmett: EmmettStore, source: Iterable<SeedEvent>, context: BenchContext, emmettTotal: number): Promise<void> {
  let done = 0;
  for (const chunk of chunksOf(source, 50_000)) {
    for (const part of chunksOf(chunk, 5_000)) await insertSeedEvents(store.db, part);
    // Emmett appends per stream, in version order, several streams at once.
    const byStream = new Map<string, SeedEvent[]>();
    for (const seed of chunk.slice(0, Math.max(0, emmettTotal - done))) byStream.set(seed.streamId, [...(byStream.get(seed.streamId) ?? []), seed]);
    const groups = [...byStream.values()];
    await inLanes(groups.length, WRITERS, (i) => emmett.append(groups[i]![0]!.streamId, groups[i]!.map((seed) => seed.event), groups[i]![0]!.version - 1));
    done += chunk.length;
    context.progress(`seeded ${done} events (Emmett: ${Math.min(done, emmettTotal)})`);
  }
  await settleStreamVersions(store.db);
}

async function readAllFromZero(store: Store, apply?: (events: Awaited<ReturnType<Store['readAll']>>['events']) => Promise<void>, limit = Infinity, pageSize = PAGE): Promise<number> {
  let checkpoint: string | null = null;
  let read = 0;
  for (;;) {
    const page = await store.readAll(checkpoint, Math.min(pageSize, limit - read));
    if (page.events.length === 0 || read >= limit) return read;
    if (apply) await apply(page.events);
    read += page.events.length;
    checkpoint = page.checkpoint;
  }
}

/** Both readers tail a fresh database while writers append; counts what each missed or doubled. */
async function underConcurrentAppends(context: BenchContext, openSqlEventStore: EventStoreModule['openSqlEventStore']): Promise<Figure[]> {
  const database = await context.scratchDatabase();
  const store = await openSqlEventStore({ url: database.url, maxConnections: WRITERS + 2 });
  context.defer(() => store.close());
  const emmett = await openEmmettStore(database.url, WRITERS);
  context.defer(() => emmett.close());
  const appends = context.size(2_000, 300);
  const TAIL_GRACE_MS = 2_500; // the same quiet period Emmett's reader gets below
  const perAppend = 5;
  const total = appends * perAppend;
  context.progress(`tailing while ${WRITERS} writers append ${total} events, on each store`);

  let writing = true;
  const seen = new Map<string, number>();
  let idleSince = Date.now();
  const ourReader = (async () => {
    let checkpoint: string | null = null;
    for (;;) {
      const page = await store.readAll(checkpoint, 500);
      for (const event of page.events) seen.set(event.eventId, (seen.get(event.eventId) ?? 0) + 1);
      checkpoint = page.checkpoint;
      if (page.events.length > 0) {
        idleSince = Date.now();
      } else {
        // Events stay invisible while any older transaction on the server is open; like Emmett's
        // reader below, only what is still missing after a quiet grace period counts as skipped.
        if (!writing && (seen.size >= total || Date.now() - idleSince > TAIL_GRACE_MS)) return;
        await sleep(2);
      }
    }
  })();
  await inLanes(appends, WRITERS, (i) => store.append({ streamId: `tail-${i}`, expectedVersion: 0, events: sampleEvents(`tail-${i}`, 0, perAppend) }));
  writing = false;
  await ourReader;
  context.progress(`offramp's reader saw ${seen.size} distinct events; now Emmett`);

  let emmettWriting = true;
  const emmettSeen = new Map<bigint, number>();
  const emmettReader = consumeWithEmmett(database.url, 'bench-tail', (position) => emmettSeen.set(position, (emmettSeen.get(position) ?? 0) + 1), {
    // Longer than Emmett's idle back-off (up to 1 s), so "not yet delivered" is never counted as skipped.
    batchSize: 500, idleMs: 2_500, done: () => !emmettWriting,
  });
  await inLanes(appends, WRITERS, (i) => emmett.append(`tail-${i}`, sampleEvents(`tail-${i}`, 0, perAppend), 0));
  emmettWriting = false;
  await emmettReader;

  const count = (counts: Map<unknown, number>) => ({
    skipped: total - counts.size,
    duplicated: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
  });
  const ours = count(seen);
  const theirs = count(emmettSeen);
  const note = `${total} events from ${WRITERS} concurrent writers`;
  return [
    { name: 'skipped while tailing concurrent appends', value: ours.skipped, unit: 'events', baseline: { name: 'Emmett consumer', value: theirs.skipped }, targets: [atMost(0)], note },
    { name: 'duplicated while tailing concurrent appends', value: ours.duplicated, unit: 'events', baseline: { name: 'Emmett consumer', value: theirs.duplicated }, targets: [atMost(0)], note },
  ];
}

export const catchUpBenchmark: Benchmark = {
  name: 'catch-up',
  description: 'events/s reading the global order from zero and rebuilding read models (≥ 150,000/s, ≥ 50,000/s) vs the Emmett consumer; skips and duplicates under concurrent appends',
  async run(context) {
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const total = context.size(1_000_000, 100_000);
    const domain = await import('@offramp/domain').then((module) => (typeof module.decide === 'function' ? module : null), () => null);
    const readModels: ReadModels | null = await import('@offramp/read-models').then((module) => (typeof module.allProjections === 'function' ? module : null), () => null);
    const projections = domain && readModels ? readModels.allProjections() : [];

    const database = await context.scratchDatabase();
    const store = await openSqlEventStore({ url: database.url, maxConnections: WRITERS }, ...projections.map((projection) => projection.migrations));
    context.defer(() => store.close());
    const emmett = await openEmmettStore(database.url, WRITERS);
    context.defer(() => emmett.close());

    const source = domain ? decidedEvents(domain, total, { relationships: STREAMS }) : sampleSeedEvents(total, STREAMS);
    const emmettTotal = context.size(200_000, 10_000);
    context.progress(`seeding ${total} ${domain ? 'decided' : 'sample'} events over ${STREAMS} streams (Emmett: the first ${emmettTotal})`);
    await seedBoth(store, emmett, source, context, emmettTotal);

    const rounds = context.size(3, 1);
    let emmettMissed = 0;
    const rates = await interleaved(rounds, {
      readAll: () => ratePerSecond(total, async () => {
        const read = await readAllFromZero(store);
        if (read !== total) throw new Error(`readAll returned ${read} events of ${total}`);
      }),
      // Emmett's checkpoint is a global position while it reads in transaction order, so it can
      // miss events even at rest; its rate counts what it delivered, and the misses are a figure.
      emmett: async (round) => {
        const seen = new Set<bigint>();
        const ms = await elapsedMs(() => consumeWithEmmett(database.url, `bench-catch-up-${round}`, (position) => seen.add(position), { batchSize: PAGE }));
        emmettMissed = emmettTotal - seen.size;
        return (seen.size * 1000) / ms;
      },
    }, (round, r) => context.progress(`  round ${round + 1}: readAll ${Math.round(r.readAll)}/s, Emmett consumer ${Math.round(r.emmett)}/s`));

    const emmettBaseline = { name: `Emmett consumer (${emmettTotal.toLocaleString('en-US')} events)`, value: rates.emmett };
    const figures: Figure[] = [
      { name: `readAll of ${total.toLocaleString('en-US')} events`, value: rates.readAll, unit: 'events/s', baseline: emmettBaseline, targets: [atLeast(150_000)] },
      // readAll is checked to return every event above; Emmett's misses are counted.
      { name: 'missed reading from zero (writes at rest)', value: 0, unit: 'events', baseline: { name: 'Emmett consumer', value: emmettMissed }, targets: [atMost(0)] },
    ];

    if (projections.length > 0) {
      // Quick still spans two rebuild pages, so the per-page statements weigh as they do at full size.
      const rebuilt = context.size(100_000, 40_000);
      // The page a rebuild reads (the runner's own, where it names one).
      const rebuildPage = (readModels as { REBUILD_PAGE?: number }).REBUILD_PAGE ?? PAGE;
      context.progress(`rebuilding ${projections.length} read models from the first ${rebuilt} events, pages of ${rebuildPage}`);
      try {
        const rate = await ratePerSecond(rebuilt, () => readAllFromZero(store, (events) => store.db.transaction(async (tx) => {
          for (const projection of projections) await projection.apply(tx, events);
        }), rebuilt, rebuildPage));
        figures.push({
          name: `rebuild of ${projections.length} read models (first ${rebuilt.toLocaleString('en-US')} events, pages of ${rebuildPage.toLocaleString('en-US')})`,
          value: rate, unit: 'events/s', baseline: emmettBaseline, targets: [atLeast(50_000)],
        });
      } catch (error) {
        context.progress(`read-model rebuild failed: ${firstLine(error)}`);
      }
    } else {
      context.progress('read models or domain not available: no rebuild figure');
    }

    return [...figures, ...(await underConcurrentAppends(context, openSqlEventStore))];
  },
};
