// Value shapes events, read models and the wire share: one zod schema each, the types derive from them.
import { z } from 'zod';
import { LIFECYCLE_STATES, REASON_CODES } from '../model';

/** An instant as events record it (ISO-8601, UTC or with an offset). */
export const instantValue = z.iso.datetime({ offset: true });
/** A calendar day, `YYYY-MM-DD`. */
export const dayValue = z.iso.date();

export const lifecycleStateSchema = z.enum(LIFECYCLE_STATES).meta({ id: 'LifecycleState', description: 'One of the five lifecycle states.' });
export const noticePhaseSchema = z.enum(['preparing', 'served']).meta({ id: 'NoticePhase', description: 'The phase of `notice`; null in every other state.' });
export const reasonCodeSchema = z.enum(REASON_CODES).meta({ id: 'ReasonCode', description: 'A policy reason code (policy.md, "Reasons").' });
export const roleSchema = z.enum(['viewer', 'manager', 'admin']);

export const reasonSchema = z.object({
  code: reasonCodeSchema,
  message: z.string(),
  since: instantValue.describe('The earliest sign behind this reason.'),
  signalIds: z.array(z.string()).describe('The signals behind this reason.'),
}).meta({ id: 'Reason', description: 'Why a decision raised or kept risk.' });

export const actorSchema = z.object({ id: z.string(), teamId: z.string(), role: roleSchema })
  .meta({ id: 'Actor', description: 'The person who issued a command.' });

export const inputRefSchema = z.object({
  kind: z.enum(['signal', 'command', 'timer']),
  id: z.string().describe('The input id: the causation id of every event it caused.'),
  type: z.string(),
  source: z.string().optional(),
  actor: actorSchema.optional(),
  at: instantValue,
  command: z.object({ data: z.record(z.string(), z.unknown()), override: z.object({ reason: z.string() }).optional() }).optional()
    .describe('Commands, on the first fact they led to: the command\'s data and override as given, so a history replays from its facts.'),
}).meta({ id: 'InputRef', description: 'The input an event came from.' });

/** The input a fact came from, as recorded on every event. */
export type InputRef = z.infer<typeof inputRefSchema>;

export const lifecyclePointSchema = z.object({ state: lifecycleStateSchema, phase: noticePhaseSchema.nullable() });
export const transitionSchema = z.object({ from: lifecyclePointSchema, to: lifecyclePointSchema })
  .meta({ id: 'Transition', description: 'The lifecycle move an event records.' });

export const recordedRiskSchema = z.object({ value: z.number(), at: instantValue })
  .meta({ id: 'RecordedRisk', description: 'The risk score as of an instant; it decays from there.' });

/** W3C trace context of the input that caused an event (the CloudEvents distributed-tracing extension). */
export const traceContextSchema = z.object({
  traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent'),
  tracestate: z.string().optional(),
}).meta({ id: 'TraceContext', description: 'W3C trace context of the input that caused the event.' });

export type TransitionTaken = z.infer<typeof transitionSchema>;
export type LifecyclePoint = TransitionTaken['from'];
/** The risk score as events record it: the value as of an ISO instant. */
export type RecordedRisk = z.infer<typeof recordedRiskSchema>;
