// What is still to do, for the operator's metrics: events each reader of the global order has not
// passed yet, and timers whose time has come. Both counts stop at a cap, so a scrape stays an
// index range scan however far behind something is.
import type { Sql } from '../database';

/** Counted up to here; a backlog this large reads as "at least". */
export const BACKLOG_CAP = 100_000;

/**
 * For each named checkpoint, the events after it in the global order (committed or not yet
 * visible): 0 once its reader has passed everything appended. A name never saved counts from the start.
 */
export async function eventsBehind(db: Sql, names: readonly string[], cap = BACKLOG_CAP): Promise<Map<string, number>> {
  const { rows } = await db.query<{ name: string; behind: number }>(
    `SELECT n.name, (
       SELECT count(*) FROM (
         SELECT 1 FROM events e
         WHERE (e.transaction_id, e.global_position) >
               (split_part(coalesce(c.checkpoint, '0:0'), ':', 1)::xid8, split_part(coalesce(c.checkpoint, '0:0'), ':', 2)::bigint)
         LIMIT $2) behind
     )::int AS behind
     FROM unnest($1::text[]) AS n(name)
     LEFT JOIN projection_checkpoints c ON c.name = n.name`,
    [names, cap],
  );
  return new Map(rows.map((r) => [r.name, Number(r.behind)]));
}

/** Timers due by `now`, and those of them due before `overdueBefore` (they should have fired by then). */
export async function timersDue(db: Sql, now: Date, overdueBefore: Date, cap = BACKLOG_CAP): Promise<{ due: number; overdue: number }> {
  const { rows } = await db.query<{ due: number; overdue: number }>(
    `SELECT count(*)::int AS due, (count(*) FILTER (WHERE due_at <= $2::timestamptz))::int AS overdue
     FROM (SELECT due_at FROM timers WHERE due_at <= $1::timestamptz LIMIT $3) due`,
    [now.toISOString(), overdueBefore.toISOString(), cap],
  );
  return { due: Number(rows[0]?.due ?? 0), overdue: Number(rows[0]?.overdue ?? 0) };
}
