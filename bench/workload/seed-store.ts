// Bulk seeding of the store's tables for read benchmarks: thousands of events per statement,
// far faster than appends (whose speed the append benchmark measures on its own).
import type { Sql } from '@offramp/event-store';
import type { SeedEvent } from './domain-events';

export async function insertSeedEvents(sql: Sql, events: readonly SeedEvent[]): Promise<void> {
  await sql.query(
    `INSERT INTO events (stream_id, version, type, data)
     SELECT e->>'s', (e->>'v')::integer, e->'e'->>'type', e->'e' FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(events.map((seed) => ({ s: seed.streamId, v: seed.version, e: seed.event })))],
  );
}

/**
 * Brings `streams` in line with the seeded events, then gathers the planner's statistics: a
 * store grown by appends has them from autovacuum, but a bulk seed followed at once by reads (or
 * a server with autovacuum off) would leave the planner guessing, and a batch's one-statement
 * read of 100 streams would scan the whole events table instead of its index.
 */
export async function settleStreamVersions(sql: Sql): Promise<void> {
  await sql.query(
    `INSERT INTO streams (stream_id, version) SELECT stream_id, max(version) FROM events GROUP BY stream_id
     ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version`,
  );
  await sql.query('ANALYZE events, streams');
}
