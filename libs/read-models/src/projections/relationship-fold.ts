// Read models that need a relationship's lifecycle fold the domain's own facts with the domain's
// own `evolve`, so no read model re-derives policy. They share one table of folded states
// (`rm_relationship_state`, one row per relationship) and move together as one projection: per
// page the stored states, and what each read model carries from page to page in its own row, are
// read in one statement, the page is folded once, and the states and every read model's table are
// each written with one statement.
import { evolve, relationshipEventOf, viewOf, type RelationshipState, type RelationshipView } from '@offramp/domain';
import type { Migration, Sql } from '@offramp/event-store';
import type { StoredEvent } from '@offramp/runtime';
import type { Projection } from '../projection';
import { upsertRows, type Row } from './sql-rows';

export const RELATIONSHIP_STATE_TABLE = 'rm_relationship_state';

/** The projection's name, and its checkpoint's. */
export const RELATIONSHIP_VIEWS = 'relationship-views';

/** One fact with the relationship's view before and after it, and the state after it. Shared: read it, never change it. */
export interface FoldStep {
  stored: StoredEvent;
  viewBefore: RelationshipView | null;
  view: RelationshipView;
  state: RelationshipState;
}

/** A relationship touched by a page with its final state and view, the version and the time of its last fact. */
export interface FoldedRelationship { relationshipId: string; state: RelationshipState; view: RelationshipView; version: number; at: string }

/**
 * A read model written from the folded states, one row per relationship in `table`. `Carried` is
 * what it keeps in its row besides the state and continues from on the next page (a trend, an
 * episode): selected as one JSON value by `carried` over its row's alias, followed step by step.
 */
export interface FoldedReadModel<Carried = unknown> {
  readonly name: string;
  readonly table: string;
  readonly migrations: readonly Migration[];
  carried?(alias: string): string;
  step?(step: FoldStep, carried: Carried | undefined): Carried;
  row(folded: FoldedRelationship, carried: Carried | undefined): Row;
}

/**
 * The folded states move out of each read model's own table into the shared one. The three read
 * models carry on from their checkpoint when they stood at the same place; otherwise they are
 * emptied and rebuild from zero together.
 */
const sharedStateMigration: Migration = {
  id: 'read-models/070_relationship_state',
  sql: `CREATE TABLE IF NOT EXISTS ${RELATIONSHIP_STATE_TABLE} (
      relationship_id text PRIMARY KEY,
      version integer NOT NULL,
      folded jsonb NOT NULL
    );
    INSERT INTO ${RELATIONSHIP_STATE_TABLE} (relationship_id, version, folded)
      SELECT relationship_id, version, folded FROM rm_board ON CONFLICT (relationship_id) DO NOTHING;
    INSERT INTO projection_checkpoints (name, checkpoint)
      SELECT '${RELATIONSHIP_VIEWS}', b.checkpoint FROM projection_checkpoints b
        JOIN projection_checkpoints a ON a.name = 'at-risk-queue' AND a.checkpoint IS NOT DISTINCT FROM b.checkpoint
        JOIN projection_checkpoints n ON n.name = 'notice-tracker' AND n.checkpoint IS NOT DISTINCT FROM b.checkpoint
      WHERE b.name = 'portfolio-board'
      ON CONFLICT (name) DO NOTHING;
    DELETE FROM ${RELATIONSHIP_STATE_TABLE} WHERE NOT EXISTS (SELECT 1 FROM projection_checkpoints WHERE name = '${RELATIONSHIP_VIEWS}');
    DELETE FROM rm_board WHERE NOT EXISTS (SELECT 1 FROM projection_checkpoints WHERE name = '${RELATIONSHIP_VIEWS}');
    DELETE FROM rm_at_risk WHERE NOT EXISTS (SELECT 1 FROM projection_checkpoints WHERE name = '${RELATIONSHIP_VIEWS}');
    DELETE FROM rm_notice WHERE NOT EXISTS (SELECT 1 FROM projection_checkpoints WHERE name = '${RELATIONSHIP_VIEWS}');
    DELETE FROM projection_checkpoints WHERE name IN ('portfolio-board', 'at-risk-queue', 'notice-tracker');
    ALTER TABLE rm_board DROP COLUMN IF EXISTS folded;
    ALTER TABLE rm_at_risk DROP COLUMN IF EXISTS folded;
    ALTER TABLE rm_notice DROP COLUMN IF EXISTS folded;`,
};

/** The read models over the folded states as one projection (rebuilt together, by its name or any of theirs). */
export function relationshipViews(readModels: readonly FoldedReadModel[]): Projection {
  return {
    name: RELATIONSHIP_VIEWS,
    includes: readModels.map((m) => m.name),
    tables: [RELATIONSHIP_STATE_TABLE, ...readModels.map((m) => m.table)],
    migrations: [...readModels.flatMap((m) => m.migrations), sharedStateMigration],
    async apply(tx, events) {
      const { states, carried } = await storedOf(tx, readModels, events);
      const folded = foldPage(events, states, (step) => {
        readModels.forEach((model, i) => {
          if (model.step) carried[i]!.set(step.stored.streamId, model.step(step, carried[i]!.get(step.stored.streamId)));
        });
      });
      await upsertRows(tx, RELATIONSHIP_STATE_TABLE, 'relationship_id', folded.map(({ relationshipId, version, state }) => ({
        relationship_id: relationshipId, version, folded: state,
      })));
      for (const [i, model] of readModels.entries()) {
        await upsertRows(tx, model.table, 'relationship_id', folded.map((f) => model.row(f, carried[i]!.get(f.relationshipId))));
      }
    },
  };
}

/** The stored states of the page's relationships and what each read model carries for them, in one statement. */
async function storedOf(
  tx: Sql,
  readModels: readonly FoldedReadModel[],
  events: readonly StoredEvent[],
): Promise<{ states: Map<string, RelationshipState>; carried: Map<string, unknown>[] }> {
  const carried = readModels.map(() => new Map<string, unknown>());
  // A stream whose first fact here is its first has nothing stored before the page.
  const first = new Map<string, number>();
  for (const e of events) if (!first.has(e.streamId)) first.set(e.streamId, e.version);
  const ids = [...first].filter(([, version]) => version > 1).map(([id]) => id);
  if (ids.length === 0) return { states: new Map(), carried };
  const joined = readModels.flatMap((m, i) => (m.carried ? [{ i, alias: `m${i}`, table: m.table, select: m.carried(`m${i}`) }] : []));
  const { rows } = await tx.query<Record<string, unknown> & { relationship_id: string; folded: RelationshipState }>(
    `SELECT s.relationship_id, s.folded${joined.map((j) => `, CASE WHEN ${j.alias}.relationship_id IS NULL THEN NULL ELSE ${j.select} END AS c${j.i}`).join('')}
       FROM ${RELATIONSHIP_STATE_TABLE} s${joined.map((j) => ` LEFT JOIN ${j.table} ${j.alias} ON ${j.alias}.relationship_id = s.relationship_id`).join('')}
      WHERE s.relationship_id = ANY($1::text[])`,
    [ids],
  );
  const states = new Map<string, RelationshipState>();
  for (const row of rows) {
    states.set(row.relationship_id, row.folded);
    for (const j of joined) if (row[`c${j.i}`] != null) carried[j.i]!.set(row.relationship_id, row[`c${j.i}`]);
  }
  return { states, carried };
}

function foldPage(events: readonly StoredEvent[], stored: Map<string, RelationshipState>, visit: (step: FoldStep) => void): FoldedRelationship[] {
  // One entry per relationship, moved along fact by fact: the last step's state and view are the next one's "before".
  const folded = new Map<string, FoldedRelationship>();
  for (const event of events) {
    // The view as of the fact's own time; the score a reader sees is computed when it reads.
    const atMs = Date.parse(event.event.at);
    let entry = folded.get(event.streamId);
    const storedState = entry ? undefined : stored.get(event.streamId);
    const before = entry ?? (storedState ? { state: storedState, view: viewOf(storedState, atMs) } : undefined);
    const state = evolve(before?.state ?? null, relationshipEventOf(event.event));
    const view = viewOf(state, atMs);
    visit({ stored: event, viewBefore: before?.view ?? null, view, state });
    if (!entry) {
      entry = { relationshipId: event.streamId, state, view, version: event.version, at: event.event.at };
      folded.set(event.streamId, entry);
    } else {
      entry.state = state;
      entry.view = view;
      entry.version = event.version;
      entry.at = event.event.at;
    }
  }
  return [...folded.values()];
}
