export * from './cloud-event-names';
export * from './cloud-event-kafka';
export * from './trace-context';
export * from './event-message';
export * from './published-events';
