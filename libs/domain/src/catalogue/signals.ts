// The signal catalogue of contract.md (v1): one `data` schema per type. Unknown fields pass.
import { z } from 'zod';
import { amount, bounded, day, identifier, instant, LIMITS, prose, text } from './fields';

const described = z.looseObject({ description: prose.optional() });

export const SIGNAL_DATA = {
  'abuse.physical': described,
  'abuse.verbal': described,
  'dishonesty.detected': described,
  'demand.unreasonable': described,
  'legal.risk_identified': described,
  'invoice.issued': z.looseObject({ invoiceId: identifier, amount, dueOn: day }),
  'invoice.paid': z.looseObject({ invoiceId: identifier, amount, paidOn: day }),
  'invoice.disputed': z.looseObject({ invoiceId: identifier, reason: prose.optional() }),
  'price.pressure': z.looseObject({ competitorPrice: amount.optional() }),
  'scope.changed': described,
  'advice.ignored': described,
  'rescue.demanded': described,
  'recommendation.rejected': described,
  'meeting.held': z.looseObject({ prepared: z.boolean() }),
  'meeting.missed': z.looseObject({}),
  'message.sent': z.looseObject({ messageId: identifier, channel: text }),
  'message.replied': z.looseObject({ messageId: identifier }),
  'message.received': z.looseObject({ channel: text }),
  'time.logged': z.looseObject({ hours: bounded(LIMITS.loggedHours) }),
  'period.closed': z.looseObject({ period: text, revenue: amount, cost: amount }),
  'feedback.received': z.looseObject({ sentiment: z.enum(['positive', 'negative', 'indecisive']) }),
  'disrespect.reported': described,
  'attitude.negative': described,
} as const;

export type SignalType = keyof typeof SIGNAL_DATA;
export const SIGNAL_TYPES = Object.keys(SIGNAL_DATA) as SignalType[];

export const signalEnvelope = z.looseObject({
  kind: z.literal('signal').optional(),
  id: identifier,
  type: text,
  relationshipId: identifier,
  occurredAt: instant,
  source: identifier,
  data: z.looseObject({}),
});

/** The full schema of one signal type (envelope with its `data`), for JSON Schema export. */
export const signalSchemaOf = (type: SignalType) =>
  signalEnvelope.extend({ type: z.literal(type), data: SIGNAL_DATA[type] });
