export * from './given';
export { History, type Outcome } from './history';
