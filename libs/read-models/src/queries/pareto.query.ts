// The Pareto report of one team: clients ranked by trouble and by cost, and the share of each
// that the top 20% of clients cause.
import { z } from 'zod';
import { PARETO_TABLE } from '../projections/pareto.projection';
import type { ReadContext } from './read-context';
import { signCountsSchema } from './response-values';

export const paretoEntrySchema = z.object({
  relationshipId: z.string(),
  clientName: z.string(),
  trouble: z.number().describe('Weighted warning signs.'),
  signs: signCountsSchema,
  hoursLogged: z.number(),
  overBudgetHours: z.number(),
  lostMoney: z.number(),
  unpaidAmount: z.number(),
}).meta({ id: 'ParetoEntry', description: 'One client\'s trouble and cost.' });

export const paretoRankingSchema = z.object({
  top: z.array(paretoEntrySchema),
  topCount: z.number().int(),
  topShare: z.number().min(0).max(1),
  total: z.number(),
  ranking: z.array(paretoEntrySchema).describe('Every client, highest first: what a Pareto chart draws past the top.'),
}).meta({ id: 'ParetoRanking', description: 'Clients ranked by one measure, and the share the top 20% cause.' });

export const paretoReportSchema = z.object({
  teamId: z.string(),
  clients: z.number().int(),
  byTrouble: paretoRankingSchema.describe('By weighted warning signs.'),
  byCost: paretoRankingSchema.describe('By time over budget, then money lost and unpaid.'),
}).meta({ id: 'ParetoReport', description: 'Clients ranked by trouble and by cost.' });

export type ParetoEntry = z.infer<typeof paretoEntrySchema>;
export type ParetoRanking = z.infer<typeof paretoRankingSchema>;
export type ParetoReport = z.infer<typeof paretoReportSchema>;

export const TOP_FRACTION = 0.2;

/** The first ceil(20%) of a ranking and their share of the measure's total (0 when nobody has any). */
export function rankingOf(sorted: ParetoEntry[], measure: (e: ParetoEntry) => number): ParetoRanking {
  const topCount = Math.ceil(sorted.length * TOP_FRACTION);
  const total = sorted.reduce((sum, e) => sum + measure(e), 0);
  const top = sorted.slice(0, topCount);
  const topTotal = top.reduce((sum, e) => sum + measure(e), 0);
  return { top, topCount, topShare: total > 0 ? topTotal / total : 0, total, ranking: sorted };
}

const costOf = (e: ParetoEntry): number => e.overBudgetHours;

export async function paretoReport({ sql }: ReadContext, query: { teamId: string; limit?: number }): Promise<ParetoReport> {
  const { rows } = await sql.query<{ relationship_id: string; client_name: string; trouble: number; signs: ParetoEntry['signs']; hours_logged: number; over_budget_hours: number; lost_money: number; unpaid_amount: number }>(
    `SELECT relationship_id, client_name, trouble, signs, hours_logged, over_budget_hours, lost_money, unpaid_amount
       FROM ${PARETO_TABLE} WHERE team_id = $1 ORDER BY relationship_id`,
    [query.teamId],
  );
  const entries = rows.map((r) => ({
    relationshipId: r.relationship_id, clientName: r.client_name, trouble: r.trouble, signs: r.signs, hoursLogged: r.hours_logged,
    overBudgetHours: r.over_budget_hours, lostMoney: r.lost_money, unpaidAmount: r.unpaid_amount,
  }));
  const byTrouble = [...entries].sort((a, b) => b.trouble - a.trouble || a.relationshipId.localeCompare(b.relationshipId));
  const byCost = [...entries].sort((a, b) => costOf(b) - costOf(a) || b.lostMoney - a.lostMoney || b.unpaidAmount - a.unpaidAmount || a.relationshipId.localeCompare(b.relationshipId));
  return { teamId: query.teamId, clients: entries.length, byTrouble: rankingOf(byTrouble, (e) => e.trouble), byCost: rankingOf(byCost, costOf) };
}
