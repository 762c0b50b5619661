// Exit lessons of one team: which warning signs preceded its exits, and which current clients
// are ones it let go before (with why).
import { lifecycleStateSchema, reasonCodeSchema, type LifecycleState, type ReasonCode } from '@offramp/domain';
import { z } from 'zod';
import { CLIENT_HISTORY_TABLE, type EarlierExit, type ExitRecord } from '../projections/client-history.projection';
import { isoOf } from '../projections/sql-rows';
import type { ReadContext } from './read-context';
import { earlierExitSchema, exitRecordSchema, signCountsSchema } from './response-values';

const instant = z.string().meta({ format: 'date-time' });

export const exitLessonsSchema = z.object({
  teamId: z.string(),
  exits: z.number().int(),
  signsBeforeExit: z.array(z.object({ code: reasonCodeSchema, exits: z.number().int(), share: z.number().min(0).max(1) }))
    .describe('Per warning sign: in how many exits it was on record, most common first.'),
  offboarded: z.array(z.object({ relationshipId: z.string(), clientName: z.string(), offboardedAt: instant, exit: exitRecordSchema.nullable(), signs: signCountsSchema })),
  returningClients: z.array(z.object({ relationshipId: z.string(), clientName: z.string(), state: lifecycleStateSchema, openedAt: instant, earlierExits: z.array(earlierExitSchema) })),
}).meta({ id: 'ExitLessons', description: 'Warning signs that preceded exits, and returning clients with the reasons they were let go.' });

export type ExitLessons = z.infer<typeof exitLessonsSchema>;

export async function exitLessons({ sql }: ReadContext, query: { teamId: string }): Promise<ExitLessons> {
  const { rows: exited } = await sql.query<{ relationship_id: string; client_name: string; offboarded_at: string; exit: ExitRecord | null; signs: Partial<Record<ReasonCode, number>> }>(
    `SELECT relationship_id, client_name, ${isoOf('offboarded_at')} AS offboarded_at, exit, signs FROM ${CLIENT_HISTORY_TABLE}
      WHERE team_id = $1 AND state = 'offboarded' ORDER BY offboarded_at DESC, relationship_id`,
    [query.teamId],
  );
  const { rows: returning } = await sql.query<{ relationship_id: string; client_name: string; state: LifecycleState; opened_at: string; returning_from: EarlierExit[] }>(
    `SELECT relationship_id, client_name, state, ${isoOf('opened_at')} AS opened_at, returning_from FROM ${CLIENT_HISTORY_TABLE}
      WHERE team_id = $1 AND jsonb_array_length(returning_from) > 0 ORDER BY opened_at DESC, relationship_id`,
    [query.teamId],
  );
  const counts = new Map<ReasonCode, number>();
  for (const { signs, exit } of exited) {
    const codes = new Set<ReasonCode>([...(Object.keys(signs) as ReasonCode[]), ...(exit?.reasons.map((r) => r.code) ?? [])]);
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return {
    teamId: query.teamId,
    exits: exited.length,
    signsBeforeExit: [...counts.entries()]
      .map(([code, exits]) => ({ code, exits, share: exits / exited.length }))
      .sort((a, b) => b.exits - a.exits || a.code.localeCompare(b.code)),
    offboarded: exited.map((r) => ({ relationshipId: r.relationship_id, clientName: r.client_name, offboardedAt: r.offboarded_at, exit: r.exit, signs: r.signs })),
    returningClients: returning.map((r) => ({ relationshipId: r.relationship_id, clientName: r.client_name, state: r.state, openedAt: r.opened_at, earlierExits: r.returning_from })),
  };
}
