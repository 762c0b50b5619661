export * from './in-memory-event-store';
export * from './in-memory-timer-store';
export * from './in-memory-dead-letter-archive';
