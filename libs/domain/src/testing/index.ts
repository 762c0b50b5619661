export * from './given';
export * from './builders';
export { History, type Outcome } from './history';
export { asWritten, recordedEvents, recordedSteps } from './recorded-stream';
