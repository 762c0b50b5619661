// Readers in the same process are woken by a committed append instead of waiting for their poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, SqlEventStore } from '@offramp/event-store';
import { VersionConflictError } from '@offramp/runtime';
import { appendTo } from './builders';

describe('append notifications', () => {
  let store: SqlEventStore;
  let told = 0;
  beforeAll(async () => {
    const db = await openDatabase({ url: 'memory://' });
    await migrate(db);
    store = new SqlEventStore(db, { ownsDatabase: true });
    store.onAppended(() => { told++; });
  });
  afterAll(async () => { await store.close(); });

  it('tells listeners once per committed append or batch', async () => {
    await store.append(appendTo('acme', 0, ['RelationshipOpened'], { idempotencyKey: 'command:o1' }));
    await store.appendMany([appendTo('acme', 1, ['SignalRecorded']), appendTo('globex', 0, ['RelationshipOpened'])]);
    expect(told).toBe(2);
  });

  it('stays quiet for a duplicate or a refused append', async () => {
    const before = told;
    await store.append(appendTo('acme', 2, ['RelationshipOpened'], { idempotencyKey: 'command:o1' }));
    await expect(store.append(appendTo('acme', 0, ['SignalRecorded']))).rejects.toBeInstanceOf(VersionConflictError);
    expect(told).toBe(before);
  });
});
