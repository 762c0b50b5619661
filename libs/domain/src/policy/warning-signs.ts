// What each signal means (domain.md, "Warning signs"): a warning sign with its reason code and the
// rule that governs it, a good sign, or neither. Unknown or missing optional data is neither.
// Rule 24: the signs rules 1–4 count weigh too (policy.riskScore.countedSignWeights).
import type { PaymentRecord } from '../events/signal-events';
import type { SignalInput } from '../inputs';
import type { ReasonCode } from '../model';
import { entryOf } from '../keyed';
import type { RelationshipState } from '../state';
import { ms } from '../time';
import type { DomainPolicy } from './default-policy';
import { judgePayment } from './late-payments';
import { isLosingPeriod, isProfitablePeriod, overBudget } from './losing-money';
import { isOutsideAgreedHours } from './off-hours';

export interface Judgement {
  /** A warning sign: rule 1 (at once), 4 (losing period, counted in a row), 5 (scored), 7/8 (red flag). */
  sign?: { code: ReasonCode; rule: 1 | 4 | 5 | 7; weight: number };
  good?: boolean;
  /** An `invoice.paid` for an invoice on record: what it does to the invoice (rule 27). */
  payment?: PaymentRecord;
}

const RED_FLAGS: Partial<Record<string, ReasonCode>> = { 'abuse.physical': 'physical_abuse', 'legal.risk_identified': 'legal_risk' };
const AT_ONCE: Partial<Record<string, ReasonCode>> = {
  'abuse.verbal': 'verbal_abuse', 'dishonesty.detected': 'dishonesty', 'demand.unreasonable': 'unreasonable_demands', 'invoice.disputed': 'invoice_disputes',
};
const SLOW_BURNERS: Partial<Record<string, ReasonCode>> = {
  'price.pressure': 'price_pressure', 'scope.changed': 'scope_changes', 'advice.ignored': 'ignored_advice',
  'rescue.demanded': 'ignored_advice', 'recommendation.rejected': 'rejected_recommendations', 'meeting.missed': 'missed_meetings',
  'disrespect.reported': 'disrespect', 'attitude.negative': 'negative_attitude',
};

const scored = (code: ReasonCode, p: DomainPolicy): Judgement => ({ sign: { code, rule: 5, weight: p.riskScore.weights[code] ?? 0 } });
/** The weight rule 24 gives a sign that rules 1–4 count (none under v1). */
export const countedWeight = (code: ReasonCode, p: DomainPolicy): number => p.riskScore.countedSignWeights[code] ?? 0;

export function judge(s: RelationshipState, signal: SignalInput, p: DomainPolicy): Judgement {
  const type = signal.type;
  const redFlag = RED_FLAGS[type];
  if (redFlag) return { sign: { code: redFlag, rule: 7, weight: 0 } };
  const atOnce = AT_ONCE[type];
  if (atOnce) return { sign: { code: atOnce, rule: 1, weight: countedWeight(atOnce, p) } };
  const slow = SLOW_BURNERS[type];
  if (slow) return scored(slow, p);
  switch (signal.type) {
    case 'invoice.paid': {
      const { invoiceId, amount, paidOn } = signal.data;
      const { verdict, record } = judgePayment(s, invoiceId, amount, paidOn, p);
      // A payment that simply closes its invoice needs no record: that is what evolve does without one.
      const recorded = record && (!record.settles || record.awaitsDue);
      return { ...(verdict === 'on_time' ? { good: true } : {}), ...(recorded ? { payment: record } : {}) };
    }
    case 'meeting.held':
      return signal.data.prepared ? { good: true } : scored('missed_meetings', p);
    case 'message.replied': {
      const pending = entryOf(s.pendingMessages, signal.data.messageId);
      return pending && ms(signal.occurredAt) <= pending.repliesBy ? { good: true } : {};
    }
    case 'message.received':
      return isOutsideAgreedHours(ms(signal.occurredAt), s.settings.agreedHours) ? scored('off_hours_messages', p) : {};
    case 'time.logged':
      return overBudget(s, ms(signal.occurredAt), signal.data.hours, p) ? scored('losing_money', p) : {};
    case 'period.closed':
      if (isLosingPeriod(signal.data)) return { sign: { code: 'losing_money', rule: 4, weight: countedWeight('losing_money', p) } };
      return isProfitablePeriod(signal.data) ? { good: true } : {};
    case 'feedback.received':
      return signal.data.sentiment === 'positive' ? { good: true } : scored('negative_feedback', p);
    default:
      return {};
  }
}
