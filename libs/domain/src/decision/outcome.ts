// What deciding one input gives back: the facts it leads to, or a refusal.
import type { DomainEvent, RelationshipEvent } from '../events/catalogue';
import type { Refusal } from '../model';
import type { RelationshipState } from '../state';

export type Decision<E extends DomainEvent = RelationshipEvent> =
  /** `state`: where the events take the relationship (the fold of `events`), so no caller folds them again. */
  | { outcome: 'accepted'; events: E[]; state?: RelationshipState | null }
  | { outcome: 'refused'; refusal: Refusal };
