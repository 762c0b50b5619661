import { Pool, type PoolClient } from 'pg';
import type { Database, QueryResult, Sql } from '../database';
import { PgListener } from './pg-listener';
import { type RetryPolicy, withRetry } from './retry';

export interface PgOptions { url: string; maxConnections?: number; retry: RetryPolicy }

// A query without parameters goes out on the simple protocol and may hold several
// statements; `pg` then answers with one result per statement, of which we keep the last.
function lastResult<R>(result: unknown): QueryResult<R> {
  const last = (Array.isArray(result) ? result[result.length - 1] : result) as { rows?: R[]; rowCount?: number | null } | undefined;
  const rows = last?.rows ?? [];
  return { rows, rowCount: last?.rowCount ?? rows.length };
}

/** Counts the statements one database sends. */
interface RoundTrips { count: number }

async function run<R>(sent: RoundTrips, client: Pool | PoolClient, text: string, params?: unknown[]): Promise<QueryResult<R>> {
  sent.count++;
  const result: unknown = params && params.length > 0 ? await client.query(text, params) : await client.query(text);
  return lastResult<R>(result);
}

export function openPgDatabase(options: PgOptions): Database {
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    // A server that does not answer at all counts as down, like one that refuses.
    connectionTimeoutMillis: 5_000,
    // An open transaction holds every reader of the global order back (cluster-wide): one left
    // idle by a stalled process is ended rather than allowed to stop the projections.
    idle_in_transaction_session_timeout: 60_000,
  });
  // A server restart kills idle connections; the pool drops them and the next query reconnects.
  pool.on('error', () => undefined);
  // A connection lost mid-query fails that query; the client's own error event needs no handling.
  pool.on('connect', (client) => client.on('error', () => undefined));

  const sent: RoundTrips = { count: 0 };

  async function transactionOnce<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      await run(sent, client, 'BEGIN');
      const result = await fn({ query: (text, params) => run(sent, client, text, params) });
      await run(sent, client, 'COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dead: the pool must not hand it out again.
      await run(sent, client, 'ROLLBACK').catch(() => { broken = true; });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  const listener = new PgListener(options.url);

  return {
    kind: 'postgres',
    query: (text, params) => withRetry(options.retry, () => run(sent, pool, text, params)),
    transaction: (fn) => withRetry(options.retry, () => transactionOnce(fn)),
    listen: (channel, onMessage, onGap) => listener.listen(channel, onMessage, onGap),
    notify: async (channel, payload) => { await withRetry(options.retry, () => run(sent, pool, 'SELECT pg_notify($1, $2)', [channel, payload])); },
    ping: async () => { await run(sent, pool, 'SELECT 1'); },
    roundTrips: () => sent.count,
    connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}
