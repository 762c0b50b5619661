// Leases in the database, one row per processor: whoever holds an unexpired row runs it. The
// database's clock decides expiry, so processes need not agree on the time. A holder renews well
// before expiry; a standby takes over once a holder that died stopped renewing.
import type { LeaseFence, LeaseStore } from '@offramp/processing';
import type { Sql } from '../database';

export class SqlLeaseStore implements LeaseStore {
  constructor(private readonly db: Sql) {}

  async hold(name: string, owner: string, ttlMs: number): Promise<number | null> {
    const { rows } = await this.db.query<{ term: number | string }>(
      `INSERT INTO processor_leases (name, owner, term, expires_at)
       VALUES ($1, $2, 1, clock_timestamp() + $3::integer * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET
         owner = EXCLUDED.owner,
         expires_at = EXCLUDED.expires_at,
         term = processor_leases.term + CASE WHEN processor_leases.owner = EXCLUDED.owner THEN 0 ELSE 1 END
       WHERE processor_leases.owner = EXCLUDED.owner OR processor_leases.expires_at < clock_timestamp()
       RETURNING term`,
      [name, owner, ttlMs],
    );
    return rows[0] ? Number(rows[0].term) : null;
  }

  async holds({ lease, owner, term }: LeaseFence): Promise<boolean> {
    const { rows } = await this.db.query(
      'SELECT 1 FROM processor_leases WHERE name = $1 AND owner = $2 AND term = $3 AND expires_at >= clock_timestamp()',
      [lease, owner, term],
    );
    return rows.length > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.db.query('DELETE FROM processor_leases WHERE name = $1 AND owner = $2', [name, owner]);
  }

  /** Who holds the lease now and in which term (for tests and operators). */
  async holder(name: string): Promise<{ owner: string; term: number } | null> {
    const { rows } = await this.db.query<{ owner: string; term: number | string }>(
      'SELECT owner, term FROM processor_leases WHERE name = $1 AND expires_at >= clock_timestamp()',
      [name],
    );
    return rows[0] ? { owner: rows[0].owner, term: Number(rows[0].term) } : null;
  }
}
