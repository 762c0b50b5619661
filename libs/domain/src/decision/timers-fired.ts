// A timer that came due, and the catch-up that fires every timer due before an input, in order,
// so that a late-firing timer and a prompt one leave the same history.
import type { TimerSpec } from '../inputs';
import type { Policy } from '../policy/default-policy';
import { TIMER_DATA, firstDue } from '../timers';
import { entryOf } from '../keyed';
import { ms } from '../time';
import { refOf, type Decider } from './decider';
import { countLatePayment, countUnanswered } from './late-signs';
import { recordedRiskAfter, settle } from './risk';

const MAX_TIMERS_PER_DECISION = 1000;

function fire(d: Decider, timer: TimerSpec): void {
  const at = timer.dueAt;
  const cause = refOf('timer', timer.id, timer.type, at);
  switch (timer.type) {
    case 'reply_window':
      countUnanswered(d, TIMER_DATA.reply_window.parse(timer.data).messageId, at, cause);
      break;
    case 'invoice_due': {
      const { invoiceId } = TIMER_DATA.invoice_due.parse(timer.data);
      countLatePayment(d, invoiceId, at, cause, entryOf(d.state.invoices, invoiceId)?.settled ? 'paid_after_due' : 'unpaid_at_due');
      break;
    }
    case 'cooling_off_end':
      d.emit(at, cause, { type: 'CoolingOffEnded', data: { coolingOffEndedAt: at } });
      break;
    case 'repair_review':
      d.emit(at, cause, { type: 'RepairReviewDue', data: { reviewOn: TIMER_DATA.repair_review.parse(timer.data).reviewOn } });
      break;
    case 'notice_end':
      d.emit(at, cause, { type: 'NoticePeriodEnded', data: { endedAt: at } });
      break;
    case 'fading_check':
      if (!settle(d, at, cause)) {
        const atMs = ms(at);
        d.emit(at, cause, { type: 'FadingChecked', data: { day: TIMER_DATA.fading_check.parse(timer.data).day, risk: recordedRiskAfter(d, atMs, at, {}) } });
      }
      return;
  }
  settle(d, at, cause);
}

/** Fires, in order, every timer the state lists as due at or before `untilMs`. */
export function catchUp(d: Decider, untilMs: number, policy: Policy): void {
  for (let i = 0; i < MAX_TIMERS_PER_DECISION; i++) {
    const timer = firstDue(d.state, untilMs, policy);
    if (!timer) return;
    const before = d.events.length;
    fire(d, timer);
    if (d.events.length === before) return;
  }
}
