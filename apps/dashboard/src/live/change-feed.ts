// Tails the event store's global order and tells each team which of its relationships changed.
// One poller serves every open page; it runs only while someone listens.
import { evolve } from '@offramp/domain';
import type { Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';

export type ChangeListener = (relationshipIds: string[]) => void;

const BATCH = 500;
/** Bounds one catch-up so a huge backlog cannot hold the poller forever. */
const MAX_BATCHES_PER_TICK = 20;

export class ChangeFeed {
  private readonly listeners = new Map<ChangeListener, string>();
  private readonly teamOf = new Map<string, string>();
  private checkpoint: Checkpoint = null;
  private started: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private readonly store: EventStore, private readonly intervalMs = 500) {}

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

  private start(): void {
    if (this.timer) return;
    // The first start skips history: a page that opens loads the current read models itself.
    this.started ??= this.drain().then(() => undefined);
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.started;
      const events = await this.drain();
      if (events.length > 0) await this.notify(events);
    } catch {
      // The store may be closing or briefly away; the next tick tries again.
    } finally {
      this.polling = false;
    }
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

  private async notify(events: StoredEvent[]): Promise<void> {
    const byTeam = new Map<string, Set<string>>();
    for (const id of new Set(events.map((e) => e.streamId))) {
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
