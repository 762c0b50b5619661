// What people and read models see of a relationship, from its folded state (pure functions).
import type { RelationshipState } from './api';
import type { Reason, RelationshipView } from './model';
import { openSteps, requiredSteps } from './policy/exit-checklist';
import type { FoldedState } from './state';

const folded = (state: RelationshipState) => state as unknown as FoldedState;

export function viewOf(state: RelationshipState): RelationshipView {
  const s = folded(state);
  const reasons: Reason[] = s.lifecycle === 'healthy' ? [] : s.reasons;
  return {
    relationshipId: s.relationshipId,
    state: s.lifecycle,
    phase: s.lifecycle === 'notice' ? s.phase : null,
    riskScore: Math.min(100, Math.max(0, Math.round(s.risk.value))),
    reasons,
  };
}

export const teamOf = (state: RelationshipState): string => folded(state).teamId;
export const clientNameOf = (state: RelationshipState): string => folded(state).clientName;

/** Who looks after the account, if anyone was assigned. */
export const accountOwnerOf = (state: RelationshipState): string | null => folded(state).accountOwnerId ?? null;

/** The repair plan in progress, if any. */
export function repairOf(state: RelationshipState): { strategy: string; ownerId: string; reviewOn: string; startedAt: string } | null {
  const r = folded(state).repair;
  return r && { strategy: r.strategy, ownerId: r.ownerId, reviewOn: r.reviewOn, startedAt: r.startedAt };
}

/** Invoices issued and not yet paid. */
export function openReceivablesOf(state: RelationshipState): { invoiceId: string; amount: number; dueOn: string }[] {
  return Object.entries(folded(state).invoices).map(([invoiceId, i]) => ({ invoiceId, amount: i.amount, dueOn: i.dueOn }))
    .sort((a, b) => a.invoiceId.localeCompare(b.invoiceId));
}

export interface NoticeStatus {
  phase: 'preparing' | 'served';
  redFlagExit: boolean;
  proposedAt: string | null;
  coolingOffEndsAt: string | null;
  contractReviewed: boolean;
  terminationAllowed: boolean;
  servedAt: string | null;
  channel: string | null;
  noticeDays: number | null;
  noticeEndsAt: string | null;
  stepsRequired: string[];
  stepsCompleted: string[];
  stepsWaived: string[];
  stepsOpen: string[];
  /** The first guard that would refuse serving notice now, ignoring time (cooling-off is shown by its end). */
  blockingGuard: 'contract_not_reviewed' | 'receivables_outstanding' | null;
}

export function noticeStatusOf(state: RelationshipState): NoticeStatus | null {
  const s = folded(state);
  const n = s.notice;
  if (s.lifecycle !== 'notice' || !n || !s.phase) return null;
  const reviewed = n.review !== null;
  const allowed = n.review?.terminationAllowed === true;
  const receivables = !n.redFlagExit && Object.keys(s.invoices).length > 0;
  return {
    phase: s.phase, redFlagExit: n.redFlagExit, proposedAt: n.proposedAt, coolingOffEndsAt: n.redFlagExit ? null : n.coolingOffEndsAt,
    contractReviewed: reviewed, terminationAllowed: allowed, servedAt: n.servedAt, channel: n.channel, noticeDays: n.noticeDays,
    noticeEndsAt: n.endsAt, stepsRequired: requiredSteps(s), stepsCompleted: n.stepsCompleted, stepsWaived: n.stepsWaived,
    stepsOpen: openSteps(s),
    blockingGuard: s.phase !== 'preparing' ? null : !allowed ? 'contract_not_reviewed' : receivables ? 'receivables_outstanding' : null,
  };
}

/** Checklist progress: required steps done (completed or waived) out of required. */
export function checklistProgressOf(state: RelationshipState): { done: number; required: number } | null {
  const status = noticeStatusOf(state);
  if (!status || status.phase !== 'served') return null;
  return { done: status.stepsRequired.length - status.stepsOpen.length, required: status.stepsRequired.length };
}
