// What people and read models see of a relationship, from its folded state (pure functions).
// The score is always read at a moment the caller gives (rule 25): its clock, or the end of a
// simulation; nothing here reads a clock.
import type { Reason, RelationshipView } from './model';
import { readScoreOf, riskReadingOf as readingOf } from './policy/current-reasons';
import { DEFAULT_POLICY, type Policy } from './policy/default-policy';
import { openSteps, requiredSteps } from './policy/exit-checklist';
import { openInvoiceIds } from './policy/late-payments';
import { policyOf } from './policy/resolve';
import type { RiskReading } from './policy/risk-score';
import type { RelationshipState } from './state';
import { entryOf } from './keyed';
import { ms } from './time';

/** What a reader needs to compute the score at any later moment (rule 25); see readScore. */
export const riskReadingOf = (state: RelationshipState, policy: Policy = DEFAULT_POLICY): RiskReading => readingOf(state, policyOf(policy));

/** The relationship as a person sees it at `now` (an ISO instant or epoch ms): the score read then. */
export function viewOf(state: RelationshipState, now: string | number, policy: Policy = DEFAULT_POLICY): RelationshipView {
  const s = state;
  const reasons: Reason[] = s.lifecycle === 'healthy' ? [] : s.reasons;
  return {
    relationshipId: s.relationshipId,
    state: s.lifecycle,
    phase: s.lifecycle === 'notice' ? s.phase : null,
    riskScore: readScoreOf(state, typeof now === 'number' ? now : ms(now), policyOf(policy)),
    reasons,
  };
}

export const teamOf = (state: RelationshipState): string => state.teamId;
export const clientNameOf = (state: RelationshipState): string => state.clientName;

/** Who looks after the account, if anyone was assigned. */
export const accountOwnerOf = (state: RelationshipState): string | null => state.accountOwnerId ?? null;

/** The repair plan in progress, if any. */
export function repairOf(state: RelationshipState): { strategy: string; ownerId: string; reviewOn: string; startedAt: string } | null {
  const r = state.repair;
  return r && { strategy: r.strategy, ownerId: r.ownerId, reviewOn: r.reviewOn, startedAt: r.startedAt };
}

export interface OpenReceivable { invoiceId: string; amount: number; paid: number; remaining: number; dueOn: string }

/** Invoices issued and not yet settled, with what has been paid and what remains (rule 27). */
export function openReceivablesOf(state: RelationshipState): OpenReceivable[] {
  const s = state;
  return openInvoiceIds(s).map((invoiceId) => {
    const i = entryOf(s.invoices, invoiceId)!;
    const paid = i.paid ?? 0;
    return { invoiceId, amount: i.amount, paid, remaining: Math.max(0, i.amount - paid), dueOn: i.dueOn };
  }).sort((a, b) => a.invoiceId.localeCompare(b.invoiceId));
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
  const s = state;
  const n = s.notice;
  if (s.lifecycle !== 'notice' || !n || !s.phase) return null;
  const reviewed = n.review !== null;
  const allowed = n.review?.terminationAllowed === true;
  const receivables = !n.redFlagExit && openInvoiceIds(s).length > 0;
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
