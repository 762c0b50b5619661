// Public surface of the pure domain: everything else in offramp imports from here only, and
// nothing inside libs/domain imports this file (each module imports what it uses from where it is
// defined, so the domain's imports form no cycle; the boundaries check holds it to that).
export * from './model';
export type { SignalData, CommandData, SignalInput, CommandInput, TimerInput, Input, TimerSpec, RecordedSignalOf } from './inputs';
/** Folded state of one relationship. Plain JSON (it is snapshotted). */
export type { RelationshipState, RelationshipSettings } from './state';
export type { Decision } from './decision/outcome';

/** The policy (policy.md) with every default in one object; `version` is recorded on every event. */
export { DEFAULT_POLICY, type Policy, type DomainPolicy } from './policy/default-policy';
/** policy-v1 stays a value (streams decided under it replay unchanged); DEFAULT_POLICY is policy-v2. */
export { POLICY_V1, POLICY_V2 } from './policy/default-policy';
/** Changes whenever the machine's shape changes; snapshots made by another machine are ignored. */
export { MACHINE_VERSION, lifecycleMachine, machineDefinitionJson } from './machine';
/** Shape check of a raw signal or command (`kind` decides which; without `kind`, `actor` or `issuedAt` means command). */
export { parseInput, type ParseResult } from './catalogue/parse-input';
/** Decides one input against the current state (`null`: the relationship was never opened); idempotency keys (rule 22). */
export { decide, idempotencyKeyOf } from './decide';
/** Folds one fact into the state (exhaustive over the event catalogue). */
export { evolve } from './evolve';
/** The timers this state wants pending; after a timer fires it is never listed again. */
export { timersFor, TIMER_TYPES, type TimerType } from './timers';
export {
  viewOf, riskReadingOf, noticeStatusOf, repairOf, accountOwnerOf, openReceivablesOf, checklistProgressOf, teamOf, clientNameOf, type NoticeStatus, type OpenReceivable,
} from './view';
/** The score at a moment, from a reading (rule 25): the one place a read score is computed in TypeScript. */
export { readScore, type RiskReading } from './policy/risk-score';

export {
  LIMITS, valueProblem, type ValueProblem,
  anySignalSchema, anyCommandSchema, commandBodySchema, commandBodySchemaOf, SIGNAL_SCHEMAS, COMMAND_SCHEMAS,
} from './catalogue';
export { SIGNAL_TYPES, type SignalType } from './catalogue/signals';
export { COMMAND_TYPES, OFFBOARDING_STEPS, NOTICE_CHANNELS, REPAIR_STRATEGIES, type CommandType, type OffboardingStep } from './catalogue/commands';
export {
  EVENT_TYPES, EVENT_CATALOGUE, EVENT_SCHEMAS, relationshipEventSchema, eventSchemaVersionOf, upcast, relationshipEventOf,
  isRelationshipEvent, isEventType, domainEventSchema,
  reasonSchema, reasonCodeSchema, lifecycleStateSchema, noticePhaseSchema, actorSchema, inputRefSchema, transitionSchema,
  recordedRiskSchema, traceContextSchema, relationshipSettingsSchema, instantValue, dayValue,
  type EventType, type PaymentRecord, type RelationshipEvent, type EventOf, type EventData, type Fact, type DomainEvent, type InputRef,
  type TransitionTaken, type RecordedRisk, type RecordedSignal,
} from './events';
export { relationshipViewSchema, riskScoreValue } from './view-schema';
export * from './policy-document';
export * from './team-policy';
