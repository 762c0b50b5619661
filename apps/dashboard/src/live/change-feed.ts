// Tells each team which of its relationships changed: a handler of the tailing processor, woken by
// every append like the read models. A change is announced only once every read model has applied
// it: the page refetches the read models when told, and a refetch that ran ahead of the projector
// would show the old picture with nothing left to trigger another. Held changes are tried again on
// every round, including the rounds that find nothing new. One feed serves every open page; it
// runs only while someone listens, and its place is kept in memory (history is not announced).
import { evolve, isTeamPolicyStream, relationshipEventOf } from '@offramp/domain';
import { InMemoryCheckpoints, TailingProcessor } from '@offramp/processing';
import type { Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';

export type ChangeListener = (relationshipIds: string[]) => void;

/** Where each read model stands in the global order. */
export interface ReadModelProgress {
  checkpoints(): Promise<Checkpoint[]>;
}

const FEED = 'change-feed';
const BATCH = 500;
/**
 * Past this many held events the read models are far behind (a rebuild, a stopped projector):
 * the feed stops waiting for them and announces, so pages at least refetch what they can.
 */
const MAX_PENDING = 5_000;

export class ChangeFeed {
  private readonly listeners = new Map<ChangeListener, string>();
  private readonly teamOf = new Map<string, string>();
  /** Event id → relationship, of changes read but not yet announced. */
  private readonly pending = new Map<string, string>();
  private readonly checkpoints = new InMemoryCheckpoints();
  private readonly processor: TailingProcessor<undefined>;
  private started: Promise<void> | null = null;
  private announcing: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore, private readonly readModels: ReadModelProgress, intervalMs = 500) {
    this.processor = new TailingProcessor<undefined>({
      name: FEED,
      source: store,
      checkpoints: this.checkpoints,
      handlers: [{ name: FEED, afterPage: (events) => this.read(events), idle: () => this.announce() }],
      batchSize: BATCH,
      pollMs: intervalMs,
    });
  }

  /** Subscribes a team; returns the unsubscribe. */
  subscribe(teamId: string, listener: ChangeListener): () => void {
    this.listeners.set(listener, teamId);
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    void this.processor.stop();
  }

  /** One round now: reads what is new, announces what the read models have caught up with. */
  async tick(): Promise<void> {
    try {
      await this.started;
      await this.processor.runOnce();
    } catch {
      // The store may be closing or briefly away; the next round tries again.
    }
  }

  private start(): void {
    this.started ??= this.startingPoint();
    void this.started.then(() => { if (this.listeners.size > 0) this.processor.start(); }, () => { this.started = null; });
  }

  /**
   * History is not announced: a page that connects loads the read models itself. The feed starts
   * where the read models stand, so what they apply from then on is announced; while they
   * disagree (one is catching up) it starts at the head of the store instead.
   */
  private async startingPoint(): Promise<void> {
    const applied = new Set(await this.readModels.checkpoints());
    let checkpoint: Checkpoint = [...applied][0] ?? null;
    if (applied.size !== 1) {
      checkpoint = null;
      for (let page = await this.store.readAll(null, BATCH); page.events.length > 0; page = await this.store.readAll(checkpoint, BATCH)) {
        checkpoint = page.checkpoint;
      }
    }
    await this.checkpoints.advance(FEED, null, checkpoint);
  }

  private async read(events: readonly StoredEvent[]): Promise<void> {
    for (const { eventId, streamId } of events) this.pending.set(eventId, streamId);
    await this.announce();
  }

  /** One announcement at a time; removed from pending only once announced, so a failure is retried. */
  private announce(): Promise<void> {
    this.announcing = this.announcing.then(async () => {
      if (this.pending.size === 0) return;
      const ready = await this.appliedByReadModels();
      await this.notify(ready.map(([, streamId]) => streamId));
      for (const [eventId] of ready) this.pending.delete(eventId);
    });
    return this.announcing;
  }

  /**
   * The pending events no read model still has to apply. What a read model has not applied yet
   * is what the store gives after its checkpoint; when that is more than a page, it is behind
   * all of the pending events (they are the newest there are).
   */
  private async appliedByReadModels(): Promise<[string, string][]> {
    const pending = [...this.pending];
    if (pending.length > MAX_PENDING) return pending;
    const unapplied = new Set<string>();
    for (const checkpoint of new Set(await this.readModels.checkpoints())) {
      const { events } = await this.store.readAll(checkpoint, BATCH);
      if (events.length === BATCH) return [];
      for (const e of events) unapplied.add(e.eventId);
    }
    return pending.filter(([eventId]) => !unapplied.has(eventId));
  }

  private async notify(relationshipIds: string[]): Promise<void> {
    const byTeam = new Map<string, Set<string>>();
    for (const id of new Set(relationshipIds)) {
      if (isTeamPolicyStream(id)) continue;
      const team = await this.teamOfRelationship(id);
      if (!team) continue;
      const ids = byTeam.get(team) ?? new Set<string>();
      ids.add(id);
      byTeam.set(team, ids);
    }
    for (const [listener, team] of this.listeners) {
      const ids = byTeam.get(team);
      if (ids) listener([...ids]);
    }
  }

  /** A relationship's team never changes: it is set by the fact that opened it. */
  private async teamOfRelationship(relationshipId: string): Promise<string | null> {
    const known = this.teamOf.get(relationshipId);
    if (known) return known;
    const [first] = await this.store.readStream(relationshipId, 1);
    if (!first) return null;
    const team = evolve(null, relationshipEventOf(first.event)).teamId;
    this.teamOf.set(relationshipId, team);
    return team;
  }
}
