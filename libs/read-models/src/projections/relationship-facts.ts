// What read models need from a folded relationship, in one place. The state is the domain's;
// this module only reads it (the domain decides and records everything policy-dependent).
import type { RelationshipState } from '@offramp/domain';

export interface RepairSummary { strategy: string; ownerId: string; reviewOn: string; startedAt: string }

export interface NoticeSummary {
  proposedAt: string | null;
  coolingOffEndsAt: string | null;
  redFlagExit: boolean;
  contractReview: { terminationAllowed: boolean; at: string } | null;
  openReceivables: { invoiceId: string; amount: number; dueOn: string }[];
  servedAt: string | null;
  channel: string | null;
  noticeEndsAt: string | null;
  stepsCompleted: string[];
  stepsWaived: string[];
}

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const teamOf = (state: RelationshipState): string => state.teamId;

export function repairOf(state: RelationshipState): RepairSummary | null {
  const repair = record(state.repair);
  if (!repair) return null;
  return { strategy: str(repair.strategy) ?? '', ownerId: str(repair.ownerId) ?? '', reviewOn: str(repair.reviewOn) ?? '', startedAt: str(repair.startedAt) ?? '' };
}

export function openReceivablesOf(state: RelationshipState): NoticeSummary['openReceivables'] {
  const invoices = record(state.invoices) ?? {};
  return Object.entries(invoices).flatMap(([invoiceId, value]) => {
    const invoice = record(value);
    return invoice ? [{ invoiceId, amount: typeof invoice.amount === 'number' ? invoice.amount : 0, dueOn: str(invoice.dueOn) ?? '' }] : [];
  });
}

export function noticeOf(state: RelationshipState): NoticeSummary | null {
  const notice = record(state.notice);
  if (!notice) return null;
  const review = record(notice.review);
  return {
    proposedAt: str(notice.proposedAt),
    coolingOffEndsAt: str(notice.coolingOffEndsAt),
    redFlagExit: notice.redFlagExit === true,
    contractReview: review ? { terminationAllowed: review.terminationAllowed === true, at: str(review.at) ?? '' } : null,
    openReceivables: openReceivablesOf(state),
    servedAt: str(notice.servedAt),
    channel: str(notice.channel),
    noticeEndsAt: str(notice.endsAt),
    stepsCompleted: strings(notice.stepsCompleted),
    stepsWaived: strings(notice.stepsWaived),
  };
}

/** Rule 17's required steps for this relationship. */
export function requiredStepsOf(state: RelationshipState, notice: NoticeSummary): string[] {
  if (notice.redFlagExit) return ['transition_plan', 'contact_closed'];
  const steps = ['deliverables_completed', 'transition_plan', 'final_invoice_paid', 'thanked', 'contact_closed'];
  return state.everAbusive === true ? steps : [...steps.slice(0, 2), 'referral_offered', ...steps.slice(2)];
}
