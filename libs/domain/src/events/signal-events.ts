// Facts a signal or a window running out leads to (rules 1–10): the signal recorded with how the
// policy judged it, the late and unanswered signs, the move into at_risk, the red-flag exit and fading.
import { z } from 'zod';
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

export const signalRecordedData = z.looseObject({
  ...commonEventFields,
  ...signAssessmentFields,
  payment: paymentRecordSchema.optional().describe('An invoice.paid that does not simply close its invoice records the payment.'),
  signal: z.looseObject({ id: z.string(), source: z.string(), type: z.string(), occurredAt: instantValue, data: z.looseObject({}) }),
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
