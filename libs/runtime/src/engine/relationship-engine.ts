// The one path every input takes, in the service and in simulation alike:
// parse → idempotency → load (snapshot + tail) → decide → append events, timers and snapshot.
import {
  MACHINE_VERSION, decide, evolve, idempotencyKeyOf, parseInput, timersFor, viewOf,
  type DomainEvent, type Input, type Policy, type Refusal, type RelationshipState, type RelationshipView, type TimerInput,
} from '@offramp/domain';
import {
  VersionConflictError,
  type AppendRequest, type Clock, type DueTimer, type EventStore, type PolicySource, type RefusalRecord, type Snapshot, type TimerStore,
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
  /** Reloads and retries after a version conflict when the caller gave no expected version. */
  conflictRetries?: number;
  /** Streams whose latest state is kept in memory (0: none). */
  cacheSize?: number;
  /** How long a claimed timer is held before another runner may fire it. */
  timerLeaseMs?: number;
}

export interface FiredTimer { timer: DueTimer; result: HandleResult }

interface Decided { index: number; raw: unknown; input: Input; key: string; next: VersionedState; policy: Policy }

const versionConflict = (streamId: string): Refusal => ({
  code: 'version_conflict',
  message: `relationship ${streamId} changed since the version given; reload it and decide again`,
});

export class RelationshipEngine {
  private readonly snapshotEvery: number;
  private readonly conflictRetries: number;
  private readonly timerLeaseMs: number;
  private readonly cache: StateCache;

  constructor(private readonly ports: EnginePorts, options: EngineOptions = {}) {
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 100);
    this.conflictRetries = Math.max(0, options.conflictRetries ?? 3);
    this.timerLeaseMs = options.timerLeaseMs ?? 30_000;
    this.cache = new StateCache(options.cacheSize ?? 1_000);
  }

  get policy(): Policy { return this.ports.policy; }

  /** Decides one raw signal or command; with `expectedVersion`, a stream that moved on is a refusal. */
  async handle(raw: unknown, options: { expectedVersion?: number } = {}): Promise<HandleResult> {
    const parsed = parseInput(raw);
    if (!parsed.ok) {
      await this.record(refusalOfRaw(raw, parsed.refusal, this.ports.clock.now()));
      return { status: 'refused', refusal: parsed.refusal };
    }
    return this.handleInput(parsed.input, raw, options.expectedVersion);
  }

  /**
   * Decides a batch in memory, each relationship's inputs in their order, and appends all of it in
   * one transaction. A version conflict falls back to deciding the inputs one by one.
   */
  async handleBatch(raws: unknown[]): Promise<HandleResult[]> {
    const results: HandleResult[] = new Array(raws.length);
    const refusals: (RefusalRecord | null)[] = [];
    const byStream = new Map<string, { index: number; raw: unknown; input: Input; key: string }[]>();
    const streamOfKey = new Map<string, string>();
    for (const [index, raw] of raws.entries()) {
      const parsed = parseInput(raw);
      if (!parsed.ok) {
        results[index] = { status: 'refused', refusal: parsed.refusal };
        refusals.push(refusalOfRaw(raw, parsed.refusal, this.ports.clock.now()));
        continue;
      }
      const { input } = parsed;
      const key = idempotencyKeyOf(input);
      // The same key on two relationships: only one-by-one keeps "first in input order wins".
      if ((streamOfKey.get(key) ?? input.relationshipId) !== input.relationshipId) return this.handleEach(raws);
      streamOfKey.set(key, input.relationshipId);
      const items = byStream.get(input.relationshipId) ?? [];
      items.push({ index, raw, input, key });
      byStream.set(input.relationshipId, items);
    }

    const decided: Decided[] = [];
    const requests: AppendRequest[] = [];
    const seen = new Set<string>();
    for (const [streamId, items] of byStream) {
      let current = await this.load(streamId);
      for (const item of items) {
        if (seen.has(item.key) || (await this.ports.store.isProcessed(item.key))) {
          results[item.index] = DUPLICATE;
          continue;
        }
        const policy = this.ports.policies ? await this.teamPolicyOf(current.state, item.input) : this.ports.policy;
        const decision = decide(current.state, item.input, policy);
        if (decision.outcome === 'refused') {
          results[item.index] = { status: 'refused', refusal: decision.refusal };
          refusals.push(refusalOfInput(item.input, decision.refusal, item.raw));
          continue;
        }
        const next = this.fold(current, decision.events);
        requests.push(this.appendRequest(streamId, item.key, current, next, decision.events, policy));
        decided.push({ ...item, next, policy });
        seen.add(item.key);
        current = next;
      }
    }

    let appended;
    try {
      appended = requests.length > 0 ? await this.ports.store.appendMany(requests) : [];
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      for (const streamId of byStream.keys()) this.cache.delete(streamId);
      return this.handleEach(raws);
    }
    for (const [i, item] of decided.entries()) {
      const result = appended[i];
      results[item.index] = result.status === 'duplicate'
        ? DUPLICATE
        : { status: 'accepted', events: result.events, view: this.viewNow(this.decidedState(item.next), item.policy) };
      this.cache.set(item.input.relationshipId, item.next);
    }
    for (const refusal of refusals) await this.record(refusal);
    return results;
  }

  /** Fires the timers due by the clock, each as an input to its stream, in (dueAt, id) order. */
  async fireDueTimers(limit = 100): Promise<FiredTimer[]> {
    const { timers, clock } = this.ports;
    const due = await timers.claimDue(clock.now(), limit, this.timerLeaseMs);
    const fired: FiredTimer[] = [];
    for (const [i, timer] of due.entries()) {
      const input: TimerInput = {
        kind: 'timer', id: timer.id, type: timer.type, relationshipId: timer.relationshipId, dueAt: timer.dueAt, data: timer.data,
      };
      try {
        const result = await this.handleInput(input, input);
        await timers.complete(timer.id);
        fired.push({ timer, result });
      } catch (error) {
        for (const left of due.slice(i)) await timers.release(left.id);
        throw error;
      }
    }
    return fired;
  }

  async view(relationshipId: string): Promise<RelationshipView | null> {
    const { state } = await this.load(relationshipId);
    return state ? this.viewNow(state, await this.teamPolicyOf(state)) : null;
  }

  /** The folded state and its stream version, or null when the relationship was never opened. */
  async state(relationshipId: string): Promise<{ state: RelationshipState; version: number } | null> {
    const loaded = await this.load(relationshipId);
    return loaded.state ? { state: loaded.state, version: loaded.version } : null;
  }

  private async handleEach(raws: unknown[]): Promise<HandleResult[]> {
    const results: HandleResult[] = [];
    for (const raw of raws) results.push(await this.handle(raw));
    return results;
  }

  private async handleInput(input: Input, raw: unknown, expectedVersion?: number): Promise<HandleResult> {
    const streamId = input.relationshipId;
    const key = idempotencyKeyOf(input);
    for (let attempt = 0; ; attempt++) {
      if (await this.ports.store.isProcessed(key)) return DUPLICATE;
      const current = await this.load(streamId, attempt > 0);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        return this.refuse(input, versionConflict(streamId), raw);
      }
      const policy = this.ports.policies ? await this.teamPolicyOf(current.state, input) : this.ports.policy;
      const decision = decide(current.state, input, policy);
      if (decision.outcome === 'refused') return this.refuse(input, decision.refusal, raw);
      const next = this.fold(current, decision.events);
      try {
        const result = await this.ports.store.append(this.appendRequest(streamId, key, current, next, decision.events, policy));
        if (result.status === 'duplicate') return DUPLICATE;
        this.cache.set(streamId, next);
        return { status: 'accepted', events: result.events, view: this.viewNow(this.decidedState(next), policy) };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        this.cache.delete(streamId);
        if (expectedVersion !== undefined || attempt >= this.conflictRetries) {
          return this.refuse(input, versionConflict(streamId), raw);
        }
      }
    }
  }

  private async refuse(input: Input, refusal: Refusal, raw: unknown): Promise<HandleResult> {
    await this.record(refusalOfInput(input, refusal, raw));
    return { status: 'refused', refusal };
  }

  private async record(refusal: RefusalRecord | null): Promise<void> {
    if (!refusal) return;
    const { state } = await this.load(refusal.relationshipId);
    const owner = state ? (state as unknown as { teamId: string }).teamId : null;
    await this.ports.store.recordRefusal(filedRefusal(refusal, owner));
  }

  /** Latest snapshot made by this machine and policy (or the cached state), then the events after it. */
  private async load(streamId: string, fresh = false): Promise<VersionedState> {
    const base = (fresh ? undefined : this.cache.get(streamId)) ?? (await this.fromSnapshot(streamId));
    const tail = (await this.ports.store.readStream(streamId, base.version + 1)).filter((e) => e.version > base.version);
    if (tail.length === 0) return base;
    const state = tail.reduce<RelationshipState | null>((s, e) => evolve(s, e.event), base.state);
    const loaded = { state, version: tail[tail.length - 1].version };
    this.cache.set(streamId, loaded);
    return loaded;
  }

  private async fromSnapshot(streamId: string): Promise<VersionedState> {
    const snapshot = await this.ports.store.readSnapshot(streamId);
    if (snapshot === null || snapshot.machineVersion !== MACHINE_VERSION) return { state: null, version: 0 };
    const state = snapshot.state as RelationshipState;
    const policy = this.ports.policies ? await this.teamPolicyOf(state) : this.ports.policy;
    const usable = snapshot.policyVersion === policy.version;
    return usable ? { state, version: snapshot.version } : { state: null, version: 0 };
  }

  /** The policy of the relationship's team (for `relationship.open`, the team it opens for). */
  private async teamPolicyOf(state: RelationshipState | null, input?: Input): Promise<Policy> {
    const { policies, policy } = this.ports;
    if (!policies) return policy;
    const opening = input?.kind === 'command' && input.type === 'relationship.open' ? input.data.teamId : undefined;
    const teamId = state?.teamId ?? opening;
    return typeof teamId === 'string' && teamId !== '' ? policies.policyFor(teamId) : policy;
  }

  private fold(current: VersionedState, events: DomainEvent[]): VersionedState {
    const state = events.reduce<RelationshipState | null>((s, e) => evolve(s, e), current.state);
    return { state, version: current.version + events.length };
  }

  private appendRequest(
    streamId: string, key: string, current: VersionedState, next: VersionedState, events: DomainEvent[], policy: Policy,
  ): AppendRequest {
    const state = this.decidedState(next);
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

  /** The relationship as it reads at the clock's now, under its policy: the score decayed to this moment (policy rule 25). */
  private viewNow(state: RelationshipState, policy: Policy): RelationshipView {
    return viewOf(state, this.ports.clock.now().getTime(), policy);
  }

  private decidedState(next: VersionedState): RelationshipState {
    if (next.state === null) throw new Error('the domain accepted an input without opening the relationship');
    return next.state;
  }
}
