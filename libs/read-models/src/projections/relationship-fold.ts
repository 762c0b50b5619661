// Projections that need a relationship's lifecycle fold the domain's own facts with the domain's
// own `evolve`, so no read model re-derives policy. Each such projection keeps the folded state
// in its own table (one row per relationship, column `folded`), so it rebuilds on its own.
//
// Projections that stand at the same checkpoint receive the same page and hold the same folded
// states, so the page is folded once: the first of them reads its stored states and folds, the
// others reuse those steps (kept with the page itself, gone with it) and read no state at all.
import { evolve, relationshipEventOf, viewOf, type RelationshipState, type RelationshipView } from '@offramp/domain';
import type { Sql } from '@offramp/event-store';
import type { StoredEvent } from '@offramp/runtime';
import { JsonText } from './sql-rows';

/** One fact with the relationship's view before and after it, and the state after it. Shared: read it, never change it. */
export interface FoldStep {
  stored: StoredEvent;
  viewBefore: RelationshipView | null;
  view: RelationshipView;
  state: RelationshipState;
}

/** Every relationship touched by a batch with its final state and view. */
export interface FoldedRelationship { relationshipId: string; state: RelationshipState; view: RelationshipView; version: number }

interface FoldedPage { steps: FoldStep[]; folded: FoldedRelationship[] }

const foldedPages = new WeakMap<readonly StoredEvent[], FoldedPage>();

/** Folds a batch onto the states kept in `table` (which must have `relationship_id` and `folded jsonb`). */
export async function foldBatch(
  tx: Sql,
  table: string,
  events: readonly StoredEvent[],
  visit: (step: FoldStep) => void = () => {},
): Promise<FoldedRelationship[]> {
  let page = foldedPages.get(events);
  if (!page) {
    page = foldPage(events, await storedStates(tx, table, events));
    foldedPages.set(events, page);
  }
  for (const step of page.steps) visit(step);
  return page.folded;
}

async function storedStates(tx: Sql, table: string, events: readonly StoredEvent[]): Promise<Map<string, RelationshipState>> {
  // A stream whose first fact here is its first has no state before the page.
  const first = new Map<string, number>();
  for (const e of events) if (!first.has(e.streamId)) first.set(e.streamId, e.version);
  const ids = [...first].filter(([, version]) => version > 1).map(([id]) => id);
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ relationship_id: string; folded: RelationshipState }>(
    `SELECT relationship_id, folded FROM ${table} WHERE relationship_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.relationship_id, r.folded]));
}

function foldPage(events: readonly StoredEvent[], stored: Map<string, RelationshipState>): FoldedPage {
  const current = new Map<string, { state: RelationshipState; view: RelationshipView }>();
  const folded = new Map<string, FoldedRelationship>();
  const steps: FoldStep[] = [];
  for (const event of events) {
    // The view as of the fact's own time; the score a reader sees is computed when it reads.
    const atMs = Date.parse(event.event.at);
    const before = current.get(event.streamId) ?? viewed(stored.get(event.streamId), atMs);
    const state = evolve(before?.state ?? null, relationshipEventOf(event.event));
    const view = viewOf(state, atMs);
    current.set(event.streamId, { state, view });
    steps.push({ stored: event, viewBefore: before?.view ?? null, view, state });
    folded.set(event.streamId, { relationshipId: event.streamId, state, view, version: event.version });
  }
  return { steps, folded: [...folded.values()] };
}

const viewed = (state: RelationshipState | undefined, atMs: number) => (state ? { state, view: viewOf(state, atMs) } : undefined);

const written = new WeakMap<RelationshipState, JsonText>();

/** A folded state as JSON, written once however many tables keep it. */
export function foldedJson(state: RelationshipState): JsonText {
  let json = written.get(state);
  if (!json) {
    json = new JsonText(JSON.stringify(state));
    written.set(state, json);
  }
  return json;
}
