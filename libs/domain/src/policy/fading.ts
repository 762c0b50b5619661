// Rule 10: an at_risk relationship whose reasons all come from rules 2–6 returns to healthy by
// itself once none of rules 2–4 holds and the score is below 30. Checked on every input, and by a
// daily timer scheduled on the first day the check can succeed (days on which it provably cannot
// are skipped, so a quiet relationship does not grow its stream every day).
import type { RelationshipState } from '../state';
import { DAY_MS } from '../time';
import type { DomainPolicy } from './default-policy';
import { latePaymentsHold } from './late-payments';
import { losingPeriodsHold } from './losing-money';
import { LASTING_REASONS } from './reasons';
import { scoreAt } from './current-reasons';
import { scoreFallsBelowAt } from './risk-score';
import { unansweredHold } from './unanswered-messages';
import { windowReleasesAt } from './windows';

/** Only signs that fade can make it fade; a person must act on anything else. */
const fadeable = (s: RelationshipState): boolean =>
  s.lifecycle === 'at_risk' && s.reasons.length > 0 && s.reasons.every((r) => !LASTING_REASONS.has(r.code));

export const canFade = (s: RelationshipState, atMs: number, p: DomainPolicy): boolean =>
  fadeable(s) && !latePaymentsHold(s, atMs, p) && !unansweredHold(s, atMs, p) && !losingPeriodsHold(s, p)
  && scoreAt(s, atMs, p) < p.riskScore.fadeBelow;

/** The earliest the check below can place a fading check from `fromMs`: 00:00Z of the next day. */
export const fadingCheckNotBefore = (fromMs: number): number => Math.floor(fromMs / DAY_MS) * DAY_MS + DAY_MS;

/** The 00:00Z of the first day on which fading may succeed without new input, or null if never. */
export function nextFadingCheckAt(s: RelationshipState, fromMs: number, p: DomainPolicy): number | null {
  if (!fadeable(s) || losingPeriodsHold(s, p)) return null;
  const candidates = [
    fromMs,
    windowReleasesAt(s.latePayments, fromMs, p.latePayments.windowDays, p.latePayments.count),
    windowReleasesAt(s.unansweredMessages, fromMs, p.unansweredMessages.windowDays, p.unansweredMessages.count),
    scoreFallsBelowAt(s.risk, p.riskScore.fadeBelow, p.riskScore),
  ].filter((t): t is number => t !== null);
  return fadingCheckNotBefore(Math.max(...candidates));
}
