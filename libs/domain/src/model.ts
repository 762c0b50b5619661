// The value shapes every other part of offramp relies on: lifecycle states, reasons, actors and
// refusals. Inputs are typed from the catalogue (inputs.ts), events from theirs (events/).

export const LIFECYCLE_STATES = ['healthy', 'at_risk', 'repair_attempt', 'notice', 'offboarded'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];
export type NoticePhase = 'preparing' | 'served';

export const REFUSAL_CODES = [
  'invalid_command', 'invalid_signal', 'not_found', 'forbidden', 'wrong_state', 'cooling_off',
  'receivables_outstanding', 'contract_not_reviewed', 'checklist_incomplete', 'version_conflict', 'invalid_policy',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const REASON_CODES = [
  'physical_abuse', 'verbal_abuse', 'dishonesty', 'unreasonable_demands', 'legal_risk',
  'late_payments', 'invoice_disputes', 'price_pressure', 'scope_changes', 'ignored_advice',
  'rejected_recommendations', 'unanswered_messages', 'missed_meetings', 'off_hours_messages',
  'losing_money', 'negative_feedback', 'disrespect', 'negative_attitude', 'repeat_offender',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Why a decision raised or kept risk (policy.md, "Reasons"). */
export interface Reason {
  code: ReasonCode;
  message: string;
  /** ISO time of the earliest sign behind this reason. */
  since: string;
  signalIds: string[];
}

export type Role = 'viewer' | 'manager' | 'admin';
export interface Actor { id: string; teamId: string; role: Role }

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** The offending field, as a dotted path (`data.reviewOn`), where there is one. */
  field?: string;
}

/** What a person or the simulate CLI sees of one relationship. */
export interface RelationshipView {
  relationshipId: string;
  state: LifecycleState;
  phase: NoticePhase | null;
  riskScore: number;
  reasons: Reason[];
}
