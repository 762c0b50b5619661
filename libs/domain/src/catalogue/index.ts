export { parseInput, type ParseResult } from './parse-input';
export { LIMITS } from './fields';
export { valueProblem, type ValueProblem } from './value-limits';
export { anySignalSchema, anyCommandSchema, commandBodySchema, commandBodySchemaOf, SIGNAL_SCHEMAS, COMMAND_SCHEMAS } from './wire-schemas';
export { SIGNAL_TYPES, type SignalType } from './signals';
export { COMMAND_TYPES, OFFBOARDING_STEPS, NOTICE_CHANNELS, REPAIR_STRATEGIES, type CommandType, type OffboardingStep } from './commands';
