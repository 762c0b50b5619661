export * from './tokens';
export * from './platform';
export * from './platform.module';
export * from './bootstrap';
export { requestLog, requestIdOf, requestLogFields, requestTraceOf } from './http/request-log';
