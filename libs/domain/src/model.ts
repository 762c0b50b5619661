// The shapes every other part of offramp relies on. The domain fills them in; the runtime,
// the store and the read models only ever see these.
import type { RelationshipState } from './api';

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

/** A signal after validation (contract.md, "Signals"). */
export interface SignalInput {
  kind: 'signal';
  id: string;
  type: string;
  relationshipId: string;
  occurredAt: string;
  source: string;
  data: Record<string, unknown>;
}

/** A command after validation (contract.md, "Commands"). */
export interface CommandInput {
  kind: 'command';
  id: string;
  type: string;
  relationshipId: string;
  issuedAt: string;
  actor: Actor;
  data: Record<string, unknown>;
  override?: { reason: string };
}

/** A durable timer that came due; its id is its idempotency key. */
export interface TimerInput {
  kind: 'timer';
  id: string;
  type: string;
  relationshipId: string;
  dueAt: string;
  data: Record<string, unknown>;
}

export type Input = SignalInput | CommandInput | TimerInput;

/** A timer the state wants to exist. The runtime keeps the stored set equal to this list. */
export interface TimerSpec {
  id: string;
  type: string;
  relationshipId: string;
  dueAt: string;
  data: Record<string, unknown>;
}

/** The input a fact came from, as recorded on every event. */
export interface InputRef {
  kind: Input['kind'];
  id: string;
  type: string;
  source?: string;
  actor?: Actor;
  at: string;
  /** Commands, on the first fact they led to: the command's data and override as given, so a history replays from its facts. */
  command?: { data: Record<string, unknown>; override?: { reason: string } };
}

/** A fact. `type` names what happened (`RelationshipMarkedAtRisk`, `NoticeServed`, ...). */
export interface DomainEvent {
  type: string;
  relationshipId: string;
  /** Event time: the input's time. */
  at: string;
  policyVersion: string;
  causedBy: InputRef;
  data: Record<string, unknown>;
  /** The version of this type's schema the event was written at (events/catalogue.ts); absent means 1. */
  schemaVersion?: number;
  /** W3C trace context of the input that caused it, sent on with the event. */
  trace?: { traceparent: string; tracestate?: string };
}

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** The offending field, as a dotted path (`data.reviewOn`), where there is one. */
  field?: string;
}

export type Decision =
  /** `state`: where the events take the relationship (the fold of `events`), so no caller folds them again. */
  | { outcome: 'accepted'; events: DomainEvent[]; state?: RelationshipState | null }
  | { outcome: 'refused'; refusal: Refusal };

/** What a person or the simulate CLI sees of one relationship. */
export interface RelationshipView {
  relationshipId: string;
  state: LifecycleState;
  phase: NoticePhase | null;
  riskScore: number;
  reasons: Reason[];
}
