// One SQL dialect, two engines: PostgreSQL through `pg` and PGlite on disk or in memory.
// Everything that touches SQL (store, timers, projections, read models) speaks only this.

export interface QueryResult<R> { rows: R[]; rowCount: number }

export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Calls `onMessage` with the payload of every NOTIFY on `channel` once its transaction committed,
   * from any connection or process. `onGap` is called after the listening connection was lost and
   * came back, when messages may have been missed. Resolves once listening; the result stops it.
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /**
   * Sends `payload` to every listener of `channel`, in any process on this database, as NOTIFY
   * does from a transaction of its own.
   */
  notify(channel: string, payload: string): Promise<void>;
  /** One round trip without retrying: throws when the server cannot answer now. */
  ping(): Promise<void>;
  /**
   * Statements sent to the server since it was opened, BEGIN and COMMIT included: what a batch
   * costs in round trips, read from memory (no query).
   */
  roundTrips(): number;
  /** How the connections are used right now, read from memory (no query). */
  connections(): ConnectionUse;
  close(): Promise<void>;
}

/** Connections open, those free, and callers waiting for one. */
export interface ConnectionUse { total: number; idle: number; waiting: number }

/** A numbered schema change. Ids sort in the order they apply (`event-store/001_events`). */
export interface Migration { id: string; sql: string }
