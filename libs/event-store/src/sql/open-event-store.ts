import type { Migration } from '../database';
import { openDatabase, type DatabaseOptions } from '../connection/open-database';
import { migrate } from '../migrations/migrate';
import { SqlEventStore } from './sql-event-store';

/** Opens the database, brings its schema up to date and returns a store that owns it. */
export async function openSqlEventStore(
  options: DatabaseOptions,
  ...extraMigrations: ReadonlyArray<readonly Migration[]>
): Promise<SqlEventStore> {
  const db = await openDatabase(options);
  try {
    await migrate(db, ...extraMigrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return new SqlEventStore(db, { ownsDatabase: true });
}
