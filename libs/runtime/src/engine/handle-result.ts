import type { Refusal, RelationshipState, RelationshipView } from '@offramp/domain';
import type { StoredEvent } from '../ports';

/** What became of one input. A duplicate is not a refusal (policy rule 22). */
export type HandleResult =
  | { status: 'accepted'; events: StoredEvent[]; view: RelationshipView }
  | { status: 'duplicate' }
  | { status: 'refused'; refusal: Refusal };

/** A relationship's folded state at a stream version (`state` null: never opened). */
export interface VersionedState { state: RelationshipState | null; version: number }

export const DUPLICATE: HandleResult = Object.freeze({ status: 'duplicate' });
