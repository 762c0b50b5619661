// Domain events: facts, named in the past tense. Every decision records the policy version and
// the input that caused it; transitions carry `from`/`to`, so replay never re-runs the policy.
// One zod schema per type (catalogue.ts); the types below derive from them.
import type { z } from 'zod';
import type { recordedRiskSchema, transitionSchema } from './values';
import type { commonEventFields, paymentRecordSchema, signAssessmentFields } from './signal-events';

export * from './catalogue';
export * from './values';
export { upcast } from './upcast';
export { relationshipSettingsSchema } from './relationship-opened';

export type TransitionTaken = z.infer<typeof transitionSchema>;
export type LifecyclePoint = TransitionTaken['from'];
/** The risk score as events record it: the value as of an ISO instant. */
export type RecordedRisk = z.infer<typeof recordedRiskSchema>;
/** How decide judged an `invoice.paid` for an invoice on record (rule 27). */
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;
/** How decide judged one signal. */
export type SignAssessment = z.infer<z.ZodObject<typeof signAssessmentFields>>;

/** Fields any event may carry; evolve applies them the same way for every type. */
export type CommonEventData = z.infer<z.ZodObject<typeof commonEventFields>> & { [key: string]: unknown };
