// The at-risk queue of one team: highest risk first, with why, for how long, what happened
// before, and which repairs fit.
import { reasonSchema, riskScoreValue, type Reason } from '@offramp/domain';
import { z } from 'zod';
import { AT_RISK_TABLE, type Episode } from '../projections/at-risk-queue.projection';
import { riskNowSql, riskReadingColumns, riskScoreNow, type RiskReadingRow } from '../projections/risk-reading';
import { isoOf } from '../projections/sql-rows';
import { isReturningClient, pageOf, selectPage, type Page, type Paging, type ReadContext } from './read-context';
import { suggestedStrategySchema, suggestRepairStrategies } from './repair-strategies';
import { episodeSchema, pageSchemaOf, repairSummarySchema } from './response-values';

type Repair = z.infer<typeof repairSummarySchema>;

export const atRiskEntrySchema = z.object({
  relationshipId: z.string(),
  clientName: z.string(),
  state: z.enum(['at_risk', 'repair_attempt']),
  riskScore: riskScoreValue,
  reasons: z.array(reasonSchema),
  atRiskSince: z.string().meta({ format: 'date-time' }),
  hoursAtRisk: z.number().int(),
  earlierEpisodes: z.array(episodeSchema),
  repair: repairSummarySchema.nullable(),
  returningClient: z.boolean().describe('The team let this client go before (see exit lessons).'),
  suggestedStrategies: z.array(suggestedStrategySchema),
}).meta({ id: 'AtRiskEntry', description: 'A relationship in at_risk or repair_attempt: why, for how long, what happened before and which repairs fit.' });

export type AtRiskEntry = z.infer<typeof atRiskEntrySchema>;

export const atRiskPageSchema = pageSchemaOf(atRiskEntrySchema).meta({ id: 'AtRiskPage', description: 'A page of the at-risk queue, highest risk first.' });

interface Row extends RiskReadingRow {
  relationship_id: string; client_name: string; state: AtRiskEntry['state']; reasons: Reason[];
  since: string; earlier_episodes: Episode[]; repair: Repair | null; returning: boolean;
}

const HOUR = 3_600_000;

export async function atRiskQueue({ sql, now }: ReadContext, query: Paging & { teamId: string }): Promise<Page<AtRiskEntry>> {
  const { rows, total } = await selectPage<Row>(sql, {
    columns: `relationship_id, client_name, state, ${riskReadingColumns}, reasons, ${isoOf('since')} AS since, earlier_episodes, repair, ${isReturningClient(AT_RISK_TABLE)} AS returning`,
    from: AT_RISK_TABLE,
    where: 'team_id = $1 AND since IS NOT NULL',
    orderBy: `${riskNowSql('$2')} DESC, since, relationship_id`,
    params: [query.teamId],
    orderParams: [now.toISOString()],
  }, query);
  const items = rows.map((r) => ({
    relationshipId: r.relationship_id,
    clientName: r.client_name,
    state: r.state,
    riskScore: riskScoreNow(r, now),
    reasons: r.reasons,
    atRiskSince: r.since,
    hoursAtRisk: Math.max(0, Math.floor((now.getTime() - Date.parse(r.since)) / HOUR)),
    earlierEpisodes: r.earlier_episodes,
    repair: r.repair,
    returningClient: r.returning,
    suggestedStrategies: suggestRepairStrategies(r.reasons.map((reason) => reason.code)),
  }));
  return pageOf(items, total, query);
}
