// Folds one fact into the state. Copies only what changes; applies recorded outcomes and never
// re-runs policy, so an old stream replays to the same state whatever the policy is today.
import type { RelationshipState } from './api';
import type { DomainEvent, Reason, ReasonCode } from './model';
import type { CommonEventData, PaymentRecord, SignAssessment } from './events';
import { replyWindowEndsAt } from './policy/unanswered-messages';
import type { FoldedState, NoticeState, RelationshipSettings, Sign } from './state';
import { emptyKeyed, entryOf, withEntry, withoutEntry } from './keyed';
import { DAY_MS, datePassesAt, dayStart, ms } from './time';

const HISTORY_DAYS = 365;
const SIGNS_KEPT_PER_CODE = 20;

const pruned = (list: Sign[], cutoff: number): Sign[] =>
  list.length && list.some((s) => s.at < cutoff) ? list.filter((s) => s.at >= cutoff) : list;


function emptyNotice(): NoticeState {
  return {
    proposedAt: null, proposalId: null, coolingOffEndsAt: null, coolingOffRecorded: false, redFlagExit: false,
    review: null, servedAt: null, channel: null, noticeDays: null, endsAt: null, endRecorded: false, serveId: null,
    stepsCompleted: [], stepsWaived: [],
  };
}

function opened(event: DomainEvent, atMs: number): FoldedState {
  const d = event.data as { clientName: string; teamId: string; settings: RelationshipSettings };
  return {
    relationshipId: event.relationshipId, teamId: d.teamId, clientName: d.clientName, openedAt: event.at,
    lifecycle: 'healthy', phase: null, settings: d.settings, risk: { value: 0, at: atMs }, reasons: [],
    episodes: [], episodeThreshold: null, warned: false, everAbusive: false, invoices: emptyKeyed(), pendingMessages: emptyKeyed(), latePayments: [],
    unansweredMessages: [], losingPeriods: [], loggedHours: { month: event.at.slice(0, 7), hours: 0 },
    recentSigns: {}, repair: null, notice: null, fadeCheckedOn: null, lastAt: atMs,
  };
}

/** The ledgers a signal's facts update (no policy involved), on `s`: this event's own copy. */
function recordSignal(s: FoldedState, event: DomainEvent, atMs: number): void {
  const { signal, sign, payment } = event.data as unknown as { signal: { id: string; source: string; type: string; data: Record<string, unknown> }; payment?: PaymentRecord } & SignAssessment;
  const data = signal.data;
  switch (signal.type) {
    case 'invoice.issued': {
      const dueOn = String(data.dueOn);
      const invoice = { dueOn, dueAt: datePassesAt(dueOn), amount: Number(data.amount), paid: 0, signalId: signal.id, source: signal.source, countedLate: false };
      s.invoices = withEntry(s.invoices, String(data.invoiceId), invoice);
      break;
    }
    case 'invoice.paid':
      s.invoices = paymentApplied(s.invoices, String(data.invoiceId), payment);
      break;
    case 'message.sent': {
      const message = { sentAt: atMs, repliesBy: replyWindowEndsAt(s, atMs), signalId: signal.id, source: signal.source };
      s.pendingMessages = withEntry(s.pendingMessages, String(data.messageId), message);
      break;
    }
    case 'message.replied':
      s.pendingMessages = withoutEntry(s.pendingMessages, String(data.messageId));
      break;
    case 'time.logged': {
      const month = event.at.slice(0, 7);
      const before = s.loggedHours.month === month ? s.loggedHours.hours : 0;
      s.loggedHours = { month, hours: before + (Number(data.hours) || 0) };
      break;
    }
    case 'period.closed':
      s.losingPeriods = Number(data.cost) > Number(data.revenue) ? [...s.losingPeriods, { at: atMs, id: signal.id }].slice(-5) : [];
      break;
    case 'abuse.physical': case 'abuse.verbal': case 'disrespect.reported':
      s.everAbusive = true;
      break;
  }
  if (sign && sign.weight > 0) s.recentSigns = addSign(s.recentSigns, sign.code, { at: atMs, id: signal.id });
}

/**
 * A payment as decide recorded it. Without a record (streams decided before payments added up, or
 * an invoice never issued) any payment closes the invoice, as it did then.
 */
function paymentApplied(invoices: FoldedState['invoices'], invoiceId: string, payment: PaymentRecord | undefined): FoldedState['invoices'] {
  const invoice = entryOf(invoices, invoiceId);
  if (!payment || !invoice) return withoutEntry(invoices, invoiceId);
  if (!payment.settles) return withEntry(invoices, invoiceId, { ...invoice, paid: payment.paid });
  if (payment.awaitsDue) return withEntry(invoices, invoiceId, { ...invoice, paid: payment.paid, settled: true });
  return withoutEntry(invoices, invoiceId);
}

function addSign(signs: FoldedState['recentSigns'], code: ReasonCode, sign: Sign): FoldedState['recentSigns'] {
  return { ...signs, [code]: [...(signs[code] ?? []), sign].slice(-SIGNS_KEPT_PER_CODE) };
}

/** A copy of the state with what every event may carry applied; the event's own changes go on this copy. */
function applyCommon(s: FoldedState, event: DomainEvent, atMs: number): FoldedState {
  const d = event.data as CommonEventData;
  const next: FoldedState = { ...s, lastAt: atMs };
  if (d.transition) {
    next.lifecycle = d.transition.to.state;
    next.phase = d.transition.to.phase;
    if (next.lifecycle === 'healthy') next.episodeThreshold = null;
  }
  if (d.reasons) next.reasons = d.reasons as Reason[];
  if (d.risk) next.risk = { value: d.risk.value, at: d.risk.at === event.at ? atMs : ms(d.risk.at) };
  const cutoff = atMs - HISTORY_DAYS * DAY_MS;
  next.latePayments = pruned(next.latePayments, cutoff);
  next.unansweredMessages = pruned(next.unansweredMessages, cutoff);
  if (next.episodes.length && next.episodes[0] < cutoff) next.episodes = next.episodes.filter((e) => e >= cutoff);
  return next;
}

function changeNotice(s: FoldedState, change: Partial<NoticeState>): void {
  s.notice = { ...(s.notice ?? emptyNotice()), ...change };
}

export function evolve(state: RelationshipState | null, event: DomainEvent): RelationshipState {
  return evolveAt(state as unknown as FoldedState | null, event, ms(event.at)) as unknown as RelationshipState;
}

/** evolve, with the event's time already read (`atMs` is `event.at` in epoch ms). */
export function evolveAt(before: FoldedState | null, event: DomainEvent, atMs: number): FoldedState {
  if (event.type === 'RelationshipOpened' || before === null) return opened(event, atMs);
  const d = event.data;
  const s = applyCommon(before, event, atMs);
  switch (event.type) {
    case 'SignalRecorded':
      if (before.lifecycle !== 'offboarded') recordSignal(s, event, atMs);
      break;
    case 'ClientWarned':
      s.warned = true;
      break;
    case 'PaymentCountedLate': {
      const invoiceId = String(d.invoiceId);
      const invoice = entryOf(s.invoices, invoiceId);
      if (invoice?.settled) s.invoices = withoutEntry(s.invoices, invoiceId);
      else if (invoice) s.invoices = withEntry(s.invoices, invoiceId, { ...invoice, countedLate: true });
      const late = { at: ms(String(d.dueAt)), id: String(d.signalId) };
      s.latePayments = [...s.latePayments, late];
      if (Number(d.weight) > 0) s.recentSigns = addSign(s.recentSigns, 'late_payments', late);
      break;
    }
    case 'MessageUnanswered': {
      s.pendingMessages = withoutEntry(s.pendingMessages, String(d.messageId));
      const unanswered = { at: ms(String(d.windowEndedAt)), id: String(d.signalId) };
      s.unansweredMessages = [...s.unansweredMessages, unanswered];
      if (Number(d.weight) > 0) s.recentSigns = addSign(s.recentSigns, 'unanswered_messages', unanswered);
      break;
    }
    case 'RelationshipMarkedAtRisk':
      if (d.episode) {
        s.episodes = [...s.episodes, atMs];
        s.episodeThreshold = typeof d.threshold === 'number' ? d.threshold : null;
      }
      s.fadeCheckedOn = null;
      break;
    case 'RedFlagExitStarted':
      s.repair = null;
      changeNotice(s, { redFlagExit: true });
      break;
    case 'RepairStarted':
      s.repair = { commandId: event.causedBy.id, strategy: String(d.strategy), ownerId: String(d.ownerId), reviewOn: String(d.reviewOn), startedAt: event.at, reviewRecorded: false };
      break;
    case 'RepairReviewDue':
      if (s.repair) s.repair = { ...s.repair, reviewRecorded: true };
      break;
    case 'RepairConcluded': case 'RepairFailed':
      s.repair = null;
      s.fadeCheckedOn = null;
      if (d.cleanSlate === true) {
        // Rule 26: what was counted before no longer counts (the episode itself still does, rule 6).
        s.latePayments = [];
        s.unansweredMessages = [];
        s.losingPeriods = [];
        s.recentSigns = {};
      }
      break;
    case 'TerminationProposed':
      s.repair = null;
      s.notice = { ...emptyNotice(), redFlagExit: s.notice?.redFlagExit ?? false, proposedAt: event.at, proposalId: event.causedBy.id, coolingOffEndsAt: String(d.coolingOffEndsAt) };
      break;
    case 'CoolingOffEnded':
      changeNotice(s, { coolingOffRecorded: true });
      break;
    case 'ContractReviewed':
      changeNotice(s, { review: { terminationAllowed: d.terminationAllowed === true, at: event.at, commandId: event.causedBy.id } });
      break;
    case 'NoticeServed':
      changeNotice(s, { servedAt: event.at, channel: String(d.channel), noticeDays: Number(d.noticeDays), endsAt: String(d.endsAt), serveId: event.causedBy.id });
      break;
    case 'NoticeWithdrawn':
      s.notice = null;
      s.fadeCheckedOn = null;
      break;
    case 'OffboardingStepCompleted': {
      const n = s.notice ?? emptyNotice();
      const step = String(d.step);
      const waived = (d.waived as string[] | undefined) ?? [];
      changeNotice(s, {
        stepsCompleted: n.stepsCompleted.includes(step) ? n.stepsCompleted : [...n.stepsCompleted, step],
        stepsWaived: waived.length ? [...n.stepsWaived, ...waived.filter((w) => !n.stepsWaived.includes(w))] : n.stepsWaived,
      });
      break;
    }
    case 'NoticePeriodEnded':
      changeNotice(s, { endRecorded: true });
      break;
    case 'RelationshipOffboarded':
      s.pendingMessages = emptyKeyed();
      break;
    case 'RiskFaded':
      s.fadeCheckedOn = null;
      break;
    case 'FadingChecked':
      s.fadeCheckedOn = dayStart(String(d.day));
      break;
    case 'AccountOwnerAssigned':
      s.accountOwnerId = String(d.ownerId);
      break;
  }
  return s;
}
