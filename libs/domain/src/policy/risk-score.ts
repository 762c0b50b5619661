// Rule 5: the risk score (0–100), and rules 24–25: what it means and how it is read.
//
// Each weighted warning sign adds its weight; the score halves every 14 days, continuously; each
// good sign takes 10 off. Under policy-v2 the signs rules 1–4 count weigh too (late payment 20,
// unanswered message 14, losing period 20, invoice dispute 20), a red flag sets the score to 100,
// and while a reason from rules 1–4 or 7–8 is current the score does not fall below the threshold
// in force (see score-floor.ts). The default weights, half-life and thresholds are in
// default-policy.ts and, generated from it, in the README.
//
// Bounds (policy.md, rule 5), for slow burners alone:
//   - one sign alone: the heaviest slow-burner weight is 20 < 60.
//   - eight signs within seven days, no good signs: even with the lightest weight (12) and the first
//     seven a full week before the eighth, the eighth brings the score to
//     12 + 7 · 12 · 2^(−7/14) ≈ 71.4 ≥ 60.
// Scenario 04 (eleven slow burners in eight days, six of them off-hours messages) crosses 60 within
// its first six signs.
//
// Reading (rule 25): the score shown at instant t is
//   score(t) = max(value · 2^(−(t − at) / halfLife), floor while t < floorUntil)
// from a RiskReading kept with the relationship: computable in TypeScript (readScore) and in SQL
// (`GREATEST(value * power(2, -(t - at) / halfLife), CASE WHEN ... THEN floor ELSE 0 END)`).
import type { RecordedRisk } from '../events';
import type { RiskScore } from '../state';
import { DAY_MS, iso } from '../time';
import type { RiskScorePolicy } from './default-policy';

// A time that could not be read never turns the score into NaN (it would not survive JSON).
const clamp = (v: number) => (Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : 0);

/** The stored score decayed to `atMs`, without any floor. Inputs out of order do not decay it backwards. */
export function decayedAt(risk: RiskScore, atMs: number, policy: Pick<RiskScorePolicy, 'halfLifeDays'>): number {
  const elapsed = Number.isFinite(atMs) && Number.isFinite(risk.at) ? Math.max(0, atMs - risk.at) : 0;
  return elapsed === 0 ? risk.value : risk.value * Math.pow(2, -elapsed / (policy.halfLifeDays * DAY_MS));
}

export interface ScoreChange {
  weight?: number;
  good?: boolean;
  /** A red flag (rule 24): the score is set to the policy's red-flag score. */
  redFlag?: boolean;
  /** The score at `atMs` the change starts from, when a floor lifts it above the decayed value (rule 24). */
  from?: number;
}

/** The score after a change at `atMs`: from its value then (decayed, or `change.from`). */
export function scoreAfter(risk: RiskScore, atMs: number, policy: RiskScorePolicy, change: ScoreChange): RiskScore {
  let value = change.from ?? decayedAt(risk, atMs, policy);
  if (change.weight) value += change.weight;
  if (change.good) value -= policy.goodSignRelief;
  if (change.redFlag) value = policy.redFlagScore;
  return { value: clamp(value), at: atMs >= risk.at ? atMs : risk.at };
}

/** The score as an event records it; `atMs` and `at` are the event's time, the score's time as a rule. */
export const recorded = (risk: RiskScore, atMs: number, at: string): RecordedRisk =>
  ({ value: risk.value, at: risk.at === atMs ? at : iso(risk.at) });

/** The first instant the stored score is below `limit` without new signs (null if it already is). */
export function scoreFallsBelowAt(risk: RiskScore, limit: number, policy: RiskScorePolicy): number | null {
  if (risk.value < limit) return null;
  return risk.at + Math.log2(risk.value / limit) * policy.halfLifeDays * DAY_MS;
}

/**
 * What a reader needs to compute the score at any later instant (rule 25): the stored value as of
 * `at`, its half-life, and the floor that holds until `floorUntil` (null: until the next event).
 */
export interface RiskReading {
  value: number;
  at: string;
  halfLifeDays: number;
  floor: number;
  floorUntil: string | null;
}

/** The score a person sees at `nowMs`: decayed, floored while the floor holds, a whole number 0–100. */
export function readScore(reading: RiskReading, nowMs: number): number {
  return readScoreMs(reading.value, Date.parse(reading.at), reading.halfLifeDays, reading.floor, reading.floorUntil === null ? null : Date.parse(reading.floorUntil), nowMs);
}

/** readScore with the reading's times as epoch ms: what a fold reads at every fact, without ISO strings. */
export function readScoreMs(value: number, atMs: number, halfLifeDays: number, floor: number, floorUntilMs: number | null, nowMs: number): number {
  const decayed = decayedAt({ value, at: atMs }, nowMs, { halfLifeDays });
  const floored = floor > 0 && (floorUntilMs === null || nowMs < floorUntilMs) ? Math.max(decayed, floor) : decayed;
  return Math.round(clamp(floored));
}
