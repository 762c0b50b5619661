// Public surface of the pure domain. Everything else in offramp imports from here only.
export * from './model';
export * from './api';
export { SIGNAL_TYPES, COMMAND_TYPES, OFFBOARDING_STEPS, NOTICE_CHANNELS, REPAIR_STRATEGIES, LIMITS, valueProblem, type ValueProblem } from './catalogue';
export { EVENT_TYPES, type EventType, type PaymentRecord } from './events';
export { TIMER_TYPES, type TimerType } from './timers';
export type { DomainPolicy } from './policy/default-policy';
export * from './policy-document';
export * from './team-policy';
