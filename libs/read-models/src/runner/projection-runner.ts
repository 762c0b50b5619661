// Keeps read models up to date as handlers of the tailing processor: each page is applied to a
// projection in the transaction that also moves its checkpoint, so a crash neither skips nor
// doubles an event's effect. Projections standing at the same checkpoint share one read of the
// page. With a lease, one process among several runs them; two runners without one take turns
// on each checkpoint row.
import { CheckpointStore, type Database, type Sql } from '@offramp/event-store';
import type { Logger } from '@offramp/observability';
import { TailingProcessor, type ProcessorHandler, type ProcessorLease, type ProcessorStats } from '@offramp/processing';
import { isTeamPolicyStream } from '@offramp/domain';
import type { Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';
import type { Projection } from '../projection';

export interface RebuildProgress {
  /** The projections being rebuilt. */
  projections: string[];
  /** Events replayed into them so far. */
  processed: number;
  /** Events in the store when the rebuild started (more may arrive meanwhile). */
  total: number;
}

export interface ProjectionRunnerOptions {
  /** Names the processor and its lease (`read-models` by default). */
  name?: string;
  db: Database;
  /** The store the events come from; `countEvents` gives a rebuild its total. */
  store: Pick<EventStore, 'readAll'> & Partial<Pick<EventStore, 'onAppended'>> & { countEvents?(): Promise<number> };
  projections: readonly Projection[];
  /** Events per transaction while tailing (TAILING_PAGE by default). */
  batchSize?: number;
  /** Events per transaction while rebuilding from zero (REBUILD_PAGE by default). */
  rebuildBatchSize?: number;
  /** Fallback poll when no append signal arrives; also the first pause after a failure. */
  pollMs?: number;
  /** Runs the projections in one process at a time among those sharing the database. */
  lease?: ProcessorLease;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Events per page while tailing: a page costs about a dozen statements whatever its size, so when
 * the read models fall behind (a burst of input) larger pages catch up with fewer of them; caught
 * up, a page holds only what was appended since the last.
 */
export const TAILING_PAGE = 2_000;

/** Events per page while rebuilding: large, so the per-page statements are few against the rows they write. */
export const REBUILD_PAGE = 20_000;

/** The processor's name, and its lease's. */
export const READ_MODELS = 'read-models';

// Read models are about relationships: a team's policy stream shares the global order and is
// passed over (its checkpoint still moves). The same array for a page with none, so pages fold once.
const relationshipPages = new WeakMap<readonly StoredEvent[], readonly StoredEvent[]>();
function relationshipEventsOf(events: readonly StoredEvent[]): readonly StoredEvent[] {
  if (!events.some((e) => isTeamPolicyStream(e.streamId))) return events;
  let kept = relationshipPages.get(events);
  if (!kept) {
    kept = events.filter((e) => !isTeamPolicyStream(e.streamId));
    relationshipPages.set(events, kept);
  }
  return kept;
}

const handlerOf = (projection: Projection): ProcessorHandler<Sql> => ({
  name: projection.name,
  inTransaction: async (tx, events) => {
    const kept = relationshipEventsOf(events);
    if (kept.length > 0) await projection.apply(tx, kept);
  },
});

export class ProjectionRunner {
  private readonly checkpoints: CheckpointStore;
  private readonly processor: TailingProcessor<Sql>;
  private readonly handlers: Map<string, ProcessorHandler<Sql>>;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.checkpoints = new CheckpointStore(options.db);
    this.handlers = new Map(options.projections.map((p) => [p.name, handlerOf(p)]));
    this.processor = new TailingProcessor<Sql>({
      name: options.name ?? READ_MODELS,
      source: options.store,
      checkpoints: this.checkpoints,
      handlers: [...this.handlers.values()],
      batchSize: options.batchSize ?? TAILING_PAGE,
      pollMs: options.pollMs,
      lease: options.lease,
      logger: options.logger,
    });
  }

  get name(): string { return this.processor.name; }
  get isRunning(): boolean { return this.processor.isRunning; }
  get stats(): ProcessorStats { return this.processor.stats; }

  /** Tails in the background until `stop`, woken by every append. */
  start(): void { this.processor.start(); }

  /** Reads now instead of at the next poll. */
  nudge(): void { this.processor.nudge(); }

  stop(): Promise<void> { return this.processor.stop(); }

  /** One page for every projection; the number of events applied. */
  async runOnce(projections: readonly Projection[] = this.options.projections): Promise<number> {
    return (await this.processor.runOnce(this.handlersOf(projections))).applied;
  }

  /** Applies everything readable now; the number of events applied. */
  catchUp(projections: readonly Projection[] = this.options.projections): Promise<number> {
    return this.processor.catchUp(this.handlersOf(projections));
  }

  checkpointOf(name: string): Promise<Checkpoint> {
    return this.checkpoints.load(name);
  }

  /** Empties the projection's tables (every projection's without a name) and replays from zero. */
  async rebuild(name?: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const targets = name === undefined ? [...this.options.projections] : [this.named(name)];
    const progress: RebuildProgress = {
      projections: targets.map((p) => p.name),
      processed: 0,
      total: (await this.options.store.countEvents?.()) ?? 0,
    };
    const tables = targets.flatMap((p) => p.tables);
    await this.checkpoints.reset(progress.projections, async (tx) => {
      if (tables.length > 0) await tx.query(`TRUNCATE ${tables.join(', ')}`);
    });
    this.processor.forget(progress.projections);
    onProgress?.({ ...progress });
    this.options.logger?.info({ projections: progress.projections, total: progress.total }, 'rebuilding read models');
    // All targets start at the same checkpoint, so they move page by page together, one read each.
    const handlers = this.handlersOf(targets);
    const pageSize = this.options.rebuildBatchSize ?? REBUILD_PAGE;
    for (let round = await this.processor.runOnce(handlers, pageSize); round.applied > 0; round = await this.processor.runOnce(handlers, pageSize)) {
      progress.processed += round.read;
      onProgress?.({ ...progress });
    }
    return progress;
  }

  private handlersOf(projections: readonly Projection[]): ProcessorHandler<Sql>[] {
    return projections.map((p) => this.handlers.get(p.name) ?? handlerOf(p));
  }

  /** A projection by its name or the name of a read model it includes. */
  private named(name: string): Projection {
    const projection = this.options.projections.find((p) => p.name === name || p.includes?.includes(name));
    if (!projection) throw new Error(`no projection named ${name} (known: ${this.options.projections.flatMap((p) => [p.name, ...(p.includes ?? [])]).join(', ')})`);
    return projection;
  }
}
