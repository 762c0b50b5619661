// The event store in process memory. Everything is synchronous inside each call, so an append
// (or a whole appendMany) is atomic: it is checked in full before anything is kept.
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@offramp/domain';
import {
  VersionConflictError,
  type AppendedCause, type AppendRequest, type AppendResult, type Checkpoint, type DecisionRead, type DecisionState, type LoadedStream, type EventStore, type RefusalRecord,
  type Snapshot, type StoredEvent, type StoredRefusal,
} from '@offramp/runtime';
import { InMemoryTimerStore } from './in-memory-timer-store';

export interface InMemoryEventStoreOptions {
  /**
   * `false` keeps only what deciding needs (version, latest snapshot, idempotency keys), so memory
   * does not grow with the number of events: for simulating long histories. The engine must then
   * snapshot on every append; readStream, readAll and readRefusals return nothing.
   */
  retainEvents?: boolean;
  /** Timers replaced by appends; one is created when not given (see `timers`). */
  timers?: InMemoryTimerStore;
  /** Wall clock for `recordedAt`. */
  now?: () => Date;
}

interface StreamRecord { streamId: string; version: number; events: StoredEvent[]; snapshot: Snapshot | null }

/** What an idempotency key remembers, to give a duplicate the original result (its events only when retained). */
interface ProcessedAppend { streamId: string; fromVersion: number; toVersion: number; events?: StoredEvent[] }

/** Int32 values appended one at a time, in a typed array that doubles when full. */
class Int32Column {
  private values = new Int32Array(1024);
  private length = 0;

  push(value: number): number {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    return this.length++;
  }

  at(index: number): number { return this.values[index]; }
}

/**
 * Without retained events, a key remembers only its append's number: the stream and versions of
 * each append are columns of Int32 (12 bytes an append, instead of an object per key), as one
 * record of a long history is kept per input it ever saw.
 */
class CompactAppends {
  private readonly streamOrdinals = new Map<string, number>();
  private readonly streamIds: string[] = [];
  private readonly stream = new Int32Column();
  private readonly from = new Int32Column();
  private readonly to = new Int32Column();

  add(streamId: string, fromVersion: number, toVersion: number): number {
    let ordinal = this.streamOrdinals.get(streamId);
    if (ordinal === undefined) {
      ordinal = this.streamIds.push(streamId) - 1;
      this.streamOrdinals.set(streamId, ordinal);
    }
    this.stream.push(ordinal);
    this.from.push(fromVersion);
    return this.to.push(toVersion);
  }

  get(index: number): ProcessedAppend {
    return { streamId: this.streamIds[this.stream.at(index)], fromVersion: this.from.at(index), toVersion: this.to.at(index) };
  }
}

/** Versions fit an Int32 column up to this; a stream longer than that keeps its keys' records whole. */
const COMPACT_VERSIONS = 2 ** 31 - 1;

/**
 * A flat copy of a key. A key built by concatenation is a rope over the strings of the input it
 * came from; kept as is, it would keep those alive too, for as long as the store lives.
 */
const flat = (key: string): string => JSON.parse(JSON.stringify(key)) as string;

type Planned = { kind: 'append'; request: AppendRequest; fromVersion: number } | { kind: 'duplicate'; key: string };

export class InMemoryEventStore implements EventStore {
  readonly timers: InMemoryTimerStore;
  private readonly retainEvents: boolean;
  private readonly now: () => Date;
  private readonly streams = new Map<string, StreamRecord>();
  private readonly processed = new Map<string, ProcessedAppend | number>();
  private readonly compact = new CompactAppends();
  private readonly log: StoredEvent[] = [];
  private readonly refusals: StoredRefusal[] = [];
  private lastPosition = 0;
  private readonly appendedListeners = new Set<(cause: AppendedCause) => void>();

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.retainEvents = options.retainEvents ?? true;
    this.timers = options.timers ?? new InMemoryTimerStore();
    this.now = options.now ?? (() => new Date());
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    return (await this.appendMany([request]))[0];
  }

  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    // Planned in full first; a duplicate of an earlier request in the batch finds it committed.
    const results = this.plan(requests).map((step) =>
      step.kind === 'duplicate' ? this.duplicateOf(step.key) : this.commit(step.request, step.fromVersion));
    if (results.some((r) => r.status === 'appended')) for (const listener of this.appendedListeners) listener('local');
    return results;
  }

  onAppended(listener: (cause: AppendedCause) => void): () => void {
    this.appendedListeners.add(listener);
    return () => { this.appendedListeners.delete(listener); };
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const events = this.streams.get(streamId)?.events ?? [];
    return events.slice(Math.max(0, fromVersion - 1));
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.streams.get(streamId)?.version ?? 0;
  }

  async isProcessed(idempotencyKey: string): Promise<boolean> {
    return this.processed.has(idempotencyKey);
  }

  async loadForDecision(read: DecisionRead): Promise<DecisionState> {
    const streams = new Map<string, LoadedStream>();
    for (const { streamId, afterVersion } of read.streams) {
      const stream = this.streams.get(streamId);
      if (!stream) continue;
      const snapshot = afterVersion === undefined ? stream.snapshot : null;
      const from = afterVersion ?? snapshot?.version ?? 0;
      const events = stream.events.filter((e) => e.version > from).map(({ version, event }) => ({ version, event }));
      if (snapshot || events.length > 0) streams.set(streamId, { snapshot, events });
    }
    return { processed: new Set(read.keys.filter((key) => this.processed.has(key))), streams };
  }

  async readSnapshot(streamId: string): Promise<Snapshot | null> {
    return this.streams.get(streamId)?.snapshot ?? null;
  }

  async readAll(after: Checkpoint, limit: number): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint }> {
    const from = after === null ? 0 : Number(after);
    const events = this.log.slice(from, from + limit);
    const checkpoint = events.length > 0 ? String(events[events.length - 1].globalPosition) : after;
    return { events, checkpoint };
  }

  async recordRefusals(refusals: readonly RefusalRecord[]): Promise<void> {
    if (!this.retainEvents) return;
    for (const refusal of refusals) this.refusals.push({ ...refusal, position: this.refusals.length + 1, recordedAt: this.now().toISOString() });
  }

  async readRefusals(relationshipId: string): Promise<StoredRefusal[]> {
    return this.refusals.filter((r) => r.filed !== 'audit' && r.relationshipId === relationshipId);
  }

  async readTeamAudit(teamId: string, limit: number): Promise<StoredRefusal[]> {
    return this.refusals.filter((r) => r.filed === 'audit' && r.auditTeamId === teamId).reverse().slice(0, limit);
  }

  async close(): Promise<void> {}

  /** Checks every request against the versions the earlier ones leave; throws before anything is kept. */
  private plan(requests: AppendRequest[]): Planned[] {
    const staged = new Map<string, number>();
    const stagedKeys = new Set<string>();
    return requests.map((request): Planned => {
      const key = request.idempotencyKey;
      if (key !== undefined && (this.processed.has(key) || stagedKeys.has(key))) return { kind: 'duplicate', key };
      const current = staged.get(request.streamId) ?? this.streams.get(request.streamId)?.version ?? 0;
      if (request.expectedVersion !== current) throw new VersionConflictError(request.streamId, request.expectedVersion, current);
      staged.set(request.streamId, current + request.events.length);
      if (key !== undefined) stagedKeys.add(key);
      return { kind: 'append', request, fromVersion: current + 1 };
    });
  }

  private commit(request: AppendRequest, fromVersion: number): AppendResult {
    let stream = this.streams.get(request.streamId);
    if (!stream) {
      stream = { streamId: flat(request.streamId), version: 0, events: [], snapshot: null };
      this.streams.set(stream.streamId, stream);
    }
    const recordedAt = this.now().toISOString();
    const events = request.events.map((event, i) => this.stored(request.streamId, fromVersion + i, event, recordedAt));
    stream.version = fromVersion - 1 + events.length;
    if (this.retainEvents) {
      stream.events.push(...events);
      this.log.push(...events);
    }
    if (request.snapshot) stream.snapshot = request.snapshot;
    if (request.timers) this.timers.replaceForStream(request.streamId, request.timers);
    const toVersion = stream.version;
    if (request.idempotencyKey !== undefined) {
      const key = flat(request.idempotencyKey);
      if (!this.retainEvents && toVersion <= COMPACT_VERSIONS) this.processed.set(key, this.compact.add(stream.streamId, fromVersion, toVersion));
      else this.processed.set(key, { streamId: stream.streamId, fromVersion, toVersion, ...(this.retainEvents ? { events } : {}) });
    }
    return { status: 'appended', streamId: request.streamId, fromVersion, toVersion, events };
  }

  private duplicateOf(key: string): AppendResult {
    const original = this.processed.get(key) as ProcessedAppend | number;
    const { streamId, fromVersion, toVersion, events = [] } = typeof original === 'number' ? this.compact.get(original) : original;
    return { status: 'duplicate', streamId, fromVersion, toVersion, events };
  }

  private stored(streamId: string, version: number, event: DomainEvent, recordedAt: string): StoredEvent {
    this.lastPosition += 1;
    return { eventId: randomUUID(), streamId, version, globalPosition: this.lastPosition, type: event.type, event, recordedAt };
  }
}
