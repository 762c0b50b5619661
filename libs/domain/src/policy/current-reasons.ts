// Which reasons are still current at an instant: red flags and rule-1 reasons always are; rule 2–4
// reasons while their counts hold; rule-5 reasons while the score (without any floor) is at the
// threshold in force; repeat_offender while any other is. Rule 24 floors the score while a reason
// from rules 1–4 or 7–8 is current; rule 31 keeps the current reasons when notice is withdrawn.
import type { Reason, ReasonCode } from '../model';
import type { RelationshipState } from '../state';
import { iso } from '../time';
import type { DomainPolicy } from './default-policy';
import { latePaymentsHold } from './late-payments';
import { losingPeriodsHold } from './losing-money';
import { LASTING_REASONS } from './reasons';
import { riskThreshold } from './repetition';
import { decayedAt, readScoreMs, type RiskReading } from './risk-score';
import { unansweredHold } from './unanswered-messages';
import { windowReleasesAt } from './windows';

/**
 * The at-risk threshold in force (rule 6): the one the current episode was judged by, else the one
 * a new episode would be judged by now.
 */
export const thresholdInForce = (s: RelationshipState, atMs: number, p: DomainPolicy): number =>
  s.episodeThreshold ?? riskThreshold(s, atMs, p);

const has = (s: RelationshipState, code: ReasonCode): boolean => s.reasons.some((r) => r.code === code);

/**
 * Rule 24: the floor under the score at `atMs` and until when it holds without new input (ms; null
 * while it holds until something happens). Zero when no reason from rules 1–4 or 7–8 is current.
 */
export function scoreFloor(s: RelationshipState, atMs: number, p: DomainPolicy): { floor: number; until: number | null } {
  const none = { floor: 0, until: null };
  if (!p.riskScore.floorWhileReasonsHold || s.lifecycle === 'healthy' || s.lifecycle === 'offboarded') return none;
  const floor = thresholdInForce(s, atMs, p);
  if (s.reasons.some((r) => LASTING_REASONS.has(r.code))) return { floor, until: null };
  if (has(s, 'losing_money') && losingPeriodsHold(s, p)) return { floor, until: null };
  const releases: number[] = [];
  if (has(s, 'late_payments') && latePaymentsHold(s, atMs, p)) {
    releases.push(windowReleasesAt(s.latePayments, atMs, p.latePayments.windowDays, p.latePayments.count)!);
  }
  if (has(s, 'unanswered_messages') && unansweredHold(s, atMs, p)) {
    releases.push(windowReleasesAt(s.unansweredMessages, atMs, p.unansweredMessages.windowDays, p.unansweredMessages.count)!);
  }
  return releases.length ? { floor, until: Math.max(...releases) } : none;
}

/** The score at `atMs` as every rule reads it: decayed, and floored while rule 24 says so. */
export function scoreAt(s: RelationshipState, atMs: number, p: DomainPolicy): number {
  const decayed = decayedAt(s.risk, atMs, p.riskScore);
  const { floor, until } = scoreFloor(s, atMs, p);
  return floor > 0 && (until === null || atMs < until) ? Math.max(decayed, floor) : decayed;
}

/** The score read at `nowMs` from the state's reading (readScore of riskReadingOf), without the reading's ISO strings. */
export function readScoreOf(s: RelationshipState, nowMs: number, p: DomainPolicy): number {
  const { floor, until } = scoreFloor(s, s.lastAt, p);
  return readScoreMs(s.risk.value, s.risk.at, p.riskScore.halfLifeDays, floor, until, nowMs);
}

/** Rule 25: what a reader needs to compute the score later, as of the state's last event. */
export function riskReadingOf(s: RelationshipState, p: DomainPolicy): RiskReading {
  const { floor, until } = scoreFloor(s, s.lastAt, p);
  return { value: s.risk.value, at: iso(s.risk.at), halfLifeDays: p.riskScore.halfLifeDays, floor, floorUntil: until === null ? null : iso(until) };
}

function isCurrent(r: Reason, s: RelationshipState, atMs: number, p: DomainPolicy): boolean {
  if (LASTING_REASONS.has(r.code)) return true;
  if (r.code === 'late_payments') return latePaymentsHold(s, atMs, p);
  if (r.code === 'unanswered_messages') return unansweredHold(s, atMs, p);
  if (r.code === 'losing_money' && losingPeriodsHold(s, p)) return true;
  return decayedAt(s.risk, atMs, p.riskScore) >= thresholdInForce(s, atMs, p);
}

/** Rule 31: the reasons still current at `atMs`. */
export function currentReasons(s: RelationshipState, atMs: number, p: DomainPolicy): Reason[] {
  const kept = s.reasons.filter((r) => r.code !== 'repeat_offender' && isCurrent(r, s, atMs, p));
  const repeat = s.reasons.find((r) => r.code === 'repeat_offender');
  return kept.length && repeat ? [...kept, repeat] : kept;
}
