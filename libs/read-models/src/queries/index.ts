export * from './read-context';
export * from './repair-strategies';
export * from './portfolio-board.query';
export * from './at-risk-queue.query';
export * from './notice-tracker.query';
export * from './timeline.query';
export * from './pareto.query';
export * from './exit-lessons.query';
