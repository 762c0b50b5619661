// Two timer runners on one database: every timer fires exactly once.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { appendTo, timer } from '../event-store/builders';
import { runScript } from './child-process';

describe('two timer runners on one database', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('timer_runners');
    db = await openDatabase({ url: database.url });
    await migrate(db);
    const store = new SqlEventStore(db);
    for (let c = 0; c < 40; c++) {
      const client = `client-${c}`;
      await store.append(appendTo(client, 0, ['RelationshipOpened'], {
        timers: [timer(client, 'coolingOffEnds', 1), timer(client, 'repairReview', 2), timer(client, 'noticeEnds', 3)],
      }));
    }
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('fire each of 120 due timers once, even when a lease runs out mid-firing', async () => {
    const runners = [runScript('timer-runner.ts', { DATABASE_URL: database.url }), runScript('timer-runner.ts', { DATABASE_URL: database.url })];
    const codes = await Promise.all(runners.map((r) => r.exited));
    expect(codes, runners.map((r) => r.output()).join('\n')).toEqual([0, 0]);

    const { rows } = await db.query<{ timer_id: string; firings: number }>(
      `SELECT data->'data'->>'timerId' AS timer_id, count(*)::int AS firings FROM events WHERE type = 'TimerFired' GROUP BY 1`,
    );
    expect(rows).toHaveLength(120);
    expect(rows.filter((r) => r.firings !== 1)).toEqual([]);
    const fired = runners.map((r) => Number(/fired (\d+)/.exec(r.output())?.[1]));
    expect(fired[0] + fired[1]).toBe(120);
    expect(await new SqlEventStore(db).timers.pending()).toEqual([]);
  });
});
