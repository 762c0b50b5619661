// Named checkpoints of every reader of the global order (the tailing processor's handlers): read
// models move theirs in the transaction that applies their page, the outbox once Kafka took it.
// Each move is a compare-and-set from where the reader started, so two processes moving the same
// checkpoint never both succeed: the second one's work is rolled back.
import type { ProcessorCheckpoints } from '@offramp/processing';
import type { Checkpoint } from '@offramp/runtime';
import type { Database, Sql } from '../database';

export class CheckpointStore implements ProcessorCheckpoints<Sql> {
  constructor(private readonly db: Database) {}

  async load(name: string): Promise<Checkpoint> {
    const { rows } = await this.db.query<{ checkpoint: string | null }>(
      'SELECT checkpoint FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0]?.checkpoint ?? null;
  }

  async advance(name: string, from: Checkpoint, to: Checkpoint, work?: (tx: Sql) => Promise<void>): Promise<boolean> {
    if (!work) {
      const { rows } = await this.db.query(
        `INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $3)
         ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
         WHERE projection_checkpoints.checkpoint IS NOT DISTINCT FROM $2
         RETURNING 1 AS moved`,
        [name, from, to],
      );
      return rows.length > 0;
    }
    return this.db.transaction(async (tx) => {
      if ((await lock(tx, name)) !== from) return false;
      await work(tx);
      await save(tx, name, to);
      return true;
    });
  }

  async reset(names: readonly string[], work?: (tx: Sql) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const name of names) await lock(tx, name);
      await work?.(tx);
      for (const name of names) await save(tx, name, null);
    });
  }
}

/** The checkpoint, its row locked until commit: two processes moving it take turns. */
async function lock(tx: Sql, name: string): Promise<Checkpoint> {
  await tx.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const { rows } = await tx.query<{ checkpoint: string | null }>(
    'SELECT checkpoint FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
    [name],
  );
  return rows[0].checkpoint;
}

async function save(tx: Sql, name: string, checkpoint: Checkpoint): Promise<void> {
  await tx.query('UPDATE projection_checkpoints SET checkpoint = $2, updated_at = now() WHERE name = $1', [name, checkpoint]);
}
