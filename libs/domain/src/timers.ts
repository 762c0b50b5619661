// The durable timers a state wants pending (policy rules 3, 2, 13, 12, 18, 10). Ids are
// deterministic and name the occurrence that started the timer (a message or an invoice id may be
// used again; the signal that sent or issued it may not), so the runtime's `timer:<id>` key never
// mistakes a new timer for one that already fired. Once a timer's input has been decided and
// folded, its id is never listed again; a timer whose condition is gone simply drops out.
import { z } from 'zod';
import type { TimerSpec } from './inputs';
import { fadingCheckNotBefore, nextFadingCheckAt } from './policy/fading';
import { policyOf } from './policy/resolve';
import type { DomainPolicy, Policy } from './policy/default-policy';
import type { Origin, RelationshipState } from './state';
import { datePassesAt, iso, ms } from './time';

export const TIMER_TYPES = ['reply_window', 'invoice_due', 'cooling_off_end', 'repair_review', 'notice_end', 'fading_check'] as const;
export type TimerType = (typeof TIMER_TYPES)[number];

/** The data each timer type carries (timers without data carry `{}`), read back when it fires. */
export const TIMER_DATA = {
  reply_window: z.object({ messageId: z.string() }),
  invoice_due: z.object({ invoiceId: z.string() }),
  repair_review: z.object({ reviewOn: z.string() }),
  fading_check: z.object({ day: z.string() }),
};

/** One pending timer, its spec built only when asked for (deciding needs only the due times). */
type Visit = (dueMs: number, spec: () => TimerSpec) => void;

const occurrence = (o: Origin): string => `${o.source}/${o.signalId}`;

// Due times repeat from one append to the next (a timer stays pending across many inputs), so
// their ISO form is remembered rather than written again; the memo starts over when it is full.
const DUE_STRINGS_KEPT = 1 << 16;
const dueStrings = new Map<number, string>();

function dueAtOf(dueMs: number): string {
  let text = dueStrings.get(dueMs);
  if (text === undefined) {
    if (dueStrings.size >= DUE_STRINGS_KEPT) dueStrings.clear();
    text = iso(dueMs);
    dueStrings.set(dueMs, text);
  }
  return text;
}

function spec(s: RelationshipState, path: string, type: TimerType, dueMs: number, data: Record<string, unknown>): TimerSpec {
  return { id: `${s.relationshipId}/${path}`, type, relationshipId: s.relationshipId, dueAt: dueAtOf(dueMs), data };
}

/**
 * Every pending timer of the state, in the order of the list (ties between equal due times keep it).
 * With `horizon`, the fading check is left out when it cannot be due by then (it is the one that
 * takes work to place).
 */
function visitPending(s: RelationshipState, p: DomainPolicy, visit: Visit, horizon = Infinity): void {
  if (s.lifecycle === 'offboarded') return;
  for (const messageId in s.pendingMessages) {
    const message = s.pendingMessages[messageId];
    visit(message.repliesBy, () => spec(s, `reply/${messageId}/${occurrence(message)}`, 'reply_window', message.repliesBy, { messageId }));
  }
  for (const invoiceId in s.invoices) {
    const invoice = s.invoices[invoiceId];
    if (!invoice.countedLate) visit(invoice.dueAt, () => spec(s, `due/${invoiceId}/${occurrence(invoice)}`, 'invoice_due', invoice.dueAt, { invoiceId }));
  }
  const n = s.notice;
  if (s.lifecycle === 'notice' && n) {
    if (s.phase === 'preparing' && n.coolingOffEndsAt && !n.coolingOffRecorded && !n.redFlagExit) {
      const due = ms(n.coolingOffEndsAt);
      visit(due, () => spec(s, `cooling-off/${n.proposalId}`, 'cooling_off_end', due, {}));
    }
    if (s.phase === 'served' && n.endsAt && !n.endRecorded) {
      const due = ms(n.endsAt);
      visit(due, () => spec(s, `notice-end/${n.serveId}`, 'notice_end', due, {}));
    }
  }
  const repair = s.repair;
  if (s.lifecycle === 'repair_attempt' && repair && !repair.reviewRecorded) {
    const due = datePassesAt(repair.reviewOn);
    visit(due, () => spec(s, `review/${repair.commandId}`, 'repair_review', due, { reviewOn: repair.reviewOn }));
  }
  if (s.lifecycle === 'at_risk') {
    const from = Math.max(s.lastAt, s.fadeCheckedOn ?? -Infinity);
    if (fadingCheckNotBefore(from) > horizon) return;
    const due = nextFadingCheckAt(s, from, p);
    if (due !== null) {
      visit(due, () => {
        const day = dueAtOf(due).slice(0, 10);
        return spec(s, `fade/${day}`, 'fading_check', due, { day });
      });
    }
  }
}

/** The timers this state wants pending; after a timer fires it is never listed again. */
export function timersFor(s: RelationshipState, policy: Policy): TimerSpec[] {
  const timers: TimerSpec[] = [];
  visitPending(s, policyOf(policy), (_due, make) => timers.push(make()));
  return timers;
}

/** The earliest timer due at or before `atMs`, if any (ties: the order of the list). */
export function firstDue(s: RelationshipState, atMs: number, policy: Policy): TimerSpec | null {
  let firstMs = Infinity;
  let first: (() => TimerSpec) | null = null;
  visitPending(s, policyOf(policy), (due, make) => {
    if (due <= atMs && due < firstMs) {
      firstMs = due;
      first = make;
    }
  }, atMs);
  return first === null ? null : (first as () => TimerSpec)();
}
