export * from './in-memory-event-store';
export * from './in-memory-timer-store';
