// The timeline of one relationship: its facts and its refused inputs, merged by time. Facts keep
// their stream order; a refusal sorts before the facts of a later time.
import { actorSchema, inputRefSchema, reasonSchema, REFUSAL_CODES, type InputRef, type Reason } from '@offramp/domain';
import { z } from 'zod';
import { TIMELINE_TABLE } from '../projections/timeline.projection';
import { isoOf } from '../projections/sql-rows';
import type { ReadContext } from './read-context';

const instant = z.string().meta({ format: 'date-time' });

export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    at: instant,
    version: z.number().int(),
    type: z.string().describe('The event type (see the RelationshipEvent schema).'),
    input: inputRefSchema,
    actor: actorSchema.nullable(),
    policyVersion: z.string(),
    reasons: z.array(reasonSchema),
    override: z.unknown().describe('The guards an admin lifted with this input, if any.'),
    data: z.record(z.string(), z.unknown()).describe('The event\'s data, as its type\'s schema says.'),
  }),
  z.object({
    kind: z.literal('refusal'),
    at: instant,
    input: z.object({ kind: z.enum(['signal', 'command', 'timer']), id: z.string(), type: z.string() }),
    actorId: z.string().nullable(),
    refusal: z.object({ code: z.enum(REFUSAL_CODES), message: z.string(), field: z.string().optional() }),
  }),
]).meta({ id: 'TimelineEntry', description: 'A fact (kind event) or a refused input (kind refusal).' });

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineSchema = z.object({ relationshipId: z.string(), entries: z.array(timelineEntrySchema) })
  .meta({ id: 'Timeline', description: 'Every input, decision, refusal and override of one relationship, in order.' });

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
