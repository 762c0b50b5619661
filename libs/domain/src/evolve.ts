// Folds one fact into the state. Copies only what changes; applies recorded outcomes and never
// re-runs policy, so an old stream replays to the same state whatever the policy is today.
import type { ReasonCode } from './model';
import type { EventOf, RelationshipEvent } from './events/catalogue';
import type { PaymentRecord } from './events/signal-events';
import { isLosingPeriod } from './policy/losing-money';
import { replyWindowEndsAt } from './policy/unanswered-messages';
import type { NoticeState, RelationshipState, Sign } from './state';
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

function opened(event: EventOf<'RelationshipOpened'>, atMs: number): RelationshipState {
  const d = event.data;
  return {
    relationshipId: event.relationshipId, teamId: d.teamId, clientName: d.clientName, openedAt: event.at,
    lifecycle: 'healthy', phase: null, settings: d.settings, risk: { value: 0, at: atMs }, reasons: [],
    episodes: [], episodeThreshold: null, warned: false, everAbusive: false, invoices: emptyKeyed(), pendingMessages: emptyKeyed(), latePayments: [],
    unansweredMessages: [], losingPeriods: [], loggedHours: { month: event.at.slice(0, 7), hours: 0 },
    recentSigns: {}, repair: null, notice: null, fadeCheckedOn: null, lastAt: atMs,
  };
}

/** The ledgers a signal's facts update (no policy involved), on `s`: this event's own copy. */
function recordSignal(s: RelationshipState, event: EventOf<'SignalRecorded'>, atMs: number): void {
  const { signal, sign, payment } = event.data;
  switch (signal.type) {
    case 'invoice.issued': {
      const { dueOn, amount, invoiceId } = signal.data;
      const invoice = { dueOn, dueAt: datePassesAt(dueOn), amount, paid: 0, signalId: signal.id, source: signal.source, countedLate: false };
      s.invoices = withEntry(s.invoices, invoiceId, invoice);
      break;
    }
    case 'invoice.paid':
      s.invoices = paymentApplied(s.invoices, signal.data.invoiceId, payment);
      break;
    case 'message.sent': {
      const message = { sentAt: atMs, repliesBy: replyWindowEndsAt(s, atMs), signalId: signal.id, source: signal.source };
      s.pendingMessages = withEntry(s.pendingMessages, signal.data.messageId, message);
      break;
    }
    case 'message.replied':
      s.pendingMessages = withoutEntry(s.pendingMessages, signal.data.messageId);
      break;
    case 'time.logged': {
      const month = event.at.slice(0, 7);
      const before = s.loggedHours.month === month ? s.loggedHours.hours : 0;
      s.loggedHours = { month, hours: before + signal.data.hours };
      break;
    }
    case 'period.closed':
      s.losingPeriods = isLosingPeriod(signal.data) ? [...s.losingPeriods, { at: atMs, id: signal.id }].slice(-5) : [];
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
function paymentApplied(invoices: RelationshipState['invoices'], invoiceId: string, payment: PaymentRecord | undefined): RelationshipState['invoices'] {
  const invoice = entryOf(invoices, invoiceId);
  if (!payment || !invoice) return withoutEntry(invoices, invoiceId);
  if (!payment.settles) return withEntry(invoices, invoiceId, { ...invoice, paid: payment.paid });
  if (payment.awaitsDue) return withEntry(invoices, invoiceId, { ...invoice, paid: payment.paid, settled: true });
  return withoutEntry(invoices, invoiceId);
}

function addSign(signs: RelationshipState['recentSigns'], code: ReasonCode, sign: Sign): RelationshipState['recentSigns'] {
  return { ...signs, [code]: [...(signs[code] ?? []), sign].slice(-SIGNS_KEPT_PER_CODE) };
}

/** A copy of the state with what every event may carry applied; the event's own changes go on this copy. */
function applyCommon(s: RelationshipState, event: Exclude<RelationshipEvent, EventOf<'RelationshipOpened'>>, atMs: number): RelationshipState {
  const d = event.data;
  const next: RelationshipState = { ...s, lastAt: atMs };
  if (d.transition) {
    next.lifecycle = d.transition.to.state;
    next.phase = d.transition.to.phase;
    if (next.lifecycle === 'healthy') next.episodeThreshold = null;
  }
  if (d.reasons) next.reasons = d.reasons;
  if (d.risk) next.risk = { value: d.risk.value, at: d.risk.at === event.at ? atMs : ms(d.risk.at) };
  const cutoff = atMs - HISTORY_DAYS * DAY_MS;
  next.latePayments = pruned(next.latePayments, cutoff);
  next.unansweredMessages = pruned(next.unansweredMessages, cutoff);
  if (next.episodes.length && next.episodes[0] < cutoff) next.episodes = next.episodes.filter((e) => e >= cutoff);
  return next;
}

function changeNotice(s: RelationshipState, change: Partial<NoticeState>): void {
  s.notice = { ...(s.notice ?? emptyNotice()), ...change };
}

export function evolve(state: RelationshipState | null, event: RelationshipEvent): RelationshipState {
  return evolveAt(state, event, ms(event.at));
}

/** evolve, with the event's time already read (`atMs` is `event.at` in epoch ms). */
export function evolveAt(before: RelationshipState | null, event: RelationshipEvent, atMs: number): RelationshipState {
  if (event.type === 'RelationshipOpened') return opened(event, atMs);
  if (before === null) throw new Error(`${event.type} of ${event.relationshipId} before it was opened`);
  const s = applyCommon(before, event, atMs);
  switch (event.type) {
    case 'SignalRecorded':
      if (before.lifecycle !== 'offboarded') recordSignal(s, event, atMs);
      break;
    case 'ClientWarned':
      s.warned = true;
      break;
    case 'PaymentCountedLate': {
      const d = event.data;
      const invoiceId = d.invoiceId;
      const invoice = entryOf(s.invoices, invoiceId);
      if (invoice?.settled) s.invoices = withoutEntry(s.invoices, invoiceId);
      else if (invoice) s.invoices = withEntry(s.invoices, invoiceId, { ...invoice, countedLate: true });
      const late = { at: ms(d.dueAt), id: d.signalId };
      s.latePayments = [...s.latePayments, late];
      if ((d.weight ?? 0) > 0) s.recentSigns = addSign(s.recentSigns, 'late_payments', late);
      break;
    }
    case 'MessageUnanswered': {
      const d = event.data;
      s.pendingMessages = withoutEntry(s.pendingMessages, d.messageId);
      const unanswered = { at: ms(d.windowEndedAt), id: d.signalId };
      s.unansweredMessages = [...s.unansweredMessages, unanswered];
      if ((d.weight ?? 0) > 0) s.recentSigns = addSign(s.recentSigns, 'unanswered_messages', unanswered);
      break;
    }
    case 'RelationshipMarkedAtRisk':
      if (event.data.episode) {
        s.episodes = [...s.episodes, atMs];
        s.episodeThreshold = typeof event.data.threshold === 'number' ? event.data.threshold : null;
      }
      s.fadeCheckedOn = null;
      break;
    case 'RedFlagExitStarted':
      s.repair = null;
      changeNotice(s, { redFlagExit: true });
      break;
    case 'RepairStarted':
      s.repair = { commandId: event.causedBy.id, strategy: event.data.strategy, ownerId: event.data.ownerId, reviewOn: event.data.reviewOn, startedAt: event.at, reviewRecorded: false };
      break;
    case 'RepairReviewDue':
      if (s.repair) s.repair = { ...s.repair, reviewRecorded: true };
      break;
    case 'RepairConcluded': case 'RepairFailed':
      s.repair = null;
      s.fadeCheckedOn = null;
      if (event.data.cleanSlate === true) {
        // Rule 26: what was counted before no longer counts (the episode itself still does, rule 6).
        s.latePayments = [];
        s.unansweredMessages = [];
        s.losingPeriods = [];
        s.recentSigns = {};
      }
      break;
    case 'TerminationProposed':
      s.repair = null;
      s.notice = { ...emptyNotice(), redFlagExit: s.notice?.redFlagExit ?? false, proposedAt: event.at, proposalId: event.causedBy.id, coolingOffEndsAt: event.data.coolingOffEndsAt };
      break;
    case 'CoolingOffEnded':
      changeNotice(s, { coolingOffRecorded: true });
      break;
    case 'ContractReviewed':
      changeNotice(s, { review: { terminationAllowed: event.data.terminationAllowed === true, at: event.at, commandId: event.causedBy.id } });
      break;
    case 'NoticeServed':
      changeNotice(s, { servedAt: event.at, channel: event.data.channel, noticeDays: event.data.noticeDays, endsAt: event.data.endsAt, serveId: event.causedBy.id });
      break;
    case 'NoticeWithdrawn':
      s.notice = null;
      s.fadeCheckedOn = null;
      break;
    case 'OffboardingStepCompleted': {
      const n = s.notice ?? emptyNotice();
      const step = event.data.step;
      const waived: string[] = event.data.waived ?? [];
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
      s.fadeCheckedOn = dayStart(event.data.day);
      break;
    case 'AccountOwnerAssigned':
      s.accountOwnerId = event.data.ownerId;
      break;
    case 'GuardOverridden': case 'NoteAdded':
      break;
    default: {
      const unknown: never = event;
      throw new Error(`evolve does not know the event ${JSON.stringify(unknown)}`);
    }
  }
  return s;
}
