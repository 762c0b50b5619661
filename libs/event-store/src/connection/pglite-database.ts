import { PGlite } from '@electric-sql/pglite';
import type { Database, QueryResult, Sql } from '../database';
import { Mutex } from './mutex';

// PGlite speaks the extended protocol for parameterised queries (one statement) and `exec`
// for scripts: a query without parameters may hold several statements, as with `pg`.
/** Counts the statements one database sends. */
interface RoundTrips { count: number }

async function run<R>(sent: RoundTrips, pg: PGlite, text: string, params?: unknown[]): Promise<QueryResult<R>> {
  sent.count++;
  if (params && params.length > 0) {
    const result = await pg.query<R>(text, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }
  const results = await pg.exec(text);
  const last = results[results.length - 1];
  const rows = (last?.rows ?? []) as R[];
  return { rows, rowCount: last?.affectedRows ?? rows.length };
}

export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const pg = await PGlite.create(dataDir);
  const lock = new Mutex();
  const sent: RoundTrips = { count: 0 };
  const tx: Sql = { query: (text, params) => run(sent, pg, text, params) };
  let closed = false;
  const channels = new Map<string, Set<(payload: string) => void>>();
  return {
    kind: 'pglite',
    query: (text, params) => lock.run(() => run(sent, pg, text, params)),
    transaction: (fn) =>
      lock.run(async () => {
        await run(sent, pg, 'BEGIN');
        try {
          const result = await fn(tx);
          await run(sent, pg, 'COMMIT');
          return result;
        } catch (error) {
          await run(sent, pg, 'ROLLBACK');
          throw error;
        }
      }),
    // Only this process can open the database, so a notification never has to leave it: it is
    // handed to the listeners here, without a statement that would wait for the one connection.
    listen: async (channel, onMessage) => {
      let listeners = channels.get(channel);
      if (!listeners) channels.set(channel, (listeners = new Set()));
      const listener = (payload: string) => onMessage(payload);
      listeners.add(listener);
      return async () => { listeners.delete(listener); };
    },
    notify: async (channel, payload) => {
      for (const listener of [...(channels.get(channel) ?? [])]) listener(payload);
    },
    ping: async () => { await lock.run(() => run(sent, pg, 'SELECT 1')); },
    roundTrips: () => sent.count,
    // One connection: busy while anyone holds the lock, everyone else in line waits for it.
    connections: () => ({ total: 1, idle: lock.queued === 0 ? 1 : 0, waiting: Math.max(0, lock.queued - 1) }),
    close: () =>
      lock.run(async () => {
        if (closed) return;
        closed = true;
        await pg.close();
      }),
  };
}
