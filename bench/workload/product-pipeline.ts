// The product's input path in one process, wired as its apps wire it: the platform (store, engine,
// bus from the configuration), the engine worker on the bus, and the projector's two readers of
// the global order (every read model, and the outbox publishing to the events topic).
import { performance } from 'node:perf_hooks';
import { EngineWorker, OutboxPublisher, type InputEngine } from '@offramp/messaging';
import type { Platform } from '@offramp/platform';
import { allProjections, ProjectionRunner, type Projection } from '@offramp/read-models';
import type { Database, Sql } from '@offramp/event-store';
import type { Checkpoint } from '@offramp/runtime';
import { sleep } from '../harness/measure';

const OUTBOX = 'outbox';

export interface ProductPipeline {
  /** Inputs the worker has decided so far (accepted, duplicate or refused). */
  handled(): number;
  /** Resolves once `inputs` were decided and every read model and the outbox reached the store's end. */
  settled(inputs: number, timeoutMs: number): Promise<void>;
  /** Stops the readers, the worker and the platform; once, however often it is called. */
  stop(): Promise<void>;
}

/**
 * A read model that shows nothing: it notes when each awaited input's facts reached the read
 * models, at the commit of the transaction that wrote them (read models standing at the same place
 * share one), so the moment counts every read model's commit.
 */
export interface ArrivalProbe {
  projection: Projection;
  latencies: Map<string, number>;
  /** Input id → when its facts first committed, on the wall clock (for a sender in another process). */
  arrivedAt: Map<string, number>;
  /** The transaction the probe applied in committed (or, false, rolled back). */
  ended(committed: boolean): void;
}

export function arrivalProbe(sentAt: ReadonlyMap<string, number>): ArrivalProbe {
  const latencies = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  let applied: string[] = [];
  const projection: Projection = {
    name: 'bench-arrival-probe',
    tables: [],
    migrations: [],
    async apply(_tx, events) {
      for (const { event } of events) applied.push(event.causedBy.id);
    },
  };
  const ended = (committed: boolean) => {
    const now = performance.now();
    if (committed) {
      for (const id of applied) {
        if (arrivedAt.has(id)) continue;
        arrivedAt.set(id, performance.timeOrigin + now);
        const sent = sentAt.get(id);
        if (sent !== undefined) latencies.set(id, now - sent);
      }
    }
    applied = [];
  };
  return { projection, latencies, arrivedAt, ended };
}

/** The read models' database, telling the probes when each of its transactions ended. */
function probed(database: Database, probes: readonly ArrivalProbe[]): Database {
  if (probes.length === 0) return database;
  return Object.assign(Object.create(database) as Database, {
    transaction: async <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => {
      let committed = false;
      try {
        const result = await database.transaction(fn);
        committed = true;
        return result;
      } finally {
        for (const probe of probes) probe.ended(committed);
      }
    },
  });
}

export async function startPipeline(platform: Platform, probes: readonly ArrivalProbe[] = []): Promise<ProductPipeline> {
  const { config, store, bus, database, checkpoints, engine } = platform;
  let handled = 0;
  const counted: InputEngine = {
    handleBatch: async (raws) => {
      const results = await engine.handleBatch(raws);
      handled += results.length;
      return results;
    },
  };
  const projections = [...allProjections(), ...probes.map((probe) => probe.projection)];
  const runner = new ProjectionRunner({ db: probed(database, probes), store, projections, pollMs: config.projectionPollMs });
  const outbox = new OutboxPublisher({ store, bus, checkpoints, topic: config.kafka?.topics.events, name: OUTBOX, pollMs: config.projectionPollMs });
  await new EngineWorker({ bus, engine: counted, topics: config.kafka?.topics }).start();
  runner.start();
  outbox.start();

  const readersAtEnd = async (): Promise<boolean> => {
    const positions = new Set<Checkpoint>([
      ...(await Promise.all(projections.map((projection) => runner.checkpointOf(projection.name)))),
      await checkpoints.load(OUTBOX),
    ]);
    for (const position of positions) {
      if ((await store.readAll(position, 1)).events.length > 0) return false;
    }
    return true;
  };

  let stopping: Promise<void> | undefined;
  return {
    handled: () => handled,
    settled: async (inputs, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (handled < inputs || !(await readersAtEnd())) {
        if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs} ms: ${handled} of ${inputs} inputs decided`);
        await sleep(handled < inputs ? 10 : 20);
      }
    },
    stop: () => (stopping ??= (async () => {
      await Promise.all([runner.stop(), outbox.stop()]);
      await platform.close();
    })()),
  };
}
