// Read model 1: the portfolio board. One row per relationship with its lifecycle, what its risk
// score is read from now (risk-reading.ts) and its trend, the top reasons, the last signal, who
// owns a running repair and who looks after the account.
import { accountOwnerOf, repairOf, teamOf, type Reason } from '@offramp/domain';
import type { FoldedReadModel } from './relationship-fold';
import { riskReadingMigration, riskReadingRow } from './risk-reading';
import { isoOf, isoTime } from './sql-rows';

export const BOARD_TABLE = 'rm_board';
/** How many recent risk scores the trend keeps. */
export const RISK_TREND_LENGTH = 10;
export const TOP_REASONS = 3;

interface Trend { score: number; at: string }
interface LastSignal { id: string; type: string; source: string | null; at: string }
/** What a row continues from on the next page. */
interface Carried { trend: Trend[]; lastSignal: LastSignal | null; openedAt: string }

export const boardReadModel: FoldedReadModel<Carried> = {
  name: 'portfolio-board',
  table: BOARD_TABLE,
  migrations: [{
    id: 'read-models/010_portfolio_board',
    sql: `CREATE TABLE IF NOT EXISTS ${BOARD_TABLE} (
      relationship_id text PRIMARY KEY,
      team_id text NOT NULL,
      client_name text NOT NULL,
      state text NOT NULL,
      phase text,
      risk_score integer NOT NULL,
      risk_trend jsonb NOT NULL,
      reasons jsonb NOT NULL,
      top_reasons jsonb NOT NULL,
      last_signal jsonb,
      repair_owner text,
      repair jsonb,
      version integer NOT NULL,
      opened_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      folded jsonb NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${BOARD_TABLE}_team ON ${BOARD_TABLE} (team_id, state, risk_score DESC);`,
  }, {
    id: 'read-models/011_board_account_owner',
    // Only AccountOwnerAssigned sets it, and no such event precedes this column: null is right for every row.
    sql: `ALTER TABLE ${BOARD_TABLE} ADD COLUMN IF NOT EXISTS account_owner text;`,
  }, riskReadingMigration('read-models/012_board_risk_reading', BOARD_TABLE, `${BOARD_TABLE}_team`, `${BOARD_TABLE}_team_state ON ${BOARD_TABLE} (team_id, state)`)],
  carried: (row) => `jsonb_build_object('trend', ${row}.risk_trend, 'lastSignal', ${row}.last_signal, 'openedAt', ${isoOf(`${row}.opened_at`)})`,
  step({ stored, view }, carried) {
    const row = carried ?? { trend: [], lastSignal: null, openedAt: isoTime(stored.event.at) };
    if (row.trend.at(-1)?.score !== view.riskScore) row.trend = [...row.trend, { score: view.riskScore, at: isoTime(stored.event.at) }].slice(-RISK_TREND_LENGTH);
    const { causedBy } = stored.event;
    if (causedBy.kind === 'signal' && (!row.lastSignal || row.lastSignal.id !== causedBy.id)) {
      row.lastSignal = { id: causedBy.id, type: causedBy.type, source: causedBy.source ?? null, at: isoTime(causedBy.at) };
    }
    return row;
  },
  row({ relationshipId, state, view, version, at }, carried) {
    const { trend, lastSignal, openedAt } = carried!;
    const repair = repairOf(state);
    return {
      relationship_id: relationshipId,
      team_id: teamOf(state),
      client_name: state.clientName,
      state: view.state,
      phase: view.phase,
      ...riskReadingRow(state),
      risk_trend: trend,
      reasons: view.reasons,
      top_reasons: topReasons(view.reasons),
      last_signal: lastSignal,
      repair_owner: repair?.ownerId ?? null,
      account_owner: accountOwnerOf(state),
      repair,
      version,
      opened_at: openedAt,
      updated_at: at,
    };
  },
};

/** The reasons backed by the most signs first (then the longest standing). */
export function topReasons(reasons: readonly Reason[], count = TOP_REASONS): Reason[] {
  return [...reasons].sort((a, b) => b.signalIds.length - a.signalIds.length || a.since.localeCompare(b.since)).slice(0, count);
}
