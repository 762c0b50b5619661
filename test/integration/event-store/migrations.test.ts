// The schema comes up once, however many processes start together, and read models bring theirs.
import { migrate, openDatabase, storeMigrations, type Database, type Migration } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

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
