// The schema comes up once, however many processes start together, and read models bring theirs.
import { idempotencyKeyOf, type SignalInput } from '@offramp/domain';
import { migrate, openDatabase, SqlEventStore, storeMigrations, type Database, type Migration } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { fact } from './builders';

const signalKeyMigration = storeMigrations.find((m) => m.id === 'event-store/008_signal_key_encoding')!;
const signalIn = (source: string, id: string): SignalInput =>
  ({ kind: 'signal', id, source, type: 'meeting.missed', relationshipId: 'acme', occurredAt: '2025-03-03T09:00:00Z', data: {} });

/** Keys stored in the older `signal:<source>:<id>` form are rewritten to the form the engine builds now. */
async function rewritesOldSignalKeys(db: Database): Promise<void> {
  await migrate(db);
  const store = new SqlEventStore(db);
  const pairs: [string, string][] = [['crm:a', '1'], ['crm', 'b:2'], ['bill"ing\\', 'ü/7'], ['chat', 'x']];
  for (const [n, [source, id]] of pairs.entries()) {
    const event = { ...fact('SignalRecorded', `r${n}`), causedBy: { kind: 'signal' as const, id, type: 'meeting.missed', source, at: '2025-03-03T09:00:00.000Z' } };
    await store.append({ streamId: `r${n}`, expectedVersion: 0, events: [event], idempotencyKey: `signal:${source}:${id}` });
  }
  // A key whose stream holds no event of its own: split at the first colon.
  await store.append({ streamId: 'r9', expectedVersion: 0, events: [], idempotencyKey: 'signal:cal:m:2' });
  await store.append({ streamId: 'r8', expectedVersion: 0, events: [fact('X', 'r8')], idempotencyKey: 'command:c:1' });

  await db.query(signalKeyMigration.sql);

  for (const [source, id] of pairs) expect(await store.isProcessed(idempotencyKeyOf(signalIn(source, id)))).toBe(true);
  expect(await store.isProcessed(idempotencyKeyOf(signalIn('cal', 'm:2')))).toBe(true);
  expect(await store.isProcessed('command:c:1')).toBe(true);
  expect(await store.isProcessed('signal:crm:a:1')).toBe(false);
  await db.query(signalKeyMigration.sql);
  expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n).toBe(pairs.length + 2);
}

const readModel: Migration[] = [
  { id: 'read-models/002_board_index', sql: 'CREATE INDEX board_by_team ON board (team)' },
  { id: 'read-models/001_board', sql: 'CREATE TABLE board (relationship_id text PRIMARY KEY, team text NOT NULL)' },
];

const applied = async (db: Database) =>
  (await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY applied_at, id')).rows.map((r) => r.id);

describe('migrations on PostgreSQL', () => {
  let database: TestDatabase;
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ url: database.url });
    opened.push(db);
    return db;
  };

  beforeAll(async () => { database = await createTestDatabase('migrations'); });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await database?.drop();
  });

  it('applies everything once when three processes start at the same moment', async () => {
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    const runs = await Promise.all([migrate(a, readModel), migrate(b, readModel), migrate(c, readModel)]);

    expect(runs.map((ids) => ids.length).sort()).toEqual([0, 0, storeMigrations.length + 2]);
    expect(await applied(a)).toEqual([...storeMigrations.map((m) => m.id), 'read-models/001_board', 'read-models/002_board_index']);
  });

  it('applies only what is new on the next start', async () => {
    const db = await open();
    const later: Migration = { id: 'read-models/003_board_name', sql: 'ALTER TABLE board ADD COLUMN name text' };
    expect(await migrate(db, [...readModel, later])).toEqual(['read-models/003_board_name']);
    expect(await migrate(db, [...readModel, later])).toEqual([]);
  });
});

describe('migration 008: signal keys that cannot collide', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase('signal_keys'); });
  afterAll(async () => { await database?.drop(); });

  it('policy 22: rewrites stored keys on PostgreSQL', async () => {
    const db = await openDatabase({ url: database.url });
    try { await rewritesOldSignalKeys(db); } finally { await db.close(); }
  });

  it('policy 22: rewrites stored keys on PGlite', async () => {
    const db = await openDatabase({ url: 'memory://' });
    try { await rewritesOldSignalKeys(db); } finally { await db.close(); }
  });
});

describe('migrations on PGlite', () => {
  it('bring up the same schema, and refuse a list that names one migration twice', async () => {
    const db = await openDatabase({ url: 'memory://' });
    try {
      await migrate(db, readModel);
      expect(await applied(db)).toHaveLength(storeMigrations.length + 2);
      await expect(migrate(db, [readModel[1]], [readModel[1]])).rejects.toThrow(/listed twice/);
    } finally {
      await db.close();
    }
  });
});
