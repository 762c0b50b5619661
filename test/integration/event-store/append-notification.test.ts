// Readers are woken by a committed append instead of waiting for their poll: at once by the
// store that appended, and by the database's notification (PGlite's LISTEN/NOTIFY here) in every
// other store on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, SqlEventStore } from '@offramp/event-store';
import { VersionConflictError } from '@offramp/runtime';
import { appendTo } from './builders';

describe('append notifications', () => {
  let store: SqlEventStore;
  let other: SqlEventStore;
  let told = 0;
  const heard: string[] = [];
  beforeAll(async () => {
    const db = await openDatabase({ url: 'memory://' });
    await migrate(db);
    store = new SqlEventStore(db, { ownsDatabase: true });
    store.onAppended(() => { told++; });
    other = new SqlEventStore(db);
    other.onAppended((cause) => { heard.push(cause); });
    expect(await other.isListening()).toBe(true);
  });
  afterAll(async () => {
    await other.close();
    await store.close();
  });

  it('tells listeners once per committed append or batch', async () => {
    await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'command:o1' }));
    await store.appendMany([appendTo('acme', 1, ['SignalRecorded']), appendTo('globex', 0, ['RelationshipOpened'])]);
    expect(told).toBe(2);
  });

  it('reaches another store on the same database by notification, once per committed append', async () => {
    heard.length = 0;
    await store.append(appendTo('initech', 0, ['RelationshipOpened']));
    await store.appendMany([appendTo('initech', 1, ['SignalRecorded']), appendTo('umbrella', 0, ['RelationshipOpened'])]);
    for (let i = 0; i < 200 && heard.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toEqual(['notification', 'notification']);
  });

  it('stays quiet for a duplicate or a refused append', async () => {
    const before = told;
    await store.append(appendTo('acme', 2, ['RelationshipOpened'], { idempotencyKey: 'command:o1' }));
    await expect(store.append(appendTo('acme', 0, ['SignalRecorded']))).rejects.toBeInstanceOf(VersionConflictError);
    expect(told).toBe(before);
  });
});
