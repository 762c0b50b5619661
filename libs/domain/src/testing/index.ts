export * from './given';
export * from './builders';
export { History, type Outcome } from './history';
