// A writer killed in the middle of a transaction leaves nothing of it behind.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { eventually, runScript } from './child-process';

describe('a writer killed mid-transaction', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('killed_writer');
    db = await openDatabase({ url: database.url });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const writerUrl = () => `${database.url}?application_name=offramp_writer`;
  const writerInTransaction = async () => (await db.query(
    `SELECT 1 FROM pg_stat_activity
     WHERE application_name = 'offramp_writer' AND datname = current_database() AND xact_start IS NOT NULL`,
  )).rows.length > 0;
  const writerConnected = async () => (await db.query(
    `SELECT 1 FROM pg_stat_activity WHERE application_name = 'offramp_writer' AND datname = current_database()`,
  )).rows.length > 0;

  it('keeps every batch whole or not at all, and every stream without a gap', async () => {
    const writer = runScript('writer.ts', { DATABASE_URL: writerUrl() });
    expect(await eventually(async () => /batch 2\b/.test(writer.output()) && (await writerInTransaction())), writer.output().slice(-500)).toBe(true);
    writer.process.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');
    expect(await eventually(async () => !(await writerConnected()))).toBe(true);

    const { rows } = await db.query<{ batch: string; appends: number }>(
      `SELECT split_part(key, '-', 2) AS batch, count(*)::int AS appends FROM idempotency_keys GROUP BY 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.appends !== 20)).toEqual([]);

    const store = new SqlEventStore(db);
    const { rows: streams } = await db.query<{ stream_id: string; version: number }>('SELECT stream_id, version FROM streams');
    expect(streams).toHaveLength(20);
    for (const { stream_id, version } of streams) {
      const events = await store.readStream(stream_id);
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
      expect(version).toBe(rows.length * 10);
    }
  });
});
