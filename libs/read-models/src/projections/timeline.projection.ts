// Read model 4: the timeline of one relationship. Every fact in stream order with the input that
// caused it (who, from where), its reasons and the policy version that decided it. Refusals are
// not events: the timeline query merges them in from the store.
import { EVENT_CATALOGUE, isEventType } from '@offramp/domain';
import type { StoredEvent } from '@offramp/runtime';
import type { Projection } from '../projection';

export const TIMELINE_TABLE = 'rm_timeline';

/** Whether a fact of this type may have been written at an older schema version and read upcast. */
const mayBeUpcast = (type: string): boolean => isEventType(type) && EVENT_CATALOGUE[type].version > 1;

/** SQL: the jsonb `value` when it is a list of reasons (objects with a code), else an empty list. */
const reasonsOf = (value: string): string =>
  `CASE WHEN jsonb_typeof(${value}) = 'array' AND NOT EXISTS (
     SELECT 1 FROM jsonb_array_elements(${value}) AS r(reason) WHERE jsonb_typeof(r.reason) <> 'object' OR NOT r.reason ? 'code'
   ) THEN ${value} ELSE '[]'::jsonb END`;

export const timelineProjection: Projection = {
  name: 'timeline',
  tables: [TIMELINE_TABLE],
  migrations: [{
    id: 'read-models/040_timeline',
    sql: `CREATE TABLE IF NOT EXISTS ${TIMELINE_TABLE} (
      global_position bigint PRIMARY KEY,
      relationship_id text NOT NULL,
      version integer NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      policy_version text NOT NULL,
      caused_by jsonb NOT NULL,
      reasons jsonb NOT NULL,
      override jsonb,
      data jsonb NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS ${TIMELINE_TABLE}_stream ON ${TIMELINE_TABLE} (relationship_id, version);`,
  }],
  /**
   * A row is a copy of its fact, so the database copies it from the store's own row (read models
   * live in the store's database): no page of facts serialised in Node and parsed back. Only the
   * facts of a type that had an older schema version travel, as read (upcast), in place of the row.
   */
  async apply(tx, events) {
    if (events.length === 0) return;
    const copied: number[] = [];
    const asRead: { p: number; v: number; at: string; e: StoredEvent['event'] }[] = [];
    for (const e of events) {
      if (mayBeUpcast(e.event.type)) asRead.push({ p: e.globalPosition, v: e.version, at: e.recordedAt, e: e.event });
      else copied.push(e.globalPosition);
    }
    await tx.query(
      `INSERT INTO ${TIMELINE_TABLE} (global_position, relationship_id, version, type, at, recorded_at, policy_version, caused_by, reasons, override, data)
       SELECT f.global_position, f.fact->>'relationshipId', f.version, f.fact->>'type', (f.fact->>'at')::timestamptz,
              date_trunc('milliseconds', f.recorded_at), f.fact->>'policyVersion', f.fact->'causedBy',
              ${reasonsOf("f.fact->'data'->'reasons'")}, NULLIF(f.fact->'data'->'override', 'null'::jsonb), f.fact->'data'
         FROM (SELECT global_position, version, recorded_at, data AS fact FROM events WHERE global_position = ANY($1::bigint[])
               UNION ALL
               SELECT p, v, at, e FROM jsonb_to_recordset($2::jsonb) AS r(p bigint, v integer, at timestamptz, e jsonb)) AS f`,
      [copied, JSON.stringify(asRead)],
    );
  },
};
