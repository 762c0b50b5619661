// A risk score as the page shows it everywhere: the score now (the API reads it at the moment of
// the request, policy rule 25), with how serious it is in words, so that a red flag (score 100,
// policy rule 24) reads as the most serious thing on the page.
import { AT_RISK_THRESHOLD } from '../views/relationship/risk-chart';

type Level = 'low' | 'elevated' | 'high' | 'critical';

/** How serious a score is: at or above the at-risk threshold is high; 90 and more, as after a red flag, is critical. */
export function riskLevelOf(score: number): Level {
  if (score >= 90) return 'critical';
  if (score >= AT_RISK_THRESHOLD) return 'high';
  if (score >= AT_RISK_THRESHOLD / 2) return 'elevated';
  return 'low';
}

const LEVEL_WORDS: Record<Level, string> = { low: 'low', elevated: 'elevated', high: 'high', critical: 'critical' };

export function RiskScore({ score, label = 'Risk score' }: { score: number; label?: string }) {
  const level = riskLevelOf(score);
  return (
    <span className={`risk-score risk-${level}`} aria-label={`${label} ${score} of 100 now, ${LEVEL_WORDS[level]}`}>
      <span className="score-value">{score}</span><span className="muted">/100</span>
      <span className="risk-level">{LEVEL_WORDS[level]}</span>
    </span>
  );
}
