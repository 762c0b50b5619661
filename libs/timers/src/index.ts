export * from './clocks';
export * from './timer-runner';
