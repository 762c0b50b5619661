// Emmett's PostgreSQL event store, the outside baseline, on the same database as ours.
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import type { DomainEvent } from '@offramp/domain';

export interface EmmettStore {
  store: PostgresEventStore;
  /** Appends to a stream at a known version (0n: new stream), as a writer with its own state would. */
  append(streamId: string, events: DomainEvent[], expectedVersion: number): Promise<void>;
  close(): Promise<void>;
}

export async function openEmmettStore(url: string, maxConnections: number): Promise<EmmettStore> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    store,
    append: async (streamId, events, expectedVersion) => {
      await store.appendToStream(
        streamId,
        events.map((event) => ({ type: event.type, data: { ...event } })),
        { expectedStreamVersion: BigInt(expectedVersion) },
      );
    },
    close: async () => {
      await store.close();
      await pool.end().catch(() => {});
    },
  };
}
