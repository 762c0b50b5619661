// The event store: one SQL implementation for PostgreSQL and PGlite, and one in memory.
export * from './database';
export * from './memory';
export { openDatabase, type DatabaseOptions } from './connection/open-database';
export { type RetryPolicy, DEFAULT_RETRY } from './connection/retry';
export { isTransientError } from './connection/transient-errors';
export { migrate } from './migrations/migrate';
export { storeMigrations } from './migrations/store-migrations';
export { SqlEventStore, type StoreHealth } from './sql/sql-event-store';
export { SqlTimerStore } from './sql/sql-timer-store';
export { CheckpointStore } from './sql/checkpoint-store';
export { SqlDeadLetterArchive, type DeadLetterArchive, type DeadLetterRow, type RecordedDeadLetter, type RecordedOffsets } from './sql/dead-letter-archive';
export { SqlLeaseStore } from './sql/lease-store';
export { openSqlEventStore } from './sql/open-event-store';
export { BACKLOG_CAP, eventsBehind, timersDue } from './sql/backlog';
