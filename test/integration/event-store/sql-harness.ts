// Runs the contract on one SQL database per test file, emptied between tests.
import { migrate, SqlEventStore, type Database } from '@offramp/event-store';
import type { ContractHarness } from './contract';

const TABLES = 'events, streams, idempotency_keys, snapshots, refusals, timers, projection_checkpoints';

export async function sqlHarness(db: Database, cleanup: () => Promise<void> = async () => undefined): Promise<ContractHarness> {
  await migrate(db);
  const store = new SqlEventStore(db);
  return {
    fresh: async () => {
      await db.query(`TRUNCATE ${TABLES} RESTART IDENTITY`);
      return { store, timers: store.timers, db };
    },
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}
