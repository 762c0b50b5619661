// Domain events: facts, named in the past tense. Every decision records the policy version and
// the input that caused it; transitions carry `from`/`to`, so replay never re-runs the policy.
//
//   RelationshipOpened        relationship.open accepted (settings resolved with policy defaults)
//   SignalRecorded            any accepted signal, with its data, its assessment and the new score (an
//                             invoice.paid that does not simply close its invoice also records the payment)
//   ClientWarned              first verbal abuse: the client was warned (rule 1)
//   PaymentCountedLate        an invoice unpaid when its due day passed, or paid after it (rule 2); with
//                             its weight and the new score under policy-v2 (rule 24)
//   MessageUnanswered         a reply window ran out (rule 3); weight and score as above
//   RelationshipMarkedAtRisk  healthy → at_risk by rules 1–6
//   RedFlagExitStarted        rules 7–8: → notice (preparing), or a served notice becomes a red-flag exit
//   RepairStarted / RepairReviewDue / RepairConcluded / RepairFailed   rules 11–12; `cleanSlate` on an
//                             improved conclusion under policy-v2 (rule 26)
//   TerminationProposed       rule 13, with the end of cooling-off
//   CoolingOffEnded           cooling-off ran out (timer)
//   ContractReviewed          rule 14
//   GuardOverridden           rule 21: an admin lifted guards; who, why, which guards and waived steps
//   NoticeServed              rule 15, with the notice period, its end and any channel warning
//   NoticeWithdrawn           rule 16, with the reasons still current (rule 31)
//   OffboardingStepCompleted  rule 17
//   NoticePeriodEnded         the notice period ran out (timer)
//   RelationshipOffboarded    rule 18
//   RiskFaded                 rule 10: at_risk → healthy by itself
//   FadingChecked             a fading check that found the relationship could not fade yet
//   AccountOwnerAssigned      account.assign_owner: who looks after the account from now on
//   NoteAdded                 note.add: a person's note on the timeline (changes no state)
import type { LifecycleState, NoticePhase, Reason, ReasonCode } from './model';

export const EVENT_TYPES = [
  'RelationshipOpened', 'SignalRecorded', 'ClientWarned', 'PaymentCountedLate', 'MessageUnanswered',
  'RelationshipMarkedAtRisk', 'RedFlagExitStarted', 'RepairStarted', 'RepairReviewDue', 'RepairConcluded',
  'RepairFailed', 'TerminationProposed', 'CoolingOffEnded', 'ContractReviewed', 'GuardOverridden',
  'NoticeServed', 'NoticeWithdrawn', 'OffboardingStepCompleted', 'NoticePeriodEnded', 'RelationshipOffboarded',
  'RiskFaded', 'FadingChecked', 'AccountOwnerAssigned', 'NoteAdded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface LifecyclePoint { state: LifecycleState; phase: NoticePhase | null }
export interface TransitionTaken { from: LifecyclePoint; to: LifecyclePoint }

/** How decide judged one signal. */
export interface SignAssessment {
  /** The warning sign it is, if any, and the rule that governs it. */
  sign?: { code: ReasonCode; rule: number; weight: number };
  /** A good sign (rule 5): lowers the score. */
  good?: boolean;
}

/**
 * How decide judged an `invoice.paid` for an invoice on record (rule 27): the total paid so far,
 * whether it settles the invoice, and whether a settled invoice still waits for its due date to
 * pass to be counted late (paid after `dueOn`, reported before the due date passed).
 */
export interface PaymentRecord { invoiceId: string; paid: number; settles: boolean; awaitsDue: boolean }

/** The risk score as events record it: the value as of an ISO instant. */
export interface RecordedRisk { value: number; at: string }

/** Fields any event may carry; evolve applies them the same way for every type. */
export interface CommonEventData {
  transition?: TransitionTaken;
  reasons?: Reason[];
  risk?: RecordedRisk;
  [key: string]: unknown;
}
