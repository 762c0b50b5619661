// Keeps read models up to date: tails the global order and applies each page to a projection
// in the transaction that also moves its checkpoint, so a crash neither skips nor doubles an
// event's effect. Two runners on one database take turns on the checkpoint row.
import { CheckpointStore, type Database } from '@offramp/event-store';
import type { Logger } from '@offramp/observability';
import type { Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';
import { isTeamPolicyStream } from '@offramp/domain';
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
  db: Database;
  /** The store the events come from; `countEvents` gives a rebuild its total. */
  store: Pick<EventStore, 'readAll'> & { countEvents?(): Promise<number> };
  projections: readonly Projection[];
  /** Events per transaction. */
  batchSize?: number;
  /** Pause when there is nothing new, or after a failure. */
  pollMs?: number;
  logger?: Pick<Logger, 'info' | 'error'>;
}

type Page = { events: StoredEvent[]; checkpoint: Checkpoint };

// Read models are about relationships: a team's policy stream shares the global order and is
// passed over (its checkpoint still moves). The same array for a page with none, so pages fold once.
const relationshipPages = new WeakMap<readonly StoredEvent[], StoredEvent[]>();
function relationshipEventsOf(events: StoredEvent[]): StoredEvent[] {
  if (!events.some((e) => isTeamPolicyStream(e.streamId))) return events;
  let kept = relationshipPages.get(events);
  if (!kept) {
    kept = events.filter((e) => !isTeamPolicyStream(e.streamId));
    relationshipPages.set(events, kept);
  }
  return kept;
}

export class ProjectionRunner {
  private readonly checkpoints: CheckpointStore;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) throw new Error(`two projections are named ${repeated}`);
    this.checkpoints = new CheckpointStore(options.db);
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
  }

  get isRunning(): boolean { return this.loop !== null; }

  /** Tails in the background until `stop`. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.tail();
  }

  /** Reads now instead of at the next poll (after an append, say). */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** One page for every projection; the number of events applied. */
  async runOnce(projections: readonly Projection[] = this.options.projections): Promise<number> {
    return (await this.step(projections)).applied;
  }

  /** Applies everything readable now; the number of events applied. */
  async catchUp(projections: readonly Projection[] = this.options.projections): Promise<number> {
    let applied = 0;
    for (let n = await this.runOnce(projections); n > 0; n = await this.runOnce(projections)) applied += n;
    return applied;
  }

  async checkpointOf(name: string): Promise<Checkpoint> {
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
    await this.options.db.transaction(async (tx) => {
      for (const projection of targets) {
        await this.checkpoints.lock(tx, projection.name);
        if (projection.tables.length > 0) await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
        await this.checkpoints.save(projection.name, null, tx);
      }
    });
    onProgress?.({ ...progress });
    this.options.logger?.info({ projections: progress.projections, total: progress.total }, 'rebuilding read models');
    // All targets start at the same checkpoint, so they move page by page together.
    for (let step = await this.step(targets); step.applied > 0; step = await this.step(targets)) {
      progress.processed += step.read;
      onProgress?.({ ...progress });
    }
    return progress;
  }

  private named(name: string): Projection {
    const projection = this.options.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name} (known: ${this.options.projections.map((p) => p.name).join(', ')})`);
    return projection;
  }

  private async tail(): Promise<void> {
    while (!this.stopping) {
      let applied = 0;
      try {
        applied = await this.runOnce();
      } catch (error) {
        this.options.logger?.error({ err: error }, 'projecting failed; retrying');
      }
      if (applied === 0 && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() { clearTimeout(timer); resolve(); }
      this.wake = done;
    }).finally(() => { this.wake = null; });
  }

  /**
   * Reads one page per distinct checkpoint and applies it to each projection standing there.
   * `applied` counts events per projection, `read` the events of the pages that were applied.
   */
  private async step(projections: readonly Projection[]): Promise<{ applied: number; read: number }> {
    const pages = new Map<Checkpoint, Page>();
    const used = new Set<Page>();
    let applied = 0;
    let failure: Error | undefined;
    for (const projection of projections) {
      const from = await this.checkpoints.load(projection.name);
      const page = pages.get(from) ?? (await this.options.store.readAll(from, this.batchSize));
      pages.set(from, page);
      if (page.events.length === 0) continue;
      try {
        const n = await this.apply(projection, from, page);
        if (n > 0) used.add(page);
        applied += n;
      } catch (error) {
        // One failing read model must not hold the others back: they go on, then we report it.
        const message = error instanceof Error ? error.message : String(error);
        failure ??= new Error(`projection ${projection.name} failed: ${message}`, { cause: error });
      }
    }
    if (failure) throw failure;
    return { applied, read: [...used].reduce((sum, page) => sum + page.events.length, 0) };
  }

  private apply(projection: Projection, from: Checkpoint, page: Page): Promise<number> {
    return this.options.db.transaction(async (tx) => {
      // Another runner moved this checkpoint since we read it: its work stands, ours is dropped.
      if ((await this.checkpoints.lock(tx, projection.name)) !== from) return 0;
      const events = relationshipEventsOf(page.events);
      if (events.length > 0) await projection.apply(tx, events);
      await this.checkpoints.save(projection.name, page.checkpoint, tx);
      return page.events.length;
    });
  }
}
