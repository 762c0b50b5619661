// Durable timers. A claim leases a due timer so one runner fires it while the lease holds;
// `FOR UPDATE SKIP LOCKED` lets runners claim side by side without waiting on each other.
import type { TimerSpec } from '@offramp/domain';
import type { DueTimer, TimerStore } from '@offramp/runtime';
import type { Database } from '../database';
import { iso, TIMER_COLUMNS, toDueTimer, toTimerSpec, type TimerRow } from './rows';

export class SqlTimerStore implements TimerStore {
  constructor(private readonly db: Database) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<DueTimer[]> {
    const { rows } = await this.db.query<TimerRow>(
      `UPDATE timers SET lease_until = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
                         attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM timers
         WHERE due_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
         ORDER BY due_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING ${TIMER_COLUMNS}`,
      [now.toISOString(), limit, leaseMs],
    );
    return rows.map(toDueTimer).sort(byDueThenId);
  }

  /** Only a claimed timer goes: one replaced since its claim has no lease and stays. */
  async complete(timerIds: readonly string[]): Promise<void> {
    if (timerIds.length === 0) return;
    await this.db.query('DELETE FROM timers WHERE id = ANY($1::text[]) AND lease_until IS NOT NULL', [timerIds]);
  }

  async release(timerIds: readonly string[]): Promise<void> {
    if (timerIds.length === 0) return;
    await this.db.query('UPDATE timers SET lease_until = NULL WHERE id = ANY($1::text[])', [timerIds]);
  }

  async pending(streamId?: string): Promise<TimerSpec[]> {
    const { rows } = streamId === undefined
      ? await this.db.query<TimerRow>(`SELECT ${TIMER_COLUMNS} FROM timers ORDER BY due_at, id`)
      : await this.db.query<TimerRow>(`SELECT ${TIMER_COLUMNS} FROM timers WHERE stream_id = $1 ORDER BY due_at, id`, [streamId]);
    return rows.map(toTimerSpec);
  }

  async nextDueAt(): Promise<string | null> {
    const { rows } = await this.db.query<{ due_at: Date | string | null }>('SELECT min(due_at) AS due_at FROM timers');
    return rows[0]?.due_at ? iso(rows[0].due_at) : null;
  }
}

const byDueThenId = (a: DueTimer, b: DueTimer): number =>
  Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
