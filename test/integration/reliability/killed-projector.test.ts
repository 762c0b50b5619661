// A projector killed in the middle of a page and started again ends with exact counts.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsByType, eventTypeCounts } from '../../support/event-type-counts.projection';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { appendTo } from '../event-store/builders';
import { readable } from '../event-store/contract';
import { eventually, runScript } from './child-process';

const TYPES = ['RelationshipOpened', 'SignalRecorded', 'RelationshipMarkedAtRisk', 'RepairAttemptStarted'];

describe('a projector killed mid-batch', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('killed_projector');
    db = await openDatabase({ url: database.url });
    await migrate(db, eventTypeCounts().migrations);
    const store = new SqlEventStore(db);
    for (let s = 0; s < 50; s++) await store.append(appendTo(`client-${s}`, 0, Array.from({ length: 20 }, (_, i) => TYPES[i % 4])));
    await readable(store, 1_000);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('resumes where the last committed page left it: nothing skipped, nothing counted twice', async () => {
    const env = { DATABASE_URL: `${database.url}?application_name=offramp_projector`, EXPECTED: '1000' };
    const inPage = async () => (await db.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = 'offramp_projector'
         AND datname = current_database() AND xact_start IS NOT NULL`,
    )).rows.length > 0;
    const progressed = async () => (await db.query(`SELECT 1 FROM projection_checkpoints WHERE checkpoint IS NOT NULL`)).rows.length > 0;

    const first = runScript('projector.ts', env);
    expect(await eventually(async () => (await progressed()) && (await inPage()))).toBe(true);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const partly = Object.values(await countsByType(db)).reduce((a, b) => a + b, 0);
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(1_000);

    const second = runScript('projector.ts', env);
    expect(await second.exited, second.output()).toBe(0);
    expect(await countsByType(db)).toEqual({ RelationshipOpened: 250, SignalRecorded: 250, RelationshipMarkedAtRisk: 250, RepairAttemptStarted: 250 });
  });
});
