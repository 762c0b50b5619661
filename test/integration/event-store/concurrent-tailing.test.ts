// Readers of the global order (projections, the outbox) must see every event exactly once even
// while many writers commit out of the order they started in.
import { openDatabase, migrate, SqlEventStore, type Database } from '@offramp/event-store';
import type { Checkpoint, StoredEvent } from '@offramp/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { appendTo } from './builders';

interface Load { writers: number; eventsPerWriter: number; streamsPerWriter: number }

/** Appends of 1 to 16 events, round-robin over the writer's own streams. */
async function write(store: SqlEventStore, writer: number, load: Load): Promise<void> {
  const versions = new Array<number>(load.streamsPerWriter).fill(0);
  let written = 0;
  for (let i = 0; written < load.eventsPerWriter; i++) {
    const size = Math.min(1 + ((i * 7 + writer) % 16), load.eventsPerWriter - written);
    const s = i % load.streamsPerWriter;
    await store.append(appendTo(`w${writer}-s${s}`, versions[s], Array.from({ length: size }, () => 'SignalRecorded')));
    versions[s] += size;
    written += size;
  }
}

async function readToEnd(store: SqlEventStore, from: Checkpoint, pageSize: number): Promise<StoredEvent[]> {
  const seen: StoredEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, pageSize);
    if (page.events.length === 0) return seen;
    seen.push(...page.events);
    checkpoint = page.checkpoint;
  }
}

/**
 * Tails until it has seen as many events as the writers append. The oldest transaction running
 * anywhere on the server holds readers back, so the last events may show up a little after the
 * writers are done; a bounded number of idle reads keeps a broken store from hanging the test.
 */
async function tailWhileWriting(store: SqlEventStore, load: Load): Promise<StoredEvent[]> {
  const expected = load.writers * load.eventsPerWriter;
  let written = false;
  const writers = Promise.all(Array.from({ length: load.writers }, (_, w) => write(store, w, load))).then(() => { written = true; });
  const seen: StoredEvent[] = [];
  let checkpoint: Checkpoint = null;
  for (let idleAfterWriting = 0; seen.length < expected && idleAfterWriting < 5_000;) {
    const page = await store.readAll(checkpoint, 500);
    seen.push(...page.events);
    checkpoint = page.checkpoint;
    if (page.events.length > 0) continue;
    if (written) idleAfterWriting++;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await writers;
  return seen;
}

function expectEveryEventOnceInStreamOrder(seen: StoredEvent[], load: Load): void {
  expect(seen).toHaveLength(load.writers * load.eventsPerWriter);
  expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
  const lastVersion = new Map<string, number>();
  for (const event of seen) {
    expect(event.version).toBe((lastVersion.get(event.streamId) ?? 0) + 1);
    lastVersion.set(event.streamId, event.version);
  }
}

function tailingUnderLoad(engine: string, load: Load, open: () => Promise<{ db: Database; drop(): Promise<void> }>): void {
  describe(`reading the global order while ${load.writers} writers append (${engine})`, () => {
    let db: Database;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      ({ db, drop } = await open());
      await migrate(db);
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it('sees every event exactly once, each stream in order, in one order every reader agrees on', async () => {
      const store = new SqlEventStore(db);
      const tailed = await tailWhileWriting(store, load);
      expectEveryEventOnceInStreamOrder(tailed, load);

      const reread = await readToEnd(store, null, 777);
      expect(reread.map((e) => e.eventId)).toEqual(tailed.map((e) => e.eventId));
    });
  });
}

tailingUnderLoad('PostgreSQL', { writers: 16, eventsPerWriter: 10_000, streamsPerWriter: 4 }, async () => {
  const database: TestDatabase = await createTestDatabase('store_tailing');
  return { db: await openDatabase({ url: database.url, maxConnections: 20 }), drop: database.drop };
});

tailingUnderLoad('PGlite', { writers: 4, eventsPerWriter: 500, streamsPerWriter: 2 }, async () => ({
  db: await openDatabase({ url: 'memory://' }),
  drop: async () => undefined,
}));
