// The backlogs the operator's metrics read: events a reader of the global order has not passed,
// and timers due and overdue, on PostgreSQL and PGlite.
import { CheckpointStore, eventsBehind, openDatabase, SqlEventStore, timersDue, type Database } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { appendTo, day, timer } from './builders';
import { readable } from './contract';
import { sqlHarness } from './sql-harness';

const engines: [string, () => Promise<{ db: Database; drop(): Promise<void> }>][] = [
  ['PostgreSQL', async () => {
    const database: TestDatabase = await createTestDatabase('backlog');
    return { db: await openDatabase({ url: database.url }), drop: database.drop };
  }],
  ['PGlite', async () => ({ db: await openDatabase({ url: 'memory://' }), drop: async () => undefined })],
];

describe.each(engines)('backlogs on %s', (_, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  let store: SqlEventStore;

  beforeAll(async () => {
    ({ db, drop } = await open());
    await (await sqlHarness(db)).fresh();
    store = new SqlEventStore(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('counts the events after each reader\'s checkpoint, from the start for one never saved, down to 0 once it passed them', async () => {
    await store.append(appendTo('acme', 0, ['RelationshipOpened', 'SignalRecorded', 'SignalRecorded']));
    await readable(store, 3);
    const checkpoints = new CheckpointStore(db);
    const { checkpoint: afterOne } = await store.readAll(null, 1);
    await checkpoints.advance('outbox', null, afterOne);
    expect(await eventsBehind(db, ['outbox', 'timeline'])).toEqual(new Map([['outbox', 2], ['timeline', 3]]));

    const { checkpoint: head } = await store.readAll(afterOne, 100);
    await checkpoints.advance('outbox', afterOne, head);
    expect((await eventsBehind(db, ['outbox'])).get('outbox')).toBe(0);
    expect((await eventsBehind(db, ['timeline'], 2)).get('timeline')).toBe(2);
  });

  it('counts timers due by now, and those due before the overdue line', async () => {
    await store.append(appendTo('globex', 0, ['RelationshipOpened'], { timers: [timer('globex', 'reply_window', 1), timer('globex', 'invoice_due', 5), timer('globex', 'repair_review', 30)] }));
    expect(await timersDue(db, new Date(day(10)), new Date(day(3)))).toEqual({ due: 2, overdue: 1 });
    expect(await timersDue(db, new Date(day(0)), new Date(day(-1)))).toEqual({ due: 0, overdue: 0 });
  });
});
