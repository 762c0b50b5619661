// The risk score read now (policy rule 25): a read model keeps what a reader needs to compute a
// relationship's score at any moment (the domain's RiskReading), not a number that goes stale.
// Queries sort by the score at their own "now" in SQL, and report it computed by the domain's
// readScore, so no row is rewritten as time passes.
//
//   score(t) = max(value · 2^(−(t − at) / halfLife), floor while t < floorUntil)
import { readScore, riskReadingOf, type RelationshipState, type RiskReading } from '@offramp/domain';
import type { Migration } from '@offramp/event-store';
import { isoOf } from './sql-rows';

/** The columns a read-model row keeps the reading in. */
export interface RiskReadingRow {
  risk_value: number;
  risk_at: string;
  risk_half_life_days: number;
  risk_floor: number;
  risk_floor_until: string | null;
}

export const riskReadingRow = (state: RelationshipState): RiskReadingRow => {
  const r = riskReadingOf(state);
  return { risk_value: r.value, risk_at: r.at, risk_half_life_days: r.halfLifeDays, risk_floor: r.floor, risk_floor_until: r.floorUntil };
};

/**
 * Replaces a table's stored score with the reading, filled from the folded state each row keeps
 * (exact for the decayed value; a floor comes with the relationship's next fact or a rebuild).
 */
export const riskReadingMigration = (id: string, table: string, oldIndex: string, newIndex: string): Migration => ({
  id,
  sql: `ALTER TABLE ${table}
      ADD COLUMN IF NOT EXISTS risk_value double precision NOT NULL DEFAULT 0,
      ADD COLUMN IF NOT EXISTS risk_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN IF NOT EXISTS risk_half_life_days double precision NOT NULL DEFAULT 14,
      ADD COLUMN IF NOT EXISTS risk_floor double precision NOT NULL DEFAULT 0,
      ADD COLUMN IF NOT EXISTS risk_floor_until timestamptz;
    UPDATE ${table} SET risk_value = COALESCE((folded->'risk'->>'value')::double precision, 0),
      risk_at = COALESCE(to_timestamp((folded->'risk'->>'at')::double precision / 1000), now());
    DROP INDEX IF EXISTS ${oldIndex};
    ALTER TABLE ${table} DROP COLUMN IF EXISTS risk_score;
    CREATE INDEX IF NOT EXISTS ${newIndex};`,
});

/** The reading's columns as a query selects them (times as ISO text). */
export const riskReadingColumns = `risk_value, ${isoOf('risk_at')} AS risk_at, risk_half_life_days, risk_floor, ${isoOf('risk_floor_until')} AS risk_floor_until`;

/**
 * The score at `now` (a timestamptz parameter such as `$2`) in SQL, for ORDER BY: the same formula
 * as readScore, unrounded. The exponent is bounded so a years-old sign gives 0, not an underflow.
 */
export const riskNowSql = (now: string): string =>
  `GREATEST(risk_value * power(2::double precision, GREATEST(-60, -GREATEST(0, extract(epoch FROM (${now}::timestamptz - risk_at))) / (risk_half_life_days * 86400))),
    CASE WHEN risk_floor > 0 AND (risk_floor_until IS NULL OR ${now}::timestamptz < risk_floor_until) THEN risk_floor ELSE 0 END)`;

/** The score a person sees at `now`, from a row's reading: the domain's own readScore. */
export function riskScoreNow(row: RiskReadingRow, now: Date): number {
  const reading: RiskReading = { value: row.risk_value, at: row.risk_at, halfLifeDays: row.risk_half_life_days, floor: row.risk_floor, floorUntil: row.risk_floor_until };
  return readScore(reading, now.getTime());
}
