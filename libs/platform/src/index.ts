export * from './tokens';
export * from './platform';
export * from './platform.module';
export * from './bootstrap';
export { requestLog, requestIdOf } from './http/request-log';
