// The portfolio board of one team, and the filtered relationship list behind it.
import { LIFECYCLE_STATES, lifecycleStateSchema, riskScoreValue, noticePhaseSchema, reasonSchema, type LifecycleState, type Reason, type ReasonCode } from '@offramp/domain';
import { z } from 'zod';
import { BOARD_TABLE } from '../projections/portfolio-board.projection';
import { riskNowSql, riskReadingColumns, riskScoreNow, type RiskReadingRow } from '../projections/risk-reading';
import { isoOf } from '../projections/sql-rows';
import { isReturningClient, pageOf, selectPage, type Page, type Paging, type ReadContext } from './read-context';
import { containsPattern, foldedSql, matchesSql } from './search';
import { pageSchemaOf, repairSummarySchema } from './response-values';

type Repair = z.infer<typeof repairSummarySchema>;
const instant = z.string().meta({ format: 'date-time' });

export const boardEntrySchema = z.object({
  relationshipId: z.string(),
  clientName: z.string(),
  state: lifecycleStateSchema,
  phase: noticePhaseSchema.nullable(),
  riskScore: riskScoreValue,
  riskTrend: z.array(z.object({ score: z.number().int(), at: instant })).describe('The last changes of the risk score, oldest first.'),
  topReasons: z.array(reasonSchema),
  lastSignal: z.object({ id: z.string(), type: z.string(), source: z.string().nullable(), at: instant }).nullable(),
  repairOwner: z.string().nullable(),
  accountOwner: z.string().nullable().describe('Who looks after the account (account.assign_owner).'),
  repair: repairSummarySchema.nullable(),
  returningClient: z.boolean().describe('The team let this client go before (see exit lessons).'),
  version: z.number().int(),
  updatedAt: instant,
}).meta({ id: 'BoardEntry', description: 'One relationship on the portfolio board.' });

export type BoardEntry = z.infer<typeof boardEntrySchema>;

export const relationshipPageSchema = pageSchemaOf(boardEntrySchema).meta({ id: 'RelationshipPage', description: 'A page of relationships, highest risk first.' });

export interface RelationshipFilter extends Paging {
  teamId: string;
  state?: LifecycleState;
  reason?: ReasonCode;
  /** The owner of a running repair. */
  owner?: string;
  /** Who looks after the account. */
  accountOwner?: string;
  /** A part of the client's name or the relationship id, any case, with or without accents. */
  q?: string;
  /** The order of the list: highest risk first (default), by client name, by last change (newest first), by state. */
  sort?: RelationshipSort;
}

export const RELATIONSHIP_SORTS = ['risk', 'name', 'updated', 'state'] as const;
export type RelationshipSort = (typeof RELATIONSHIP_SORTS)[number];

/** Each sort's ORDER BY; `now` is the parameter holding the instant the risk score is read at. */
const ORDER_BY: Record<RelationshipSort, (now: string) => string> = {
  risk: (now) => `${riskNowSql(now)} DESC, relationship_id`,
  name: () => `${foldedSql('client_name')}, relationship_id`,
  updated: () => 'updated_at DESC, relationship_id',
  // The lifecycle's own order, not the alphabet's.
  state: (now) => `array_position(ARRAY['healthy','at_risk','repair_attempt','notice','offboarded'], state), ${riskNowSql(now)} DESC, relationship_id`,
};

interface BoardRow extends RiskReadingRow {
  relationship_id: string; client_name: string; state: LifecycleState; phase: BoardEntry['phase'];
  risk_trend: BoardEntry['riskTrend']; top_reasons: Reason[]; last_signal: BoardEntry['lastSignal']; repair_owner: string | null; account_owner: string | null;
  repair: Repair | null; returning: boolean; version: number; updated_at: string;
}

const entryOf = (r: BoardRow, now: Date): BoardEntry => ({
  relationshipId: r.relationship_id, clientName: r.client_name, state: r.state, phase: r.phase, riskScore: riskScoreNow(r, now),
  riskTrend: r.risk_trend, topReasons: r.top_reasons, lastSignal: r.last_signal, repairOwner: r.repair_owner, accountOwner: r.account_owner, repair: r.repair, returningClient: r.returning,
  version: r.version, updatedAt: r.updated_at,
});

/** Highest risk now first unless asked otherwise; filters combine with AND. */
export async function listRelationships({ sql, now }: ReadContext, filter: RelationshipFilter): Promise<Page<BoardEntry>> {
  const params: unknown[] = [filter.teamId];
  const where = ['team_id = $1'];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.state) add((n) => `state = ${n}`, filter.state);
  if (filter.reason) add((n) => `reasons @> ${n}::jsonb`, JSON.stringify([{ code: filter.reason }]));
  if (filter.owner) add((n) => `repair_owner = ${n}`, filter.owner);
  if (filter.accountOwner) add((n) => `account_owner = ${n}`, filter.accountOwner);
  if (filter.q) add((n) => matchesSql(['client_name', 'relationship_id'], n), containsPattern(filter.q));
  // The score now is a parameter of the sorts that use it (after the filters' own).
  const nowParam = `$${params.length + 1}`;
  const orderBy = ORDER_BY[filter.sort ?? 'risk'](nowParam);
  const { rows, total } = await selectPage<BoardRow>(sql, {
    columns: `relationship_id, client_name, state, phase, ${riskReadingColumns}, risk_trend, top_reasons, last_signal, repair_owner, account_owner, repair,
              version, ${isoOf('updated_at')} AS updated_at, ${isReturningClient(BOARD_TABLE)} AS returning`,
    from: BOARD_TABLE,
    where: where.join(' AND '),
    orderBy,
    params,
    orderParams: orderBy.includes(nowParam) ? [now.toISOString()] : [],
  }, filter);
  return pageOf(rows.map((r) => entryOf(r, now)), total, filter);
}

export const portfolioBoardSchema = z.object({
  teamId: z.string(),
  counts: z.object({
    byState: z.object(Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, z.number().int()])) as Record<LifecycleState, z.ZodNumber>),
    byPhase: z.object({ preparing: z.number().int(), served: z.number().int() }),
    total: z.number().int(),
  }),
  relationships: relationshipPageSchema,
}).meta({ id: 'PortfolioBoard', description: 'Counts by state and phase, and a page of the team\'s relationships.' });

export type PortfolioBoard = z.infer<typeof portfolioBoardSchema>;

export async function portfolioBoard(context: ReadContext, filter: RelationshipFilter): Promise<PortfolioBoard> {
  const { rows } = await context.sql.query<{ state: LifecycleState; phase: string | null; n: number }>(
    `SELECT state, phase, count(*)::int AS n FROM ${BOARD_TABLE} WHERE team_id = $1 GROUP BY state, phase`,
    [filter.teamId],
  );
  const byState = Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, 0])) as Record<LifecycleState, number>;
  const byPhase = { preparing: 0, served: 0 };
  for (const { state, phase, n } of rows) {
    byState[state] += n;
    if (phase === 'preparing' || phase === 'served') byPhase[phase] += n;
  }
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return { teamId: filter.teamId, counts: { byState, byPhase, total }, relationships: await listRelationships(context, filter) };
}
