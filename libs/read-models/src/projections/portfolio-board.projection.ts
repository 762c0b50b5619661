// Read model 1: the portfolio board. One row per relationship with its lifecycle, what its risk
// score is read from now (risk-reading.ts) and its trend, the top reasons, the last signal, who
// owns a running repair and who looks after the account.
import { accountOwnerOf, repairOf, teamOf, type Reason } from '@offramp/domain';
import type { Projection } from '../projection';
import { foldBatch, foldedJson } from './relationship-fold';
import { riskReadingMigration, riskReadingRow } from './risk-reading';
import { isoOf, isoTime, upsertRows, type Row } from './sql-rows';

export const BOARD_TABLE = 'rm_board';
/** How many recent risk scores the trend keeps. */
export const RISK_TREND_LENGTH = 10;
export const TOP_REASONS = 3;

interface Trend { score: number; at: string }
interface LastSignal { id: string; type: string; source: string | null; at: string }

export const portfolioBoardProjection: Projection = {
  name: 'portfolio-board',
  tables: [BOARD_TABLE],
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
  async apply(tx, events) {
    const ids = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await tx.query<{ relationship_id: string; risk_trend: Trend[]; last_signal: LastSignal | null; opened_at: string }>(
      `SELECT relationship_id, risk_trend, last_signal, ${isoOf('opened_at')} AS opened_at FROM ${BOARD_TABLE} WHERE relationship_id = ANY($1::text[])`,
      [ids],
    );
    const kept = new Map(rows.map((r) => [r.relationship_id, { trend: r.risk_trend, lastSignal: r.last_signal, openedAt: r.opened_at }]));
    const folded = await foldBatch(tx, BOARD_TABLE, events, ({ stored, view }) => {
      const row = kept.get(stored.streamId) ?? { trend: [], lastSignal: null, openedAt: isoTime(stored.event.at) };
      if (row.trend.at(-1)?.score !== view.riskScore) row.trend = [...row.trend, { score: view.riskScore, at: isoTime(stored.event.at) }].slice(-RISK_TREND_LENGTH);
      const { causedBy } = stored.event;
      if (causedBy.kind === 'signal' && (!row.lastSignal || row.lastSignal.id !== causedBy.id)) {
        row.lastSignal = { id: causedBy.id, type: causedBy.type, source: causedBy.source ?? null, at: isoTime(causedBy.at) };
      }
      kept.set(stored.streamId, row);
    });
    const lastAt = new Map(events.map((e) => [e.streamId, e.event.at]));
    const written: Row[] = [];
    for (const { relationshipId, state, view, version } of folded) {
      const { trend, lastSignal, openedAt } = kept.get(relationshipId)!;
      const repair = repairOf(state);
      written.push({
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
        updated_at: lastAt.get(relationshipId),
        folded: foldedJson(state),
      });
    }
    await upsertRows(tx, BOARD_TABLE, 'relationship_id', written);
  },
};

/** The reasons backed by the most signs first (then the longest standing). */
export function topReasons(reasons: readonly Reason[], count = TOP_REASONS): Reason[] {
  return [...reasons].sort((a, b) => b.signalIds.length - a.signalIds.length || a.since.localeCompare(b.since)).slice(0, count);
}
