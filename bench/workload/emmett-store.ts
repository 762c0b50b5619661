// Emmett's PostgreSQL event store, the outside baseline, on the same database as ours.
import { getPostgreSQLEventStore, postgreSQLEventStoreConsumer, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
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

/**
 * Reads Emmett's global order with its PostgreSQL consumer (a reactor with checkpoints), handing
 * each message's global position to `seen`. Without `idleMs` it stops when nothing is left;
 * with it, it keeps tailing until `done()` holds and nothing arrived for `idleMs`.
 */
export async function consumeWithEmmett(
  url: string,
  processorId: string,
  seen: (position: bigint) => void,
  options: { batchSize: number; idleMs?: number; done?: () => boolean },
): Promise<void> {
  let count = 0;
  const consumer = postgreSQLEventStoreConsumer({
    connectionString: url,
    // Catching up: no pause between full batches (Emmett's default waits 50 ms); tailing: 20 ms.
    pulling: { batchSize: options.batchSize, pullingFrequencyInMs: options.idleMs === undefined ? 0 : 20 },
    ...(options.idleMs === undefined ? { stopWhen: { noMessagesLeft: true } } : {}),
  });
  consumer.reactor({
    processorId,
    startFrom: 'BEGINNING',
    // This Emmett version's reactor calls eachMessage only (eachBatch is typed but not called).
    eachMessage: (message) => {
      count++;
      seen(message.metadata.globalPosition);
    },
  });
  const running = consumer.start();
  if (options.idleMs !== undefined) {
    let before = -1;
    while (count !== before || !(options.done?.() ?? true)) {
      before = count;
      await new Promise((resolve) => setTimeout(resolve, options.idleMs));
    }
    await consumer.stop();
  }
  await running;
  await consumer.close();
}
