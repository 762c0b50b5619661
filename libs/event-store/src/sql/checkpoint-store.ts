// Named checkpoints of readers of the global order: projections (saved in the transaction
// that applies their events) and the outbox publisher (saved after Kafka took the batch).
import type { Checkpoint } from '@offramp/runtime';
import type { Sql } from '../database';

export class CheckpointStore {
  constructor(private readonly sql: Sql) {}

  async load(name: string, sql: Sql = this.sql): Promise<Checkpoint> {
    const { rows } = await sql.query<{ checkpoint: string | null }>(
      'SELECT checkpoint FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0]?.checkpoint ?? null;
  }

  /**
   * Inside a transaction: the checkpoint, with its row locked until commit, so two processes
   * moving the same checkpoint take turns and the second sees where the first left it.
   */
  async lock(tx: Sql, name: string): Promise<Checkpoint> {
    await tx.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    const { rows } = await tx.query<{ checkpoint: string | null }>(
      'SELECT checkpoint FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
      [name],
    );
    return rows[0].checkpoint;
  }

  async save(name: string, checkpoint: Checkpoint, sql: Sql = this.sql): Promise<void> {
    await sql.query(
      `INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [name, checkpoint],
    );
  }
}
