// Facts a signal or a window running out leads to (rules 1–10): the signal recorded with how the
// policy judged it, the late and unanswered signs, the move into at_risk, the red-flag exit and fading.
import { z } from 'zod';
import { SIGNAL_DATA, type SignalType } from '../catalogue/signals';
import { instantValue, reasonCodeSchema, reasonSchema, recordedRiskSchema, transitionSchema } from './values';

/** What every event may carry; evolve applies these the same way for every type. */
export const commonEventFields = {
  transition: transitionSchema.optional(),
  reasons: z.array(reasonSchema).optional(),
  risk: recordedRiskSchema.optional(),
};

export const signAssessmentFields = {
  sign: z.object({ code: reasonCodeSchema, rule: z.number().int(), weight: z.number() }).optional()
    .describe('The warning sign the signal is, if any, and the rule that governs it.'),
  good: z.boolean().optional().describe('A good sign (rule 5): lowers the score.'),
};

/**
 * How decide judged an `invoice.paid` for an invoice on record (rule 27): the total paid so far,
 * whether it settles the invoice, and whether a settled invoice still waits for its due date to
 * pass to be counted late (paid after `dueOn`, reported before the due date passed).
 */
export const paymentRecordSchema = z.object({ invoiceId: z.string(), paid: z.number(), settles: z.boolean(), awaitsDue: z.boolean() });

/** A signal as its fact records it: the envelope's fields and the data its type's schema parsed. */
const recordedSignalOf = <T extends SignalType>(type: T) =>
  z.looseObject({ id: z.string(), source: z.string(), type: z.literal(type), occurredAt: instantValue, data: SIGNAL_DATA[type] });

const RECORDED_SIGNALS = {
  'abuse.physical': recordedSignalOf('abuse.physical'),
  'abuse.verbal': recordedSignalOf('abuse.verbal'),
  'dishonesty.detected': recordedSignalOf('dishonesty.detected'),
  'demand.unreasonable': recordedSignalOf('demand.unreasonable'),
  'legal.risk_identified': recordedSignalOf('legal.risk_identified'),
  'invoice.issued': recordedSignalOf('invoice.issued'),
  'invoice.paid': recordedSignalOf('invoice.paid'),
  'invoice.disputed': recordedSignalOf('invoice.disputed'),
  'price.pressure': recordedSignalOf('price.pressure'),
  'scope.changed': recordedSignalOf('scope.changed'),
  'advice.ignored': recordedSignalOf('advice.ignored'),
  'rescue.demanded': recordedSignalOf('rescue.demanded'),
  'recommendation.rejected': recordedSignalOf('recommendation.rejected'),
  'meeting.held': recordedSignalOf('meeting.held'),
  'meeting.missed': recordedSignalOf('meeting.missed'),
  'message.sent': recordedSignalOf('message.sent'),
  'message.replied': recordedSignalOf('message.replied'),
  'message.received': recordedSignalOf('message.received'),
  'time.logged': recordedSignalOf('time.logged'),
  'period.closed': recordedSignalOf('period.closed'),
  'feedback.received': recordedSignalOf('feedback.received'),
  'disrespect.reported': recordedSignalOf('disrespect.reported'),
  'attitude.negative': recordedSignalOf('attitude.negative'),
} satisfies { [T in SignalType]: ReturnType<typeof recordedSignalOf<T>> };

const [firstSignal, ...otherSignals] = Object.values(RECORDED_SIGNALS);
export const recordedSignalSchema = z.discriminatedUnion('type', [firstSignal, ...otherSignals]);
export type RecordedSignal = z.infer<typeof recordedSignalSchema>;

export const signalRecordedData = z.looseObject({
  ...commonEventFields,
  ...signAssessmentFields,
  payment: paymentRecordSchema.optional().describe('An invoice.paid that does not simply close its invoice records the payment.'),
  signal: recordedSignalSchema,
  recordedOnly: z.literal(true).optional().describe('Offboarded: the signal is only recorded (rule 19).'),
});

export const clientWarnedData = z.looseObject({ ...commonEventFields, signalId: z.string() });

export const paymentCountedLateData = z.looseObject({
  ...commonEventFields,
  invoiceId: z.string(),
  dueOn: z.string().nullable(),
  dueAt: instantValue,
  signalId: z.string().describe('The invoice.issued signal.'),
  how: z.enum(['unpaid_at_due', 'paid_after_due']),
  weight: z.number().optional().describe('Its weight in the risk score (rule 24).'),
});

export const messageUnansweredData = z.looseObject({
  ...commonEventFields,
  messageId: z.string(),
  sentAt: instantValue,
  windowEndedAt: instantValue,
  signalId: z.string().describe('The message.sent signal.'),
  weight: z.number().optional().describe('Its weight in the risk score (rule 24).'),
});

export const relationshipMarkedAtRiskData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  reasons: z.array(reasonSchema),
  score: z.number(),
  threshold: z.number(),
  episode: z.boolean(),
  repeatedEpisodes: z.number().int().nonnegative(),
});

export const redFlagExitStartedData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  flag: reasonCodeSchema,
  signalId: z.string(),
  reasons: z.array(reasonSchema),
});

export const riskFadedData = z.looseObject({ ...commonEventFields, transition: transitionSchema, reasons: z.array(reasonSchema) });

export const fadingCheckedData = z.looseObject({ ...commonEventFields, day: z.string().describe('The day checked (YYYY-MM-DD).') });

/** How decide judged an `invoice.paid` for an invoice on record (rule 27). */
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;
/** How decide judged one signal. */
export type SignAssessment = z.infer<z.ZodObject<typeof signAssessmentFields>>;
/** Fields any event may carry; evolve applies them the same way for every type. */
export type CommonEventData = z.infer<z.ZodObject<typeof commonEventFields>>;
