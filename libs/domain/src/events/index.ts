// Domain events: facts, named in the past tense. Every decision records the policy version and
// the input that caused it; transitions carry `from`/`to`, so replay never re-runs the policy.
// One zod schema per type (catalogue.ts); the types derive from them.
export * from './catalogue';
export * from './values';
export { relationshipEventOf, upcast } from './upcast';
export { relationshipSettingsSchema } from './relationship-opened';
export type { CommonEventData, PaymentRecord, RecordedSignal, SignAssessment } from './signal-events';
