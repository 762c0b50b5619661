// The timeline of one relationship: its facts and its refused inputs, merged by time. Facts keep
// their stream order; a refusal sorts before the facts of a later time.
import type { Actor, Reason, Refusal } from '@offramp/domain';
import type { InputRef } from '@offramp/domain';
import { TIMELINE_TABLE } from '../projections/timeline.projection';
import { isoOf } from '../projections/sql-rows';
import type { ReadContext } from './read-context';

export type TimelineEntry =
  | { kind: 'event'; at: string; version: number; type: string; input: InputRef; actor: Actor | null; policyVersion: string; reasons: Reason[]; override: unknown; data: Record<string, unknown> }
  | { kind: 'refusal'; at: string; input: { kind: string; id: string; type: string }; actorId: string | null; refusal: Refusal };

export async function relationshipTimeline({ sql, store }: ReadContext, query: { relationshipId: string }): Promise<TimelineEntry[]> {
  const { rows } = await sql.query<{ at: string; version: number; type: string; caused_by: InputRef; policy_version: string; reasons: Reason[]; override: unknown; data: Record<string, unknown> }>(
    `SELECT ${isoOf('at')} AS at, version, type, caused_by, policy_version, reasons, override, data
       FROM ${TIMELINE_TABLE} WHERE relationship_id = $1 ORDER BY version`,
    [query.relationshipId],
  );
  const events: TimelineEntry[] = rows.map((r) => ({
    kind: 'event', at: r.at, version: r.version, type: r.type, input: r.caused_by, actor: r.caused_by.actor ?? null,
    policyVersion: r.policy_version, reasons: r.reasons, override: r.override, data: r.data,
  }));
  const refusals: TimelineEntry[] = (await store.readRefusals(query.relationshipId)).map((r) => ({
    kind: 'refusal', at: new Date(r.at).toISOString(), input: { kind: r.inputKind, id: r.inputId, type: r.inputType }, actorId: r.actorId ?? null, refusal: r.refusal,
  }));
  return mergeByTime(events, refusals);
}

/** Both lists are in order already; a stable merge keeps each list's own order. */
function mergeByTime(events: TimelineEntry[], refusals: TimelineEntry[]): TimelineEntry[] {
  const merged: TimelineEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < events.length || j < refusals.length) {
    const takeRefusal = j < refusals.length && (i >= events.length || refusals[j]!.at < events[i]!.at);
    merged.push(takeRefusal ? refusals[j++]! : events[i++]!);
  }
  return merged;
}
