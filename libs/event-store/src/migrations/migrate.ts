import type { Database, Migration } from '../database';
import { storeMigrations } from './store-migrations';

// Any fixed number: every process that migrates this schema takes the same lock.
const MIGRATION_LOCK = 7_301_994;

/**
 * Applies the store's migrations, then each extra list (read models bring theirs), every list
 * in id order, each migration once. One transaction under an advisory lock, so two processes
 * starting together neither race nor apply anything twice.
 */
export async function migrate(db: Database, ...extra: ReadonlyArray<readonly Migration[]>): Promise<string[]> {
  const lists = [storeMigrations, ...extra].map((list) => [...list].sort((a, b) => a.id.localeCompare(b.id)));
  const ids = lists.flat().map((m) => m.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`migration ${repeated} is listed twice`);

  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of lists.flat()) {
      if (done.has(migration.id)) continue;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
