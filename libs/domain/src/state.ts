// The folded state of one relationship: plain JSON, snapshotted by the runtime. Everything
// policy-dependent in it (scores, transitions, reasons) was written by an event; evolve only copies.
import type { LifecycleState, NoticePhase, Reason, ReasonCode } from './model';
import type { AgreedHours } from './policy/default-policy';

/** One dated sign, as windows count it. */
export interface Sign { at: string; id: string }

export interface OpenInvoice { dueOn: string; amount: number; signalId: string; countedLate: boolean }
export interface PendingMessage { sentAt: string; signalId: string }

export interface RelationshipSettings {
  responseWindowHours: number;
  monthlyBudgetHours: number | null;
  agreedHours: AgreedHours;
  contractNoticeDays: number | null;
}

export interface RepairPlan {
  commandId: string;
  strategy: string;
  ownerId: string;
  reviewOn: string;
  startedAt: string;
  reviewRecorded: boolean;
}

export interface ContractReview { terminationAllowed: boolean; at: string; commandId: string }

export interface NoticeState {
  proposedAt: string | null;
  proposalId: string | null;
  coolingOffEndsAt: string | null;
  coolingOffRecorded: boolean;
  redFlagExit: boolean;
  review: ContractReview | null;
  servedAt: string | null;
  channel: string | null;
  noticeDays: number | null;
  endsAt: string | null;
  endRecorded: boolean;
  stepsCompleted: string[];
  stepsWaived: string[];
}

export interface RiskScore { value: number; at: string }

export interface FoldedState {
  relationshipId: string;
  teamId: string;
  clientName: string;
  openedAt: string;
  lifecycle: LifecycleState;
  phase: NoticePhase | null;
  settings: RelationshipSettings;
  risk: RiskScore;
  reasons: Reason[];
  /** Instants of entries into at_risk from healthy (rule 6), within 365 days. */
  episodes: string[];
  /** Rule 1: the client was warned after a first verbal abuse. */
  warned: boolean;
  /** Rule 17: abuse or disrespect ever on record (no referral owed). */
  everAbusive: boolean;
  invoices: Record<string, OpenInvoice>;
  pendingMessages: Record<string, PendingMessage>;
  latePayments: Sign[];
  unansweredMessages: Sign[];
  /** Rule 4: losing periods closed in a row, most recent last. */
  losingPeriods: Sign[];
  /** Hours logged per calendar month (UTC), only the current month is kept. */
  loggedHours: { month: string; hours: number };
  /** Scored warning signs within 365 days, per reason code (capped). */
  recentSigns: Partial<Record<ReasonCode, Sign[]>>;
  repair: RepairPlan | null;
  notice: NoticeState | null;
  /** The day of the last fading check that found nothing to fade. */
  fadeCheckedOn: string | null;
  /** Time of the latest event folded in. */
  lastAt: string;
}
