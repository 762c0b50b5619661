// The database goes away for a few seconds in the middle of a run: the store says it is
// unhealthy, appends wait and retry, and when the server is back nothing is lost or doubled.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/postgres';
import { appendTo } from '../event-store/builders';
import { readable } from '../event-store/contract';
import { eventually } from './child-process';

const APPENDS = 300;

describe('a database outage mid-run', () => {
  let server: PrivatePostgres;
  let db: Database;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    db = await openDatabase({ url: server.url });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await server?.destroy();
  });

  it('reports unhealthy while the server is down, then finishes every append exactly once', async () => {
    const store = new SqlEventStore(db);
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < APPENDS; i++) {
        await store.append(appendTo('acme', i, ['SignalRecorded'], { idempotencyKey: `signal:crm:${i}` }));
        written++;
      }
    })();

    expect(await eventually(async () => written >= 50)).toBe(true);
    await server.stop();
    expect(await store.health()).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await server.start();
    await writing;

    expect(await store.health()).toEqual({ ok: true });
    const events = await store.readStream('acme');
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: APPENDS }, (_, i) => i + 1));
    expect((await db.query('SELECT key FROM idempotency_keys')).rows).toHaveLength(APPENDS);
    await readable(store, APPENDS);
    expect((await store.readAll(null, 1_000)).events).toHaveLength(APPENDS);
  });
});
