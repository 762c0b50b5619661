// The working side of one decision: the state as it evolves with every fact emitted, so the
// fold of the emitted events is, by construction, the state the decision worked towards.
import type { Actor } from '../model';
import { evolveAt } from '../evolve';
import { eventSchemaVersionOf, type Fact, type RelationshipEvent } from '../events/catalogue';
import type { InputRef, TransitionTaken } from '../events/values';
import { move, type LifecycleEvent } from '../machine';
import type { DomainPolicy } from '../policy/default-policy';
import type { RelationshipState } from '../state';
import { ms } from '../time';

export class Decider {
  readonly events: RelationshipEvent[] = [];

  constructor(public state: RelationshipState, readonly policy: DomainPolicy) {}

  emit(at: string, causedBy: InputRef, fact: Fact): void {
    const event: RelationshipEvent = { ...fact, relationshipId: this.state.relationshipId, at, policyVersion: this.policy.version, causedBy, schemaVersion: eventSchemaVersionOf(fact.type) };
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
