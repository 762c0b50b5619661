// The one path every input takes, from HTTP, Kafka, timers and simulation alike: a batch (a
// single input is a batch of one, or of the single inputs of callers arriving together). Per
// batch: one read of what deciding needs (which keys were used, the snapshot and tail of every
// stream not in the state cache), decisions in memory, each relationship's inputs in their order,
// and one append of everything. A cached state is trusted:
// the append's version check catches one that another process made stale, and the batch is then
// decided again on fresh reads. A W3C trace context the transport attached to an input (`trace`)
// is kept on the events that input caused, so the outbox sends it on with them.
import {
  MACHINE_VERSION, decide, evolve, relationshipEventOf, idempotencyKeyOf, parseInput, timersFor, traceContextSchema, viewOf,
  type DomainEvent, type Input, type RelationshipEvent, type Policy, type Refusal, type RelationshipState, type RelationshipView, type TimerInput,
} from '@offramp/domain';
import {
  VersionConflictError,
  type AppendRequest, type AppendResult, type Clock, type DueTimer, type EventStore, type LoadedStream, type PolicySource, type RefusalRecord, type Snapshot, type StoredEvent, type TimerStore,
} from '../ports';
import { DUPLICATE, type HandleResult, type VersionedState } from './handle-result';
import { filedRefusal, refusalOfInput, refusalOfRaw } from './refusal-records';
import { StateCache } from './state-cache';

export interface EnginePorts {
  store: EventStore;
  timers: TimerStore;
  clock: Clock;
  /** The default policy: every team's without `policies`, and the one for inputs of no team. */
  policy: Policy;
  /** Each team's own policy; every decision records the version it used. */
  policies?: PolicySource;
}

export interface EngineOptions {
  /** A snapshot is written whenever a stream's version crosses a multiple of this (1: every append). */
  snapshotEvery?: number;
  /** Decides a batch again on fresh reads after a version conflict, this many times, when the caller gave no expected version. */
  conflictRetries?: number;
  /** Streams whose latest state is kept in memory (0: none). */
  cacheSize?: number;
  /** How long a claimed timer is held before another runner may fire it. */
  timerLeaseMs?: number;
}

export interface FiredTimer { timer: DueTimer; result: HandleResult }

/** One input of a batch: raw as received, or already an input (a timer); with the version the caller decided on. */
interface Entry { raw: unknown; input?: Input; expectedVersion?: number }

interface Item { index: number; raw: unknown; input: Input; key: string; expectedVersion?: number; trace?: TraceContext }

type TraceContext = NonNullable<DomainEvent['trace']>;

interface Waiting { entry: Entry; resolve(result: HandleResult): void; reject(error: unknown): void }

/** Waiting single inputs gathered into one batch, at most. */
const MAX_GROUP = 1_000;

/** What one attempt at a part of the batch came to; nothing of it is kept unless its append commits. */
interface Attempt {
  results: Map<number, HandleResult>;
  /** By the item's index in the batch, in input order. */
  refusals: Map<number, RefusalRecord>;
  requests: AppendRequest[];
  /** The item, state and policy behind each request, in request order. */
  decided: { item: Item; next: VersionedState; policy: Policy }[];
}

/** What a load that read nothing says of the keys: none was seen used. */
const NONE_PROCESSED: ReadonlySet<string> = new Set();

const versionConflict = (streamId: string): Refusal => ({
  code: 'version_conflict',
  message: `relationship ${streamId} changed since the version given; reload it and decide again`,
});

export class RelationshipEngine {
  private readonly snapshotEvery: number;
  private readonly conflictRetries: number;
  private readonly timerLeaseMs: number;
  private readonly cache: StateCache;
  /** Single inputs waiting for the batch in flight to finish; they go together as the next one. */
  private readonly waiting: Waiting[] = [];
  private draining = false;

  constructor(private readonly ports: EnginePorts, options: EngineOptions = {}) {
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 100);
    this.conflictRetries = Math.max(0, options.conflictRetries ?? 3);
    this.timerLeaseMs = options.timerLeaseMs ?? 30_000;
    this.cache = new StateCache(options.cacheSize ?? 10_000);
  }

  get policy(): Policy { return this.ports.policy; }

  /** One raw signal or command, as a batch of one; with `expectedVersion`, a stream that moved on is a refusal. */
  async handle(raw: unknown, options: { expectedVersion?: number } = {}): Promise<HandleResult> {
    return this.submit({ raw, expectedVersion: options.expectedVersion });
  }

  /** Raw signals and commands, decided in memory in their order per relationship and appended in one transaction. */
  handleBatch(raws: readonly unknown[]): Promise<HandleResult[]> {
    return this.run(raws.map((raw) => ({ raw })));
  }

  /** Fires the timers due by the clock as one batch, each an input to its stream, in (dueAt, id) order. */
  async fireDueTimers(limit = 100): Promise<FiredTimer[]> {
    const { timers, clock } = this.ports;
    const due = await timers.claimDue(clock.now(), limit, this.timerLeaseMs);
    if (due.length === 0) return [];
    let results: HandleResult[];
    try {
      results = await this.run(due.map((timer) => {
        const input: TimerInput = {
          kind: 'timer', id: timer.id, type: timer.type, relationshipId: timer.relationshipId, dueAt: timer.dueAt, data: timer.data,
        };
        return { raw: input, input };
      }));
    } catch (error) {
      await timers.release(due.map((timer) => timer.id));
      throw error;
    }
    await timers.complete(due.map((timer) => timer.id));
    return due.map((timer, i) => ({ timer, result: results[i] }));
  }

  /**
   * The team a relationship belongs to, or null when it was never opened. A relationship keeps the
   * team it was opened for, so any cached state of it answers; only an unknown one is read.
   */
  async teamOf(relationshipId: string): Promise<string | null> {
    const cached = this.cache.get(relationshipId)?.state;
    if (cached) return cached.teamId;
    return (await this.current(relationshipId)).state?.teamId ?? null;
  }

  async view(relationshipId: string): Promise<RelationshipView | null> {
    const { state } = await this.current(relationshipId);
    return state ? this.viewNow(state, await this.teamPolicyOf(state)) : null;
  }

  /** The folded state and its stream version, or null when the relationship was never opened. */
  async state(relationshipId: string): Promise<{ state: RelationshipState; version: number } | null> {
    const loaded = await this.current(relationshipId);
    return loaded.state ? { state: loaded.state, version: loaded.version } : null;
  }

  private async current(streamId: string): Promise<VersionedState> {
    const { states } = await this.load([streamId], [], false);
    return states.get(streamId)!;
  }

  /**
   * Group commit for single inputs: those that arrive while a batch of them is being decided and
   * appended wait for it, then go together as the next batch, in arrival order (a lone input is a
   * batch of one). So concurrent callers with one input each (HTTP requests) share one read and
   * one append instead of queueing for the database one by one, and one relationship's inputs keep
   * their order. A caller with a batch of its own (a Kafka partition, the due timers) runs it as is.
   */
  private submit(entry: Entry): Promise<HandleResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        // One turn of the event loop first, so requests already received join the batch: on an
        // embedded database, whose queries run on this thread, a batch and the readers it wakes
        // could otherwise run to the end before the next request is even parsed.
        await new Promise((resolve) => setImmediate(resolve));
        const group = this.waiting.splice(0, MAX_GROUP);
        await this.runGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * One batch for the callers of a group. When it fails (not a refusal: the store threw), each
   * caller's input is tried again on its own, so an input the store cannot take fails only its
   * own caller; one appended before the failure answers as a duplicate.
   */
  private async runGroup(group: Waiting[]): Promise<void> {
    let results: HandleResult[];
    try {
      results = await this.run(group.map((w) => w.entry));
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else for (const waiting of group) await this.runGroup([waiting]);
      return;
    }
    group.forEach(({ resolve }, i) => resolve(results[i]!));
  }

  private async run(entries: readonly Entry[]): Promise<HandleResult[]> {
    const results: HandleResult[] = new Array(entries.length);
    const refusals: RefusalRecord[] = [];
    const items: Item[] = [];
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      let input = entry.input;
      if (!input) {
        const parsed = parseInput(entry.raw);
        if (!parsed.ok) {
          results[index] = { status: 'refused', refusal: parsed.refusal };
          const record = refusalOfRaw(entry.raw, parsed.refusal, this.ports.clock.now());
          if (record) refusals.push(record);
          continue;
        }
        input = parsed.input;
      }
      const item: Item = { index, raw: entry.raw, input, key: idempotencyKeyOf(input), expectedVersion: entry.expectedVersion };
      const trace = traceOf(entry.raw);
      if (trace) item.trace = trace;
      items.push(item);
    }
    for (const part of partsWithDistinctKeys(items)) {
      const done = await this.decidePart(part);
      for (const [index, result] of done.results) results[index] = result;
      for (const refusal of done.refusals.values()) refusals.push(refusal);
    }
    if (refusals.length > 0) await this.record(refusals);
    return results;
  }

  /**
   * Each filed with its relationship's team (the audit log of the actor's, when it is another's or
   * none), in one write; relationships not in the cache are read in one load.
   */
  private async record(refusals: readonly RefusalRecord[]): Promise<void> {
    const missing = [...new Set(refusals.map((r) => r.relationshipId))].filter((id) => this.cache.get(id) === undefined);
    const { states } = missing.length > 0 ? await this.load(missing, [], false) : { states: new Map<string, VersionedState>() };
    await this.ports.store.recordRefusals(refusals.map((refusal) => {
      const { state } = this.cache.get(refusal.relationshipId) ?? states.get(refusal.relationshipId)!;
      return filedRefusal(refusal, state ? state.teamId : null);
    }));
  }

  /**
   * Decides and appends a part of the batch in which no key repeats. The first attempt trusts the
   * cache; a version conflict decides the part again on fresh reads. Once the retries are spent
   * (or at once, for an input that named its version) the stream that conflicted is refused and
   * the rest goes on.
   */
  private async decidePart(part: Item[]): Promise<Attempt> {
    let items = part;
    // What was given up on streams that kept conflicting; made only when one is.
    let given: Attempt | undefined;
    for (let attempt = 0; ; attempt++) {
      const trusted = attempt === 0;
      const outcome = await this.plan(items, trusted);
      if (outcome === 'stale') continue;
      try {
        const appended = outcome.requests.length > 0 ? await this.ports.store.appendMany(outcome.requests) : [];
        this.keep(outcome, appended);
        const nowMs = this.ports.clock.now().getTime();
        for (let i = 0; i < outcome.decided.length; i++) {
          const { item, next, policy } = outcome.decided[i];
          const result = appended[i];
          outcome.results.set(item.index, result.status === 'duplicate' ? DUPLICATE : acceptedResult(result.events, decidedState(next), nowMs, policy));
        }
        if (!given) return outcome;
        for (const [index, result] of outcome.results) given.results.set(index, result);
        for (const [index, refusal] of outcome.refusals) given.refusals.set(index, refusal);
        return given;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        for (const item of items) this.cache.delete(item.input.relationshipId);
        const conflicted = items.filter((i) => i.input.relationshipId === error.streamId);
        const giveUp = attempt >= this.conflictRetries || conflicted.some((i) => i.expectedVersion !== undefined);
        if (!giveUp) continue;
        given ??= { results: new Map(), refusals: new Map(), requests: [], decided: [] };
        for (const item of conflicted) {
          const refusal = versionConflict(item.input.relationshipId);
          given.results.set(item.index, { status: 'refused', refusal });
          given.refusals.set(item.index, refusalOfInput(item.input, refusal, item.raw));
        }
        items = items.filter((i) => i.input.relationshipId !== error.streamId);
        if (items.length === 0) return given;
      }
    }
  }

  /**
   * Decides every item on the states loaded (or cached). A refusal made on a cached state is
   * checked against the store before it stands: 'stale' when the stream had moved on.
   */
  private async plan(items: Item[], trusted: boolean): Promise<Attempt | 'stale'> {
    const streamIds = [...new Set(items.map((i) => i.input.relationshipId))];
    const { states, processed, cached } = await this.load(streamIds, items.map((i) => i.key), trusted);
    const attempt: Attempt = { results: new Map(), refusals: new Map(), requests: [], decided: [] };
    const refusedOnCache: Item[] = [];
    const current = new Map(states);
    for (const item of items) {
      const streamId = item.input.relationshipId;
      if (processed.has(item.key)) {
        attempt.results.set(item.index, DUPLICATE);
        continue;
      }
      const base = current.get(streamId)!;
      const policy = await this.teamPolicyOf(base.state, item.input);
      const decision = item.expectedVersion !== undefined && item.expectedVersion !== base.version
        ? { outcome: 'refused' as const, refusal: versionConflict(streamId) }
        : decide(base.state, item.input, policy);
      if (decision.outcome === 'refused') {
        attempt.results.set(item.index, { status: 'refused', refusal: decision.refusal });
        attempt.refusals.set(item.index, refusalOfInput(item.input, decision.refusal, item.raw));
        if (cached.has(streamId)) refusedOnCache.push(item);
        continue;
      }
      const events = withTrace(decision.events, item);
      const state = decision.state !== undefined ? decision.state : events.reduce((s, e) => evolve(s, e), base.state);
      const next: VersionedState = { state, version: base.version + events.length };
      attempt.requests.push(this.appendRequest(streamId, item.key, base, next, events, policy));
      attempt.decided.push({ item, next, policy });
      current.set(streamId, next);
    }
    if (refusedOnCache.length > 0 && !(await this.refusalsStand(refusedOnCache, states, attempt))) {
      for (const streamId of streamIds) this.cache.delete(streamId);
      return 'stale';
    }
    return attempt;
  }

  /**
   * A refusal appends nothing, so no version check guards one made on a cached state: one read
   * confirms the streams did not move, and tells a redelivery (its key used before) from a refusal.
   */
  private async refusalsStand(refused: Item[], states: Map<string, VersionedState>, attempt: Attempt): Promise<boolean> {
    const streams = [...new Set(refused.map((i) => i.input.relationshipId))];
    const loaded = await this.ports.store.loadForDecision({
      streams: streams.map((streamId) => ({ streamId, afterVersion: states.get(streamId)!.version })),
      keys: refused.map((i) => i.key),
    });
    if ([...loaded.streams.values()].some((s) => s.events.length > 0)) return false;
    for (const item of refused.filter((i) => loaded.processed.has(i.key))) {
      attempt.results.set(item.index, DUPLICATE);
      attempt.refusals.delete(item.index);
    }
    return true;
  }

  /** After the append: each stream's final state cached, unless a request of it turned out a duplicate. */
  private keep(attempt: Attempt, appended: readonly AppendResult[]): void {
    const spoilt = new Set<string>();
    for (let i = 0; i < appended.length; i++) if (appended[i].status === 'duplicate') spoilt.add(attempt.decided[i].item.input.relationshipId);
    for (const { item, next } of attempt.decided) {
      const streamId = item.input.relationshipId;
      if (spoilt.has(streamId)) this.cache.delete(streamId);
      else this.cache.set(streamId, next);
    }
  }

  /**
   * The states of `streamIds` (cached ones when `trusted`) and which of `keys` were used, in one
   * read for everything not cached. With every stream cached, nothing is read: the append tells
   * a redelivery by its key.
   */
  private async load(streamIds: string[], keys: string[], trusted: boolean):
  Promise<{ states: Map<string, VersionedState>; processed: ReadonlySet<string>; cached: Set<string> }> {
    const states = new Map<string, VersionedState>();
    const cached = new Set<string>();
    const missing: string[] = [];
    for (const streamId of streamIds) {
      const entry = trusted ? this.cache.get(streamId) : undefined;
      if (entry) {
        states.set(streamId, entry);
        cached.add(streamId);
      } else {
        missing.push(streamId);
      }
    }
    if (missing.length === 0) return { states, processed: NONE_PROCESSED, cached };
    const loaded = await this.ports.store.loadForDecision({ streams: missing.map((streamId) => ({ streamId })), keys });
    const stale: string[] = [];
    for (const streamId of missing) {
      const stream = loaded.streams.get(streamId);
      const folded = stream ? await this.fold(stream) : { state: null, version: 0 };
      if (folded === null) stale.push(streamId);
      else states.set(streamId, folded);
    }
    if (stale.length > 0) {
      // Snapshots made by another machine or policy: the whole stream, in a second read.
      const again = await this.ports.store.loadForDecision({ streams: stale.map((streamId) => ({ streamId, afterVersion: 0 })), keys: [] });
      for (const streamId of stale) states.set(streamId, (await this.fold(again.streams.get(streamId) ?? { snapshot: null, events: [] }, true))!);
    }
    for (const [streamId, state] of states) if (!cached.has(streamId)) this.cache.set(streamId, state);
    return { states, processed: loaded.processed, cached };
  }

  /** A loaded stream folded from its snapshot; null when the snapshot was made by another machine or policy. */
  private async fold(stream: LoadedStream, fromZero = false): Promise<VersionedState | null> {
    const { snapshot } = stream;
    let base: VersionedState = { state: null, version: 0 };
    if (snapshot && !fromZero) {
      const state = snapshot.state as RelationshipState;
      const usable = snapshot.machineVersion === MACHINE_VERSION && snapshot.policyVersion === (await this.teamPolicyOf(state)).version;
      if (!usable) return null;
      base = { state, version: snapshot.version };
    }
    let { state, version } = base;
    for (const e of stream.events) {
      state = evolve(state, relationshipEventOf(e.event));
      version = e.version;
    }
    return { state, version };
  }

  private appendRequest(
    streamId: string, key: string, current: VersionedState, next: VersionedState, events: AppendRequest['events'], policy: Policy,
  ): AppendRequest {
    const state = decidedState(next);
    const crossesSnapshot = Math.floor(next.version / this.snapshotEvery) > Math.floor(current.version / this.snapshotEvery);
    const snapshot: Snapshot | undefined = crossesSnapshot
      ? { streamId, version: next.version, machineVersion: MACHINE_VERSION, policyVersion: policy.version, state }
      : undefined;
    return {
      streamId,
      expectedVersion: current.version,
      events,
      idempotencyKey: key,
      timers: timersFor(state, policy),
      ...(snapshot ? { snapshot } : {}),
    };
  }

  /** The policy of the relationship's team (for `relationship.open`, the team it opens for). */
  private async teamPolicyOf(state: RelationshipState | null, input?: Input): Promise<Policy> {
    const { policies, policy } = this.ports;
    if (!policies) return policy;
    const opening = input?.kind === 'command' && input.type === 'relationship.open' ? input.data.teamId : undefined;
    const teamId = state?.teamId ?? opening;
    return typeof teamId === 'string' && teamId !== '' ? policies.policyFor(teamId) : policy;
  }

  /** The relationship as it reads at the clock's now, under its policy: the score decayed to this moment (policy rule 25). */
  private viewNow(state: RelationshipState, policy: Policy): RelationshipView {
    return viewOf(state, this.ports.clock.now().getTime(), policy);
  }
}

/** The trace context a transport attached to a raw input, when it is a valid W3C one (an invalid one is dropped, never refused). */
function traceOf(raw: unknown): TraceContext | undefined {
  if (typeof raw !== 'object' || raw === null || !('trace' in raw)) return undefined;
  const parsed = traceContextSchema.safeParse(raw.trace);
  return parsed.success ? parsed.data : undefined;
}

/** The input's trace context on the events it caused (those whose causation id is the input's id), not on timers it caught up. */
function withTrace(events: RelationshipEvent[], { input, trace }: Item): RelationshipEvent[] {
  if (!trace) return events;
  return events.map((e) => (e.causedBy.kind === input.kind && e.causedBy.id === input.id ? { ...e, trace } : e));
}

/**
 * The view as of the append, worked out when first read: most callers (the worker, timers,
 * simulation) never read it, and it is the same whenever it is read.
 */
function acceptedResult(events: StoredEvent[], state: RelationshipState, nowMs: number, policy: Policy): HandleResult {
  let view: RelationshipView | undefined;
  return { status: 'accepted', events, get view() { return (view ??= viewOf(state, nowMs, policy)); } };
}

function decidedState(next: VersionedState): RelationshipState {
  if (next.state === null) throw new Error('the domain accepted an input without opening the relationship');
  return next.state;
}

/**
 * Splits the batch where a key comes back: the part from its second use on is decided after the
 * part before is appended, so the first in input order decides whether the second is a duplicate,
 * whichever relationships they name (and a refused first leaves the key free, as one by one would).
 */
function partsWithDistinctKeys(items: Item[]): Item[][] {
  const parts: Item[][] = [];
  let part: Item[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    if (keys.has(item.key)) {
      parts.push(part);
      part = [];
      keys = new Set();
    }
    part.push(item);
    keys.add(item.key);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
