// Named checkpoints of every reader of the global order (the tailing processor's handlers): read
// models move theirs in the transaction that applies their page, the outbox once Kafka took it.
// Each move is a compare-and-set from where the reader started, so two processes moving the same
// checkpoint never both succeed: the second one's work is rolled back. A move made under a lease
// is fenced by it: it commits only while that lease is held in the same term, so a holder that
// was paused past its expiry while another took over cannot move the checkpoint on waking.
import type { LeaseFence, ProcessorCheckpoints } from '@offramp/processing';
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

  async advance(name: string, from: Checkpoint, to: Checkpoint, work?: (tx: Sql) => Promise<void>, fence?: LeaseFence): Promise<boolean> {
    if (!work) {
      // The fence's row stays share-locked until this statement commits: a takeover waits for it.
      const { rows } = await this.db.query(
        fence
          ? `WITH fence AS (${fenceSql('$4', '$5', '$6')})
             INSERT INTO projection_checkpoints (name, checkpoint) SELECT $1, $3 FROM fence
             ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
             WHERE projection_checkpoints.checkpoint IS NOT DISTINCT FROM $2
             RETURNING 1 AS moved`
          : `INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $3)
             ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
             WHERE projection_checkpoints.checkpoint IS NOT DISTINCT FROM $2
             RETURNING 1 AS moved`,
        fence ? [name, from, to, fence.lease, fence.owner, fence.term] : [name, from, to],
      );
      return rows.length > 0;
    }
    return this.db.transaction(async (tx) => {
      if ((await lock(tx, name)) !== from) return false;
      if (fence && !(await fenced(tx, fence))) return false;
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

/** The lease as the fence names it, unexpired; share-locked, so it cannot change hands before the commit. */
const fenceSql = (lease: string, owner: string, term: string): string => `SELECT 1 FROM processor_leases
  WHERE name = ${lease} AND owner = ${owner} AND term = ${term}::bigint AND expires_at >= clock_timestamp() FOR SHARE`;

async function fenced(tx: Sql, { lease, owner, term }: LeaseFence): Promise<boolean> {
  const { rows } = await tx.query(fenceSql('$1', '$2', '$3'), [lease, owner, term]);
  return rows.length > 0;
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
