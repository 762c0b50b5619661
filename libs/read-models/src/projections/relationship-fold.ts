// Projections that need a relationship's lifecycle fold the domain's own facts with the domain's
// own `evolve`, so no read model re-derives policy. Each such projection keeps the folded state
// in its own table (one row per relationship, column `folded`), so it rebuilds on its own.
import { evolve, viewOf, type RelationshipState, type RelationshipView } from '@offramp/domain';
import type { Sql } from '@offramp/event-store';
import type { StoredEvent } from '@offramp/runtime';

/**
 * One fact with the relationship's view before and after it, and the state after it. The state
 * may be updated in place by the next fact: read what you need from it during the visit.
 */
export interface FoldStep {
  stored: StoredEvent;
  viewBefore: RelationshipView | null;
  view: RelationshipView;
  state: RelationshipState;
}

/** Every relationship touched by a batch with its final state. */
export interface FoldedRelationship { relationshipId: string; state: RelationshipState; version: number }

/** Folds a batch onto the states kept in `table` (which must have `relationship_id` and `folded jsonb`). */
export async function foldBatch(
  tx: Sql,
  table: string,
  events: readonly StoredEvent[],
  visit: (step: FoldStep) => void = () => {},
): Promise<FoldedRelationship[]> {
  const ids = [...new Set(events.map((e) => e.streamId))];
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ relationship_id: string; folded: RelationshipState }>(
    `SELECT relationship_id, folded FROM ${table} WHERE relationship_id = ANY($1::text[])`,
    [ids],
  );
  const current = new Map<string, RelationshipState | null>(rows.map((r) => [r.relationship_id, r.folded]));
  const folded = new Map<string, FoldedRelationship>();
  for (const stored of events) {
    const before = current.get(stored.streamId) ?? null;
    const viewBefore = before && viewOf(before);
    const state = evolve(before, stored.event);
    current.set(stored.streamId, state);
    visit({ stored, viewBefore, view: viewOf(state), state });
    folded.set(stored.streamId, { relationshipId: stored.streamId, state, version: stored.version });
  }
  return [...folded.values()];
}
