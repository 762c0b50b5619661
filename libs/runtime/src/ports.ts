// The runtime's ports. Every implementation (in-memory, PostgreSQL, PGlite) passes one
// contract test suite (test/integration/store-contract). Nothing here knows SQL or Kafka.
import type { DomainEvent, Policy, Refusal, TimerSpec } from '@offramp/domain';

/** An event as the store gives it back. */
export interface StoredEvent {
  /** Unique id of this event (uuid), sent as a Kafka header so consumers can deduplicate. */
  eventId: string;
  streamId: string;
  /** 1-based position in its stream. */
  version: number;
  /**
   * Unique position in the global order: increasing within a stream and within one transaction.
   * Readers see events in commit order (by transaction), so across concurrent transactions a
   * later-read event may carry a smaller position; use the reader's checkpoint, not this, to resume.
   */
  globalPosition: number;
  type: string;
  event: DomainEvent;
  /** Wall-clock time the store committed it (ISO). */
  recordedAt: string;
}

/** A snapshot of a stream's folded state, valid only for the machine and policy that made it. */
export interface Snapshot {
  streamId: string;
  version: number;
  machineVersion: string;
  policyVersion: string;
  state: unknown;
}

export interface AppendRequest {
  streamId: string;
  /** The stream's version the decision was made on (0 for a new stream). */
  expectedVersion: number;
  events: DomainEvent[];
  /** Input idempotency key (`signal:["<source>","<id>"]`, `command:<id>`, `timer:<id>`). Unique across all streams. */
  idempotencyKey?: string;
  /** When given, the stream's pending timers become exactly this set, in the same transaction. */
  timers?: TimerSpec[];
  /** When given, stored (replacing the previous one) in the same transaction. */
  snapshot?: Snapshot;
}

export type AppendResult =
  | { status: 'appended'; streamId: string; fromVersion: number; toVersion: number; events: StoredEvent[] }
  /** The idempotency key was already used: nothing appended, the original result returned. */
  | { status: 'duplicate'; streamId: string; fromVersion: number; toVersion: number; events: StoredEvent[] };

/** Thrown when `expectedVersion` does not match the stream. Nothing of the append (or batch) is kept. */
export class VersionConflictError extends Error {
  readonly code = 'version_conflict' as const;
  constructor(readonly streamId: string, readonly expectedVersion: number, readonly actualVersion: number) {
    super(`stream ${streamId} is at version ${actualVersion}, not ${expectedVersion}`);
    this.name = 'VersionConflictError';
  }
}

/**
 * A refused input (refusals append no event). Kept on the relationship's timeline, or, when the
 * actor is not of the relationship's team or the relationship does not exist, in the audit log of
 * the actor's own team (`filed: 'audit'`), so nothing of one team shows on another's timeline.
 */
export interface RefusalRecord {
  relationshipId: string;
  inputKind: 'signal' | 'command' | 'timer';
  inputId: string;
  inputType: string;
  actorId?: string;
  /** The team the actor claims (commands). */
  actorTeamId?: string;
  /** Where it is kept: the relationship's timeline (the default) or a team's audit log. */
  filed?: 'timeline' | 'audit';
  /** With `filed: 'audit'`: the team whose admins see it (null: no team, e.g. a signal for an unknown relationship). */
  auditTeamId?: string | null;
  at: string;
  refusal: Refusal;
  /** The raw input, as received. */
  input: unknown;
}

export interface StoredRefusal extends RefusalRecord { position: number; recordedAt: string }

/** Opaque to callers: where a global reader stopped. `null` is the beginning. */
export type Checkpoint = string | null;

/** What deciding a batch reads, in one go. */
export interface DecisionRead {
  /**
   * Each stream from its latest snapshot on; with `afterVersion`, only its events after that
   * version (no snapshot), for a caller that already holds the state there.
   */
  streams: { streamId: string; afterVersion?: number }[];
  /** Idempotency keys to look up. */
  keys: string[];
}

/** A stream as deciding needs it: its latest snapshot (when asked for) and the events after. */
export interface LoadedStream { snapshot: Snapshot | null; events: { version: number; event: DomainEvent }[] }

export interface DecisionState {
  /** The keys of the read that were used already. */
  processed: Set<string>;
  /** The streams that have a snapshot or events to give; the others are empty. */
  streams: Map<string, LoadedStream>;
}

/**
 * Why a reader of the global order is told to read: `local`, an append committed by this store in
 * this process; `notification`, the database said another process appended; `reconnect`, the
 * notifications came back after a loss, so some may have been missed.
 */
export type AppendedCause = 'local' | 'notification' | 'reconnect';

export interface EventStore {
  append(request: AppendRequest): Promise<AppendResult>;
  /** Several appends (any streams, the same stream several times in order) in one transaction. */
  appendMany(requests: AppendRequest[]): Promise<AppendResult[]>;
  readStream(streamId: string, fromVersion?: number): Promise<StoredEvent[]>;
  streamVersion(streamId: string): Promise<number>;
  /** True when the idempotency key was already used by an append. */
  isProcessed(idempotencyKey: string): Promise<boolean>;
  readSnapshot(streamId: string): Promise<Snapshot | null>;
  /** Everything deciding a batch needs, in one round trip: used keys, snapshots and tails. */
  loadForDecision(read: DecisionRead): Promise<DecisionState>;
  /**
   * Gap-free tailing of the global order: never returns an event whose transaction may still be
   * overtaken by an earlier, uncommitted one; never returns the same event twice for a checkpoint.
   */
  readAll(after: Checkpoint, limit: number): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint }>;
  /**
   * Tells `listener` after appends committed, in this process at once and, where the store is
   * shared, from every other process; readers use it instead of polling. Returns the unsubscribe.
   */
  onAppended(listener: (cause: AppendedCause) => void): () => void;
  /** Keeps refused inputs, in their order, in one write. */
  recordRefusals(refusals: readonly RefusalRecord[]): Promise<void>;
  /** The refusals on a relationship's timeline. */
  readRefusals(relationshipId: string): Promise<StoredRefusal[]>;
  /** A team's audit log: refusals of its members for other teams' or unknown relationships, newest first. */
  readTeamAudit(teamId: string, limit: number): Promise<StoredRefusal[]>;
  close(): Promise<void>;
}

export interface DueTimer extends TimerSpec { leaseUntil: string; attempts: number }

export interface TimerStore {
  /** Claims up to `limit` timers due at or before `now` that nobody holds, leasing them until now + leaseMs. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<DueTimer[]>;
  /** Removes fired timers in one write (each a no-op when it was already replaced or removed). */
  complete(timerIds: readonly string[]): Promise<void>;
  /** Releases claimed timers for another try, in one write. */
  release(timerIds: readonly string[]): Promise<void>;
  pending(streamId?: string): Promise<TimerSpec[]>;
  /** Earliest due time of any pending timer, or null. */
  nextDueAt(): Promise<string | null>;
}

export interface Clock { now(): Date }

/**
 * The policy a team decides under (its own, or the default). Asked for every decision, so an
 * implementation keeps what it read; a team's policy changes only by an activation.
 */
export interface PolicySource {
  policyFor(teamId: string): Promise<Policy>;
}
