// Why a step is blocked and until when, from what the API reports of the notice (and, where it
// says nothing, from the facts on the timeline). The engine still decides; this only explains.
import type { Relationship, Timeline, TimelineEntry } from '../../api/types';
import { isFuture, timeUntil, dateTimeInWords } from '../../words/time';
import { CHECKLIST_STEPS } from '../../words/repair';

export interface Guard { code: string; sentence: string }

const latest = <T,>(entries: TimelineEntry[], pick: (e: TimelineEntry) => T | undefined): T | undefined => {
  for (let i = entries.length - 1; i >= 0; i--) {
    const v = pick(entries[i]);
    if (v !== undefined) return v;
  }
  return undefined;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

export interface NoticeFacts {
  coolingOffEndsAt?: string;
  redFlagExit: boolean;
  reviewed: boolean;
  terminationAllowed?: boolean;
  unpaidInvoices?: number;
  endsAt?: string;
  requiredSteps: string[];
  completedSteps: string[];
}

export function noticeFactsOf(r: Relationship, timeline: Timeline | undefined): NoticeFacts {
  const events = (timeline?.items ?? []).filter((e) => e.kind === 'event');
  const n = r.notice ?? {};
  const terminationAllowed = n.terminationAllowed ?? latest(events, (e) => bool(e.data?.terminationAllowed)) ?? undefined;
  const redFlagExit = n.redFlagExit ?? latest(events, (e) => bool(e.data?.redFlagExit)) ?? false;
  const completed = n.stepsCompleted ?? [...new Set(events.map((e) => str(e.data?.step)).filter((s): s is string => Boolean(s)))];
  return {
    coolingOffEndsAt: n.coolingOffEndsAt ?? latest(events, (e) => str(e.data?.coolingOffEndsAt)),
    redFlagExit,
    reviewed: n.contractReviewed ?? terminationAllowed !== undefined,
    terminationAllowed: terminationAllowed ?? undefined,
    unpaidInvoices: n.unpaidInvoices,
    endsAt: n.endsAt ?? latest(events, (e) => str(e.data?.endsAt) ?? str(e.data?.noticeEndsAt)),
    requiredSteps: n.requiredSteps ?? CHECKLIST_STEPS.filter((s) => s !== 'refund_settled'),
    completedSteps: [...completed, ...(n.stepsWaived ?? [])],
  };
}

/** What stands between this relationship and serving notice (policy rule 15, in its order). */
export function serveNoticeGuards(facts: NoticeFacts, now = new Date()): Guard[] {
  if (facts.redFlagExit) return [];
  const guards: Guard[] = [];
  if (facts.coolingOffEndsAt && isFuture(facts.coolingOffEndsAt, now)) {
    guards.push({ code: 'cooling_off', sentence: `Cooling-off ends in ${timeUntil(facts.coolingOffEndsAt, now)} (${dateTimeInWords(facts.coolingOffEndsAt)}). Take the emotion out before telling the client.` });
  }
  if (!facts.reviewed || facts.terminationAllowed === false) {
    guards.push({ code: 'contract_not_reviewed', sentence: facts.reviewed ? 'The contract review found that ending it is not allowed yet.' : 'Contract not reviewed: check it allows ending the relationship.' });
  }
  if (facts.unpaidInvoices && facts.unpaidInvoices > 0) {
    guards.push({ code: 'receivables_outstanding', sentence: `${facts.unpaidInvoices} invoice${facts.unpaidInvoices === 1 ? '' : 's'} unpaid: collect before telling the client.` });
  }
  return guards;
}

export function openSteps(facts: NoticeFacts): string[] {
  return facts.requiredSteps.filter((s) => !facts.completedSteps.includes(s));
}
