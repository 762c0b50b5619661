// An in-memory run of a history, the way the runtime runs it: parse, deduplicate by idempotency
// key, fire due timers first (in order), decide, fold. Pure; used by the specs.
import { parseInput } from '../catalogue/parse-input';
import { decide, idempotencyKeyOf } from '../decide';
import type { Decision } from '../decision/outcome';
import type { RelationshipEvent } from '../events/catalogue';
import type { Input, TimerSpec } from '../inputs';
import type { Refusal } from '../model';
import { DEFAULT_POLICY, type Policy } from '../policy/default-policy';
import type { RelationshipState } from '../state';
import { timersFor } from '../timers';

export interface Outcome { index: number; input: Input | null; decision: Decision | { outcome: 'duplicate' } | { outcome: 'refused'; refusal: Refusal } }

export class History {
  readonly states = new Map<string, RelationshipState>();
  readonly streams = new Map<string, RelationshipEvent[]>();
  readonly outcomes: Outcome[] = [];
  private readonly seen = new Set<string>();
  private readonly timers = new Map<string, TimerSpec[]>();
  /** The latest instant the history has reached (an input's time, or a clock advanced to): "now" for a reader. */
  nowMs = -Infinity;

  constructor(readonly policy: Policy = DEFAULT_POLICY) {}

  /** Fires every pending timer due at or before `until`, across relationships, in time order. */
  advanceTo(until: string): void {
    this.nowMs = Math.max(this.nowMs, Date.parse(until));
    for (let guard = 0; guard < 100_000; guard++) {
      let next: TimerSpec | null = null;
      for (const list of this.timers.values()) {
        for (const t of list) if (Date.parse(t.dueAt) <= Date.parse(until) && (!next || Date.parse(t.dueAt) < Date.parse(next.dueAt))) next = t;
      }
      if (!next) return;
      this.apply({ kind: 'timer', id: next.id, type: next.type, relationshipId: next.relationshipId, dueAt: next.dueAt, data: next.data });
    }
  }

  /** One raw record (as a history file line holds it). */
  record(raw: unknown): Outcome {
    const parsed = parseInput(raw);
    if (!parsed.ok) return this.note({ index: this.outcomes.length, input: null, decision: { outcome: 'refused', refusal: parsed.refusal } });
    const input = parsed.input;
    this.advanceTo(input.kind === 'signal' ? input.occurredAt : input.kind === 'command' ? input.issuedAt : input.dueAt);
    return this.apply(input);
  }

  apply(input: Input): Outcome {
    const key = idempotencyKeyOf(input);
    if (this.seen.has(key)) {
      if (input.kind === 'timer') {
        this.dropTimer(input.relationshipId, input.id);
        return { index: -1, input, decision: { outcome: 'duplicate' } };
      }
      return this.note({ index: this.outcomes.length, input, decision: { outcome: 'duplicate' } });
    }
    const state = this.states.get(input.relationshipId) ?? null;
    const decision = decide(state, input, this.policy);
    if (decision.outcome === 'accepted') {
      this.seen.add(key);
      const next = decision.state;
      if (next) {
        this.states.set(input.relationshipId, next);
        this.streams.set(input.relationshipId, [...(this.streams.get(input.relationshipId) ?? []), ...decision.events]);
        this.timers.set(input.relationshipId, timersFor(next, this.policy));
      }
    }
    if (input.kind === 'timer') this.dropTimer(input.relationshipId, input.id);
    return input.kind === 'timer' ? { index: -1, input, decision } : this.note({ index: this.outcomes.length, input, decision });
  }

  private dropTimer(relationshipId: string, id: string): void {
    this.timers.set(relationshipId, (this.timers.get(relationshipId) ?? []).filter((t) => t.id !== id));
  }

  private note(outcome: Outcome): Outcome {
    this.outcomes.push(outcome);
    return outcome;
  }
}
