// Named checkpoints of every reader of the global order (the tailing processor's handlers): read
// models move theirs in the transaction that applies their page (those standing at the same place
// move together, in one transaction), the outbox once Kafka took it. Each move is a compare-and-set
// from where the readers started, so two processes moving the same checkpoint never both succeed:
// the second one's work is rolled back. A move made under a lease
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

  async advance(names: string | readonly string[], from: Checkpoint, to: Checkpoint, work?: (tx: Sql) => Promise<void>, fence?: LeaseFence): Promise<boolean> {
    const all = typeof names === 'string' ? [names] : [...names];
    if (!work && all.length === 1) {
      // The fence's row stays share-locked until this statement commits: a takeover waits for it.
      const row = fence
        ? `WITH fence AS (${fenceSql('$4', '$5', '$6')})
           INSERT INTO projection_checkpoints (name, checkpoint) SELECT $1, $3 FROM fence`
        : 'INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $3)';
      const { rows } = await this.db.query(
        `${row}
         ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
         WHERE projection_checkpoints.checkpoint IS NOT DISTINCT FROM $2
         RETURNING 1 AS moved`,
        fence ? [all[0], from, to, fence.lease, fence.owner, fence.term] : [all[0], from, to],
      );
      return rows.length > 0;
    }
    return this.db.transaction(async (tx) => {
      const standing = await lock(tx, all);
      if (all.some((name) => standing.get(name) !== from)) return false;
      if (fence && !(await fenced(tx, fence))) return false;
      await work?.(tx);
      await save(tx, all, to);
      return true;
    });
  }

  async reset(names: readonly string[], work?: (tx: Sql) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lock(tx, names);
      await work?.(tx);
      await save(tx, names, null);
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

/**
 * Where each of `names` stands, their rows locked until commit (in the order of their names, so
 * two transactions locking overlapping sets cannot deadlock): two processes moving one take turns.
 * The rows exist after a reader's first move, so this is one statement but the first time.
 */
async function lock(tx: Sql, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  const select = async () => (await tx.query<{ name: string; checkpoint: string | null }>(
    'SELECT name, checkpoint FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE',
    [names],
  )).rows;
  let rows = await select();
  if (rows.length < new Set(names).size) {
    await tx.query('INSERT INTO projection_checkpoints (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [names]);
    rows = await select();
  }
  return new Map(rows.map((row) => [row.name, row.checkpoint]));
}

async function save(tx: Sql, names: readonly string[], checkpoint: Checkpoint): Promise<void> {
  await tx.query('UPDATE projection_checkpoints SET checkpoint = $2, updated_at = now() WHERE name = ANY($1::text[])', [names, checkpoint]);
}
