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
  /** One round trip without retrying: throws when the server cannot answer now. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A numbered schema change. Ids sort in the order they apply (`event-store/001_events`). */
export interface Migration { id: string; sql: string }
