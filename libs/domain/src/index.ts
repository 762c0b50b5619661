// Public surface of the pure domain. Everything else in offramp imports from here only.
export * from './model';
export * from './api';
export {
  SIGNAL_TYPES, COMMAND_TYPES, OFFBOARDING_STEPS, NOTICE_CHANNELS, REPAIR_STRATEGIES, LIMITS, valueProblem, type ValueProblem,
  anySignalSchema, anyCommandSchema, commandBodySchema, commandBodySchemaOf, SIGNAL_SCHEMAS, COMMAND_SCHEMAS,
  type SignalType, type CommandType,
} from './catalogue';
export {
  EVENT_TYPES, EVENT_CATALOGUE, EVENT_SCHEMAS, relationshipEventSchema, eventSchemaVersionOf, upcast,
  reasonSchema, reasonCodeSchema, lifecycleStateSchema, noticePhaseSchema, actorSchema, inputRefSchema, transitionSchema,
  recordedRiskSchema, traceContextSchema, relationshipSettingsSchema, instantValue, dayValue,
  type EventType, type PaymentRecord, type RelationshipEvent, type EventOf, type EventData,
} from './events';
export { relationshipViewSchema, riskScoreValue } from './view-schema';
export { TIMER_TYPES, type TimerType } from './timers';
export type { DomainPolicy } from './policy/default-policy';
export * from './policy-document';
export * from './team-policy';
