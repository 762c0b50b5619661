// The bounds of every number in a policy document, by field (dotted path; `*` stands for any key
// of an object). The document's schema is built from the default policy's shape, and a number
// without bounds here stops that build: a new policy field cannot go out unbounded.
import type { ReasonCode } from '../model';

export interface NumberBounds {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** What the number means, in plain words (the dashboard shows it). */
  meaning: string;
  unit?: string;
}

export const POLICY_BOUNDS: Record<string, NumberBounds> = {
  'latePayments.count': { min: 1, max: 20, integer: true, meaning: 'Late payments within the window that put a client at risk (rule 2).', unit: 'payments' },
  'latePayments.windowDays': { min: 1, max: 730, integer: true, meaning: 'How far back late payments count (rule 2).', unit: 'days' },
  'unansweredMessages.count': { min: 1, max: 20, integer: true, meaning: 'Unanswered messages within the window that put a client at risk (rule 3).', unit: 'messages' },
  'unansweredMessages.windowDays': { min: 1, max: 365, integer: true, meaning: 'How far back unanswered messages count (rule 3).', unit: 'days' },
  'unansweredMessages.responseWindowHours': { min: 1, max: 720, meaning: 'How long the client has to reply before a message counts as unanswered, unless the relationship sets its own (rule 3).', unit: 'hours' },
  losingPeriodsInARow: { min: 1, max: 24, integer: true, meaning: 'Closed periods in a row with cost above revenue that put a client at risk (rule 4).', unit: 'periods' },
  'agreedHours.days.*': { min: 1, max: 7, integer: true, meaning: 'Agreed working days, Monday = 1 … Sunday = 7 (rule 5).' },
  'riskScore.threshold': { min: 1, max: 100, meaning: 'Risk score at or above which a healthy client is marked at risk (rule 5).', unit: 'points' },
  'riskScore.fadeBelow': { min: 0, max: 100, meaning: 'An at-risk client fades back to healthy only once its score is below this (rule 10).', unit: 'points' },
  'riskScore.halfLifeDays': { min: 0.5, max: 365, meaning: 'Days after which a warning sign weighs half as much.', unit: 'days' },
  'riskScore.weights.*': { min: 0, max: 100, meaning: 'Points one such warning sign adds to the risk score (rule 5).', unit: 'points' },
  'riskScore.countedSignWeights.late_payments': { min: 0, max: 100, meaning: 'Points one late payment adds to the risk score (rule 24).', unit: 'points' },
  'riskScore.countedSignWeights.unanswered_messages': { min: 0, max: 100, meaning: 'Points one unanswered message adds to the risk score (rule 24).', unit: 'points' },
  'riskScore.countedSignWeights.losing_money': { min: 0, max: 100, meaning: 'Points one losing period adds to the risk score (rule 24).', unit: 'points' },
  'riskScore.countedSignWeights.invoice_disputes': { min: 0, max: 100, meaning: 'Points one invoice dispute adds to the risk score (rule 24).', unit: 'points' },
  'riskScore.redFlagScore': { min: 0, max: 100, meaning: 'The risk score a red flag sets at that moment (rule 24).', unit: 'points' },
  'riskScore.goodSignRelief': { min: 0, max: 100, meaning: 'Points one good sign takes off the risk score (rule 5).', unit: 'points' },
  'riskScore.reasonWindowDays': { min: 1, max: 365, integer: true, meaning: 'Warning signs this recent are named as reasons when the score marks a client at risk.', unit: 'days' },
  'repetition.windowDays': { min: 1, max: 3650, integer: true, meaning: 'Earlier at-risk episodes this recent lower the threshold (rule 6).', unit: 'days' },
  'repetition.thresholdStep': { min: 0, max: 100, meaning: 'How much each earlier episode lowers the threshold (rule 6).', unit: 'points' },
  'repetition.minThreshold': { min: 1, max: 100, meaning: 'The threshold never goes below this, however many episodes (rule 6).', unit: 'points' },
  coolingOffHours: { min: 0, max: 720, meaning: 'Cooling-off after a termination proposal before notice may be served (rule 13).', unit: 'hours' },
  defaultNoticeDays: { min: 1, max: 365, integer: true, meaning: 'Notice period when neither the command nor the contract gives one (rule 15).', unit: 'days' },
};

/** What each text or list field means (numbers carry theirs in POLICY_BOUNDS). */
export const POLICY_FIELD_MEANINGS: Record<string, string> = {
  'agreedHours.days': 'Agreed working days; messages received on other days weigh as off-hours messages (rule 5).',
  'agreedHours.start': 'Start of the agreed hours, HH:MM (rule 5).',
  'agreedHours.end': 'End of the agreed hours, HH:MM; earlier than the start means a window across midnight (rule 5).',
  'agreedHours.timeZone': 'IANA time zone of the agreed hours, unless the relationship sets its own (rule 5).',
  'latePayments.paymentsAddUp': 'Payments add up per invoice; only the one reaching the issued amount settles it (rule 27).',
  'overBudget.oncePerMonth': 'Time logged over the monthly budget weighs once per calendar month, at the entry that crosses it (rule 28).',
  'riskScore.redFlags': 'The warning signs that set the risk score to the red-flag score at once (rule 24).',
  'riskScore.floorWhileReasonsHold': 'While a reason from rules 1–4 or 7–8 is current, the score stays at the at-risk threshold or above (rule 24).',
  improvedIsCleanSlate: 'A repair that ends improved clears the score, the reasons and the signs counted before it (rule 26).',
  zeroContractNoticeUsesDefault: "Outside a red-flag exit, a contract's notice of 0 days falls back to the default notice period (rule 30).",
  withdrawKeepsCurrentReasons: 'Withdrawing notice keeps the reasons that are still current (rule 31).',
};

/**
 * Rule 5's slow burners: the warning signs whose weights the two bounds of rule 5 govern (one
 * alone never reaches the threshold from 0; eight within seven days always do).
 */
export const SLOW_BURNERS: readonly ReasonCode[] = [
  'price_pressure', 'scope_changes', 'ignored_advice', 'rejected_recommendations', 'missed_meetings',
  'off_hours_messages', 'losing_money', 'negative_feedback', 'disrespect', 'negative_attitude',
];

/** The bounds of the number at `path`, or undefined when none are written down. */
export function boundsOf(path: string): NumberBounds | undefined {
  if (POLICY_BOUNDS[path]) return POLICY_BOUNDS[path];
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const pattern = [...parts.slice(0, i), '*', ...parts.slice(i + 1)].join('.');
    if (POLICY_BOUNDS[pattern]) return POLICY_BOUNDS[pattern];
  }
  return undefined;
}
