// Rule 5: the risk score (0–100).
//
// Each scored warning sign adds its weight (DEFAULT_POLICY.riskScore.weights: 12 for the lightest,
// 20 for disrespect); the score halves every 14 days, continuously, evaluated at each input's time;
// each good sign takes 10 off. Rule 1–4 signs carry no weight: they have rules of their own.
// Bounds (policy.md, rule 5):
//   - one sign alone: the heaviest weight is 20 < 60.
//   - eight signs within seven days, no good signs: even with the lightest weight (12) and the first
//     seven a full week before the eighth, the eighth brings the score to
//     12 + 7 · 12 · 2^(−7/14) ≈ 71.4 ≥ 60.
// Scenario 04 (eleven slow burners in eight days, six of them off-hours messages) crosses 60 within
// its first six signs.
import type { RecordedRisk } from '../events';
import type { RiskScore } from '../state';
import { DAY_MS, iso } from '../time';
import type { RiskScorePolicy } from './default-policy';

// A time that could not be read never turns the score into NaN (it would not survive JSON).
const clamp = (v: number) => (Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : 0);

/** The score at `atMs`, decayed from its last value. Inputs out of order do not decay it backwards. */
export function scoreAt(risk: RiskScore, atMs: number, policy: RiskScorePolicy): number {
  const elapsed = Number.isFinite(atMs) && Number.isFinite(risk.at) ? Math.max(0, atMs - risk.at) : 0;
  return elapsed === 0 ? risk.value : risk.value * Math.pow(2, -elapsed / (policy.halfLifeDays * DAY_MS));
}

export function scoreAfter(risk: RiskScore, atMs: number, policy: RiskScorePolicy, change: { weight?: number; good?: boolean }): RiskScore {
  let value = scoreAt(risk, atMs, policy);
  if (change.weight) value += change.weight;
  if (change.good) value -= policy.goodSignRelief;
  return { value: clamp(value), at: atMs >= risk.at ? atMs : risk.at };
}

/** The score as an event records it; `atMs` and `at` are the event's time, the score's time as a rule. */
export const recorded = (risk: RiskScore, atMs: number, at: string): RecordedRisk =>
  ({ value: risk.value, at: risk.at === atMs ? at : iso(risk.at) });

/** The first instant the score is below `limit` without new signs (null if it already is). */
export function scoreFallsBelowAt(risk: RiskScore, limit: number, policy: RiskScorePolicy): number | null {
  if (risk.value < limit) return null;
  return risk.at + Math.log2(risk.value / limit) * policy.halfLifeDays * DAY_MS;
}
