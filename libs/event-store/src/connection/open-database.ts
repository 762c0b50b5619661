import type { Database } from '../database';
import { openPgDatabase } from './pg-database';
import { openPgliteDatabase } from './pglite-database';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; `memory://` for an in-memory PGlite. */
  url?: string;
  /** Directory of an on-disk PGlite, used when no url is given. */
  dataDir?: string;
  /** PostgreSQL only: connections in the pool. */
  maxConnections?: number;
  /** PostgreSQL only: how long work is retried while the server cannot be reached. */
  retry?: Partial<RetryPolicy>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { url, dataDir } = options;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return openPgDatabase({ url, maxConnections: options.maxConnections, retry: { ...DEFAULT_RETRY, ...options.retry } });
  }
  if (url === 'memory://') return openPgliteDatabase('memory://');
  if (url) throw new Error(`unsupported database url ${url}: use postgres://… or memory://`);
  if (!dataDir) throw new Error('a database needs a postgres:// url, memory:// or a data directory');
  return openPgliteDatabase(dataDir);
}
