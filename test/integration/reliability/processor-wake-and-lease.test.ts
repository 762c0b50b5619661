// The tailing processor across processes on one PostgreSQL: a projector in another process is
// woken by the append's notification (it never polls here), and with two projectors under one
// lease, one works, the other stands by and takes over when the holder is SIGKILLed: every event
// applied exactly once. Wake-ups and lease changes are counted, never timed.
import { migrate, openDatabase, SqlEventStore, type Database } from '@offramp/event-store';
import type { ProcessorStats } from '@offramp/processing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countsByType, eventTypeCounts, EVENT_TYPE_COUNTS } from '../../support/event-type-counts.projection';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { appendTo } from '../event-store/builders';
import { eventually, runScript, type Child } from './child-process';

type Reported = ProcessorStats & { pid: number; listening: boolean };

/** The latest statistics a tailing-projector child printed. */
function latest(child: Child): Reported | null {
  const lines = child.output().split('\n').filter((l) => l.startsWith('{'));
  return lines.length > 0 ? (JSON.parse(lines[lines.length - 1]) as Reported) : null;
}

const total = async (db: Database) => Object.values(await countsByType(db)).reduce((a, b) => a + b, 0);

describe('the tailing processor in other processes', () => {
  let database: TestDatabase;
  let db: Database;
  let store: SqlEventStore;
  const children: Child[] = [];
  const projector = (env: Record<string, string>) => {
    const child = runScript('tailing-projector.ts', { DATABASE_URL: database.url, ...env });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    database = await createTestDatabase('processor_wake');
    db = await openDatabase({ url: database.url });
    await migrate(db, eventTypeCounts().migrations);
    store = new SqlEventStore(db);
  });
  beforeEach(async () => {
    await db.query(`TRUNCATE events, streams, projection_checkpoints, processor_leases, ${EVENT_TYPE_COUNTS} RESTART IDENTITY`);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("reads another process's append when the notification wakes it, not by polling", async () => {
    // Its fallback poll is ten minutes away: only the notification can get it to read.
    const child = projector({ POLL_MS: '600000', LEASE_TTL_MS: '60000' });
    expect(await eventually(async () => latest(child)?.holdsLease === true), child.output()).toBe(true);
    expect(latest(child)?.listening).toBe(true);

    await store.append(appendTo('acme', 0, ['RelationshipOpened', 'RelationshipMarkedAtRisk']));
    await store.appendMany([appendTo('globex', 0, ['RelationshipOpened']), appendTo('acme', 2, ['RepairAttemptStarted'])]);

    expect(await eventually(async () => (await total(db)) === 4 && (latest(child)?.wakeUps.notification ?? 0) > 0), child.output()).toBe(true);
    expect(await countsByType(db)).toEqual({ RelationshipOpened: 2, RelationshipMarkedAtRisk: 1, RepairAttemptStarted: 1 });
    const { wakeUps } = latest(child)!;
    expect(wakeUps.notification).toBeGreaterThanOrEqual(1);
    expect(wakeUps.poll).toBe(0);
  });

  it('runs in one process at a time; the standby takes over from a SIGKILLed holder and nothing is lost or doubled', async () => {
    const env = { POLL_MS: '600000', LEASE_TTL_MS: '1000' };
    const first = projector(env);
    const second = projector(env);
    const holder = async () => [first, second].find((c) => latest(c)?.holdsLease === true) ?? null;
    expect(await eventually(async () => (await holder()) !== null && [first, second].every((c) => latest(c) !== null))).toBe(true);
    const active = (await holder())!;
    const standby = active === first ? second : first;

    for (let s = 0; s < 20; s++) await store.append(appendTo(`client-${s}`, 0, ['RelationshipOpened', 'SignalRecorded']));
    expect(await eventually(async () => (await total(db)) === 40), active.output()).toBe(true);
    expect(latest(standby)!.leaseTaken).toBe(0);

    active.process.kill('SIGKILL');
    expect(await active.exited).toBe('SIGKILL');
    for (let s = 0; s < 20; s++) await store.append(appendTo(`client-${s}`, 2, ['RelationshipMarkedAtRisk', 'RepairAttemptStarted']));

    // Its statistics are printed as they change: wait for the line that follows the work.
    expect(await eventually(async () => (await total(db)) === 80 && latest(standby)?.leaseTaken === 1), standby.output()).toBe(true);
    expect(await countsByType(db)).toEqual({ RelationshipOpened: 20, SignalRecorded: 20, RelationshipMarkedAtRisk: 20, RepairAttemptStarted: 20 });
    const after = latest(standby)!;
    expect(after.leaseTaken).toBe(1);
    expect(after.holdsLease).toBe(true);
    expect(after.wakeUps.poll).toBe(0);
  });
});
