// Tails the event store's global order and tells each team which of its relationships changed.
// A change is announced only once every read model has applied it: the page refetches the
// read models when told, and a refetch that ran ahead of the projector would show the old
// picture with nothing left to trigger another. One poller serves every open page; it runs only
// while someone listens.
import { evolve, isTeamPolicyStream } from '@offramp/domain';
import type { Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';

export type ChangeListener = (relationshipIds: string[]) => void;

/** Where each read model stands in the global order. */
export interface ReadModelProgress {
  checkpoints(): Promise<Checkpoint[]>;
}

interface Pending { eventId: string; streamId: string }

const BATCH = 500;
/** Bounds one catch-up so a huge backlog cannot hold the poller forever. */
const MAX_BATCHES_PER_TICK = 20;
/**
 * Past this many held events the read models are far behind (a rebuild, a stopped projector):
 * the feed stops waiting for them and announces, so pages at least refetch what they can.
 */
const MAX_PENDING = 5_000;

export class ChangeFeed {
  private readonly listeners = new Map<ChangeListener, string>();
  private readonly teamOf = new Map<string, string>();
  private pending: Pending[] = [];
  private checkpoint: Checkpoint = null;
  private started: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private readonly store: EventStore, private readonly readModels: ReadModelProgress, private readonly intervalMs = 500) {}

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
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One poll: reads what is new, announces what the read models have caught up with. */
  async tick(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.started;
      this.pending.push(...(await this.drain()).map(({ eventId, streamId }) => ({ eventId, streamId })));
      if (this.pending.length === 0) return;
      const ready = await this.appliedByReadModels(this.pending);
      await this.notify(ready);
      // Removed only once announced: a failed announcement is tried again on the next tick.
      const announced = new Set(ready);
      this.pending = this.pending.filter((p) => !announced.has(p));
    } catch {
      // The store may be closing or briefly away; the next tick tries again.
    } finally {
      this.polling = false;
    }
  }

  private start(): void {
    if (this.timer) return;
    this.started ??= this.startingPoint();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * History is not announced: a page that connects loads the read models itself. The feed starts
   * where the read models stand, so what they apply from then on is announced; while they
   * disagree (one is catching up) it starts at the head of the store instead.
   */
  private async startingPoint(): Promise<void> {
    const applied = new Set(await this.readModels.checkpoints());
    if (applied.size === 1) this.checkpoint = [...applied][0] ?? null;
    else await this.drain();
  }

  private async drain(): Promise<StoredEvent[]> {
    const read: StoredEvent[] = [];
    for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
      const { events, checkpoint } = await this.store.readAll(this.checkpoint, BATCH);
      this.checkpoint = checkpoint;
      read.push(...events);
      if (events.length < BATCH) break;
    }
    return read;
  }

  /**
   * The pending events no read model still has to apply. What a read model has not applied yet
   * is what the store gives after its checkpoint; when that is more than a page, it is behind
   * all of the pending events (they are the newest there are).
   */
  private async appliedByReadModels(pending: Pending[]): Promise<Pending[]> {
    if (pending.length > MAX_PENDING) return pending;
    const unapplied = new Set<string>();
    for (const checkpoint of new Set(await this.readModels.checkpoints())) {
      const { events } = await this.store.readAll(checkpoint, BATCH);
      if (events.length === BATCH) return [];
      for (const e of events) unapplied.add(e.eventId);
    }
    return pending.filter((p) => !unapplied.has(p.eventId));
  }

  private async notify(ready: Pending[]): Promise<void> {
    const byTeam = new Map<string, Set<string>>();
    for (const id of new Set(ready.map((e) => e.streamId))) {
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
    const team = evolve(null, first.event).teamId;
    this.teamOf.set(relationshipId, team);
    return team;
  }
}
