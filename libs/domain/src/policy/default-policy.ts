// Every default of policy.md in one object, one object per policy version. An agency changes these
// in its policy configuration; `version` is recorded on every event so a decision can always be
// traced to the rules that made it. Every field is plain data (numbers, strings, booleans, arrays),
// so a policy can be written as JSON.
//
// policy-v1 (rules 1–23) stays a value: a stream decided under it replays unchanged (events are
// facts), and deciding with it still gives what v1 gave. policy-v2 (rules 24–31) is the default.
import type { ReasonCode } from '../model';

export interface RiskScorePolicy {
  /** Score at or above which a healthy relationship is marked at_risk (rule 5). */
  threshold: number;
  /** Fading needs the score below this (rule 10). */
  fadeBelow: number;
  /** Half-life of a sign's weight, in days: the score halves every this many days, continuously (rules 5, 25). */
  halfLifeDays: number;
  /** Weight of each slow-burner warning sign (rule 5). */
  weights: Partial<Record<ReasonCode, number>>;
  /**
   * Rule 24: the weight of each sign that rules 1–4 count (a late payment, an unanswered message, a
   * losing period, an invoice dispute). Empty under v1, where those signs have no weight.
   */
  countedSignWeights: Partial<Record<ReasonCode, number>>;
  /** Rule 24: red flags set the score to `redFlagScore` at that moment. Empty under v1. */
  redFlags: ReasonCode[];
  redFlagScore: number;
  /** Rule 24: while a reason from rules 1–4 or 7–8 is current, the score stays at the threshold in force or above. */
  floorWhileReasonsHold: boolean;
  /** How much one good sign takes off. */
  goodSignRelief: number;
  /** Signs within this many days are named as reasons when the score marks a relationship at_risk. */
  reasonWindowDays: number;
}

export interface AgreedHours {
  /** ISO weekdays, Monday = 1. A window whose start is after its end runs across midnight and belongs to the day it starts (rule 29). */
  days: number[];
  start: string;
  end: string;
  /** An IANA time zone (rule 29). */
  timeZone: string;
}

export interface DomainPolicy {
  version: string;
  /** Rule 2. */
  latePayments: {
    count: number;
    windowDays: number;
    /** Rule 27: payments add up per invoice and only the one reaching the issued amount settles it (v1: any payment closes it). */
    paymentsAddUp: boolean;
  };
  /** Rule 3. */
  unansweredMessages: { count: number; windowDays: number; responseWindowHours: number };
  /** Rule 4. */
  losingPeriodsInARow: number;
  /** Rule 5: time logged over the monthly budget weighs as losing_money. */
  overBudget: {
    /** Rule 28: once per calendar month (UTC), at the entry that crosses the budget (v1: every entry above it). */
    oncePerMonth: boolean;
  };
  /** Rule 5: messages outside these hours weigh as off_hours_messages. */
  agreedHours: AgreedHours;
  riskScore: RiskScorePolicy;
  /** Rule 6: each earlier episode within `windowDays` lowers the threshold by `thresholdStep`, not below `minThreshold`. */
  repetition: { windowDays: number; thresholdStep: number; minThreshold: number };
  /** Rule 26: repair.conclude improved clears the score, the reasons and the signs counted before it (v1: keeps the counts and the score). */
  improvedIsCleanSlate: boolean;
  /** Rule 13. */
  coolingOffHours: number;
  /** Rule 15: the notice period when neither notice.serve nor the contract gives one. */
  defaultNoticeDays: number;
  /** Rule 30: outside a red-flag exit a contract's noticeDays of 0 falls back to the default (v1: 0 days). */
  zeroContractNoticeUsesDefault: boolean;
  /** Rule 31: notice.withdraw keeps the reasons still current (v1: none). */
  withdrawKeepsCurrentReasons: boolean;
  /** A team's policy: the default policy version its document was drafted on. */
  basedOn?: string;
}

/** The policy (policy.md) with every default in one object; `version` is recorded on every event. */
export type Policy = DomainPolicy;

export const POLICY_V1: DomainPolicy = {
  version: 'policy-v1',
  latePayments: { count: 3, windowDays: 90, paymentsAddUp: false },
  unansweredMessages: { count: 3, windowDays: 30, responseWindowHours: 48 },
  losingPeriodsInARow: 2,
  overBudget: { oncePerMonth: false },
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
    countedSignWeights: {},
    redFlags: [],
    redFlagScore: 100,
    floorWhileReasonsHold: false,
    goodSignRelief: 10,
    reasonWindowDays: 30,
  },
  repetition: { windowDays: 365, thresholdStep: 10, minThreshold: 35 },
  improvedIsCleanSlate: false,
  coolingOffHours: 72,
  defaultNoticeDays: 30,
  zeroContractNoticeUsesDefault: false,
  withdrawKeepsCurrentReasons: false,
};

export const POLICY_V2: DomainPolicy = {
  ...POLICY_V1,
  version: 'policy-v2',
  latePayments: { ...POLICY_V1.latePayments, paymentsAddUp: true },
  overBudget: { oncePerMonth: true },
  riskScore: {
    ...POLICY_V1.riskScore,
    // Rule 24: three of a rule 2–4 count are at the threshold by the floor anyway; one alone stays
    // well below it, so the count, not the score, is what marks at_risk.
    countedSignWeights: { late_payments: 20, unanswered_messages: 14, losing_money: 20, invoice_disputes: 20 },
    redFlags: ['physical_abuse', 'verbal_abuse', 'dishonesty', 'unreasonable_demands', 'legal_risk'],
    redFlagScore: 100,
    floorWhileReasonsHold: true,
  },
  improvedIsCleanSlate: true,
  zeroContractNoticeUsesDefault: true,
  withdrawKeepsCurrentReasons: true,
};

export const DEFAULT_POLICY: DomainPolicy = POLICY_V2;
