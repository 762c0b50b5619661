// Public surface of the pure domain. Everything else in offramp imports from here only.
export * from './model';
export * from './api';
