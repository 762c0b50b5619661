// The working side of one decision: the state as it evolves with every fact emitted, so the
// fold of the emitted events is, by construction, the state the decision worked towards.
import type { Actor, DomainEvent, InputRef } from '../model';
import { evolveAt } from '../evolve';
import { eventSchemaVersionOf, type EventType, type TransitionTaken } from '../events';
import { move, type LifecycleEvent } from '../machine';
import type { DomainPolicy } from '../policy/default-policy';
import type { FoldedState } from '../state';
import { ms } from '../time';

export class Decider {
  readonly events: DomainEvent[] = [];

  constructor(public state: FoldedState, readonly policy: DomainPolicy) {}

  emit(type: EventType, at: string, causedBy: InputRef, data: Record<string, unknown>): void {
    const event: DomainEvent = { type, relationshipId: this.state.relationshipId, at, policyVersion: this.policy.version, causedBy, schemaVersion: eventSchemaVersionOf(type), data };
    this.events.push(event);
    this.state = evolveAt(this.state, event, ms(at));
  }

  /** Where the machine takes the relationship on this event, or null if it does not. */
  transition(event: LifecycleEvent): TransitionTaken | null {
    const s = this.state;
    const to = move({ state: s.lifecycle, phase: s.phase, redFlagExit: s.notice?.redFlagExit ?? false }, event);
    return to && { from: { state: s.lifecycle, phase: s.phase }, to: { state: to.state, phase: to.phase } };
  }
}

export const refOf = (kind: InputRef['kind'], id: string, type: string, at: string, extra: { source?: string; actor?: Actor } = {}): InputRef =>
  ({ kind, id, type, ...extra, at });
