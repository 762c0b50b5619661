// What a warning sign does to the lifecycle (rules 1–6, 12), and the checks after every input
// (rule 10 fading, rule 18 offboarding).
import type { InputRef } from '../events/values';
import type { Reason, ReasonCode } from '../model';
import { canFade } from '../policy/fading';
import { readyToOffboard } from '../policy/exit-checklist';
import { latePaymentsHold, latePaymentsWithin } from '../policy/late-payments';
import { losingPeriodsHold } from '../policy/losing-money';
import { joined, reasonOf } from '../policy/reasons';
import { earlierEpisodes, riskThreshold } from '../policy/repetition';
import { scoreAt } from '../policy/current-reasons';
import { recorded, scoreAfter, type ScoreChange } from '../policy/risk-score';
import { unansweredHold, unansweredWithin } from '../policy/unanswered-messages';
import type { RiskScore, Sign } from '../state';
import { DAY_MS, datePassesAt, iso, ms } from '../time';
import type { Decider } from './decider';

const reasonFromSigns = (code: ReasonCode, signs: Sign[]): Reason =>
  reasonOf(code, iso(signs.reduce((min, s) => (s.at < min ? s.at : min), signs[0].at)), signs.map((s) => s.id));

/** The slow-burner reasons (rules 2–5) that hold at `atMs`. */
function slowBurnerReasons(d: Decider, atMs: number, threshold: number): Reason[] {
  const s = d.state;
  const p = d.policy;
  const reasons: Reason[] = [];
  if (latePaymentsHold(s, atMs, p)) reasons.push(reasonFromSigns('late_payments', latePaymentsWithin(s, atMs, p)));
  if (unansweredHold(s, atMs, p)) reasons.push(reasonFromSigns('unanswered_messages', unansweredWithin(s, atMs, p)));
  if (losingPeriodsHold(s, p)) reasons.push(reasonFromSigns('losing_money', s.losingPeriods));
  if (scoreAt(s, atMs, p) >= threshold) {
    const since = atMs - p.riskScore.reasonWindowDays * DAY_MS;
    for (const [code, signs] of Object.entries(s.recentSigns) as [ReasonCode, Sign[]][]) {
      const recent = signs.filter((x) => x.at > since && x.at <= atMs);
      if (recent.length) reasons.push(reasonFromSigns(code, recent));
    }
  }
  return reasons;
}

/** The score after a change at `atMs`, from the score then as the rules read it (decayed and floored). */
export const riskAfter = (d: Decider, atMs: number, change: ScoreChange): RiskScore =>
  scoreAfter(d.state.risk, atMs, d.policy.riskScore, { ...change, from: scoreAt(d.state, atMs, d.policy) });

/** The same, as an event records it. */
export const recordedRiskAfter = (d: Decider, atMs: number, at: string, change: ScoreChange) => recorded(riskAfter(d, atMs, change), atMs, at);

/**
 * A warning sign was recorded at `at` (its reason already joined while not healthy).
 * Healthy: rules 1–6 may mark it at_risk. In a repair past its review date: the repair failed (rule 12).
 */
export function afterWarning(d: Decider, at: string, cause: InputRef, trigger: Reason | null): void {
  const s = d.state;
  const atMs = ms(at);
  if (s.lifecycle === 'healthy') {
    const threshold = riskThreshold(s, atMs, d.policy);
    const slow = slowBurnerReasons(d, atMs, threshold);
    if (!trigger && slow.length === 0) return;
    const episodes = earlierEpisodes(s, atMs, d.policy);
    const repeat = episodes.length ? [reasonOf('repeat_offender', iso(episodes[0]), [])] : [];
    const transition = d.transition({ type: 'RISK_DETECTED' });
    if (!transition) return;
    const reasons = joined(trigger ? [trigger] : [], [...slow, ...repeat]);
    const score = scoreAt(s, atMs, d.policy);
    d.emit(at, cause, { type: 'RelationshipMarkedAtRisk', data: { transition, reasons, score: Math.round(score), threshold, episode: true, repeatedEpisodes: episodes.length } });
    return;
  }
  if (s.lifecycle === 'repair_attempt' && s.repair && atMs >= datePassesAt(s.repair.reviewOn)) {
    const transition = d.transition({ type: 'WARNING_AFTER_REVIEW' });
    if (transition) d.emit(at, cause, { type: 'RepairFailed', data: { transition, reviewOn: s.repair.reviewOn, reasons: s.reasons } });
  }
}

/** Checks every input ends with: fading (rule 10) and offboarding (rule 18). True if anything happened. */
export function settle(d: Decider, at: string, cause: InputRef): boolean {
  const atMs = ms(at);
  if (canFade(d.state, atMs, d.policy)) {
    const transition = d.transition({ type: 'FADE' });
    if (transition) {
      d.emit(at, cause, { type: 'RiskFaded', data: { transition, reasons: [], risk: recordedRiskAfter(d, atMs, at, {}) } });
      return true;
    }
  }
  if (readyToOffboard(d.state, atMs)) {
    const transition = d.transition({ type: 'OFFBOARD' });
    if (transition) {
      d.emit(at, cause, { type: 'RelationshipOffboarded', data: { transition, noticeEndedAt: d.state.notice?.endsAt } });
      return true;
    }
  }
  return false;
}
