export * from './tokens';
export * from './platform';
export * from './platform.module';
export * from './bootstrap';
