// The baseline for appends: plain INSERTs into a table equal to the store's `events` table
// (same columns, defaults and indexes), with no stream bookkeeping, idempotency or checks.
import type { DomainEvent } from '@offramp/domain';
import type { Sql } from '@offramp/event-store';

export const RAW_TABLE = 'bench_raw_events';

export async function createRawEventsTable(sql: Sql): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS ${RAW_TABLE} (LIKE events INCLUDING ALL)`);
}

/** One multi-row INSERT of `events` as versions from+1.. of `streamId`. */
export async function insertRawEvents(sql: Sql, streamId: string, fromVersion: number, events: readonly DomainEvent[]): Promise<void> {
  const values: string[] = [];
  const params: unknown[] = [];
  events.forEach((event, i) => {
    const p = i * 4;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4})`);
    params.push(streamId, fromVersion + i + 1, event.type, JSON.stringify(event));
  });
  await sql.query(`INSERT INTO ${RAW_TABLE} (stream_id, version, type, data) VALUES ${values.join(', ')}`, params);
}

/** One multi-row INSERT of one event for each of several streams. */
export async function insertRawAcrossStreams(sql: Sql, entries: ReadonlyArray<{ streamId: string; version: number; event: DomainEvent }>): Promise<void> {
  const values: string[] = [];
  const params: unknown[] = [];
  entries.forEach((entry, i) => {
    const p = i * 4;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4})`);
    params.push(entry.streamId, entry.version, entry.event.type, JSON.stringify(entry.event));
  });
  await sql.query(`INSERT INTO ${RAW_TABLE} (stream_id, version, type, data) VALUES ${values.join(', ')}`, params);
}
