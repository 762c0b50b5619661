// The folded state of one relationship: plain JSON, snapshotted by the runtime. Everything
// policy-dependent in it (scores, transitions, reasons) was written by an event; evolve only copies.
// Instants the rules compute with are epoch milliseconds, parsed once when their event is folded.
import type { z } from 'zod';
import type { relationshipSettingsSchema } from './events/relationship-opened';
import type { Keyed } from './keyed';
import type { LifecycleState, NoticePhase, Reason, ReasonCode } from './model';

/** One dated sign, as windows count it (`at` in epoch ms). */
export interface Sign { at: number; id: string }

/** The signal that started something a timer waits for: its id is unique per occurrence. */
export interface Origin { signalId: string; source: string }

export interface OpenInvoice extends Origin {
  dueOn: string;
  /** When `dueOn` has passed (ms). */
  dueAt: number;
  amount: number;
  /** Paid so far (rule 27: payments add up per invoice). */
  paid: number;
  countedLate: boolean;
  /**
   * Settled by a payment dated after `dueOn` but reported before the due date passed: no longer a
   * receivable, still counted late when the due date passes (its due timer stays).
   */
  settled?: boolean;
}
export interface PendingMessage extends Origin { sentAt: number; /** The end of the response window (ms). */ repliesBy: number }

export type RelationshipSettings = z.infer<typeof relationshipSettingsSchema>;

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
  /** The notice.serve that set `endsAt`. */
  serveId: string | null;
  stepsCompleted: string[];
  stepsWaived: string[];
}

/** The score as of `at` (ms); it decays from there. */
export interface RiskScore { value: number; at: number }

/** Folded state of one relationship: plain JSON (it is snapshotted). */
export interface RelationshipState {
  relationshipId: string;
  teamId: string;
  clientName: string;
  openedAt: string;
  lifecycle: LifecycleState;
  phase: NoticePhase | null;
  settings: RelationshipSettings;
  risk: RiskScore;
  reasons: Reason[];
  /** Instants (ms) of entries into at_risk from healthy (rule 6), within 365 days. */
  episodes: number[];
  /** The score threshold the current episode was judged by (rule 6); null when healthy or not in an episode. */
  episodeThreshold: number | null;
  /** Rule 1: the client was warned after a first verbal abuse. */
  warned: boolean;
  /** Rule 17: abuse or disrespect ever on record (no referral owed). */
  everAbusive: boolean;
  /** By invoiceId, without prototype (`keyed.ts`). */
  invoices: Keyed<OpenInvoice>;
  /** By messageId, without prototype (`keyed.ts`). */
  pendingMessages: Keyed<PendingMessage>;
  latePayments: Sign[];
  unansweredMessages: Sign[];
  /** Rule 4: losing periods closed in a row, most recent last. */
  losingPeriods: Sign[];
  /** Hours logged per calendar month (UTC), only the current month is kept. */
  loggedHours: { month: string; hours: number };
  /** Scored warning signs within 365 days, per reason code (capped). */
  recentSigns: Partial<Record<ReasonCode, Sign[]>>;
  repair: RepairPlan | null;
  /** Who looks after the account (account.assign_owner); absent in states folded before it existed. */
  accountOwnerId?: string | null;
  notice: NoticeState | null;
  /** 00:00Z (ms) of the day of the last fading check that found nothing to fade. */
  fadeCheckedOn: number | null;
  /** Time (ms) of the latest event folded in. */
  lastAt: number;
}
