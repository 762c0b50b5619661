// Every default of policy.md in one object. An agency changes these in its policy configuration;
// `version` is recorded on every event so a decision can always be traced to the rules that made it.
import type { ReasonCode } from '../model';

export interface RiskScorePolicy {
  /** Score at or above which a healthy relationship is marked at_risk (rule 5). */
  threshold: number;
  /** Fading needs the score below this (rule 10). */
  fadeBelow: number;
  /** Half-life of a sign's weight, in days. */
  halfLifeDays: number;
  /** Weight of each scored warning sign (rule 5). Rule 1–4 signs have their own rules and no weight. */
  weights: Partial<Record<ReasonCode, number>>;
  /** How much one good sign takes off. */
  goodSignRelief: number;
  /** Signs within this many days are named as reasons when the score marks a relationship at_risk. */
  reasonWindowDays: number;
}

export interface AgreedHours {
  /** ISO weekdays, Monday = 1. */
  days: number[];
  start: string;
  end: string;
  timeZone: string;
}

export interface DomainPolicy {
  version: string;
  /** Rule 2. */
  latePayments: { count: number; windowDays: number };
  /** Rule 3. */
  unansweredMessages: { count: number; windowDays: number; responseWindowHours: number };
  /** Rule 4. */
  losingPeriodsInARow: number;
  /** Rule 5: messages outside these hours weigh as off_hours_messages. */
  agreedHours: AgreedHours;
  riskScore: RiskScorePolicy;
  /** Rule 6: each earlier episode within `windowDays` lowers the threshold by `thresholdStep`, not below `minThreshold`. */
  repetition: { windowDays: number; thresholdStep: number; minThreshold: number };
  /** Rule 13. */
  coolingOffHours: number;
  /** Rule 15. */
  defaultNoticeDays: number;
  [key: string]: unknown;
}

export const DEFAULT_POLICY: DomainPolicy = {
  version: 'policy-v1',
  latePayments: { count: 3, windowDays: 90 },
  unansweredMessages: { count: 3, windowDays: 30, responseWindowHours: 48 },
  losingPeriodsInARow: 2,
  agreedHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'UTC' },
  riskScore: {
    threshold: 60,
    fadeBelow: 30,
    halfLifeDays: 14,
    weights: {
      price_pressure: 18,
      scope_changes: 14,
      ignored_advice: 16,
      rejected_recommendations: 12,
      missed_meetings: 12,
      off_hours_messages: 12,
      losing_money: 16,
      negative_feedback: 14,
      disrespect: 20,
      negative_attitude: 12,
    },
    goodSignRelief: 10,
    reasonWindowDays: 30,
  },
  repetition: { windowDays: 365, thresholdStep: 10, minThreshold: 35 },
  coolingOffHours: 72,
  defaultNoticeDays: 30,
};
