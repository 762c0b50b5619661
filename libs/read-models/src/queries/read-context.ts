// What every read-model query gets: the database, the refusals of the store (for timelines) and
// "now" (for durations such as how long a relationship has been at risk). Every query is scoped to one team.
import type { Sql } from '@offramp/event-store';
import type { EventStore } from '@offramp/runtime';
import { CLIENT_HISTORY_TABLE } from '../projections/client-history.projection';

export interface ReadContext {
  sql: Sql;
  store: Pick<EventStore, 'readRefusals'>;
  now: Date;
}

export interface Paging { page: number; pageSize: number }
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export const DEFAULT_PAGING: Paging = { page: 1, pageSize: 50 };

/** SQL for "this relationship's client was let go by the team before" (read model 6), for any list. */
export const isReturningClient = (table: string): string =>
  `EXISTS (SELECT 1 FROM ${CLIENT_HISTORY_TABLE} h WHERE h.relationship_id = ${table}.relationship_id AND jsonb_array_length(h.returning_from) > 0)`;

export interface PagedSelect {
  columns: string; from: string; where: string; orderBy: string; params: unknown[];
  /** Parameters only the ORDER BY uses (numbered after `params`), such as the "now" a score is read at. */
  orderParams?: unknown[];
}

/** One page of a SELECT and the count of all its rows (counted apart only for a page past the end). */
export async function selectPage<R>(sql: Sql, select: PagedSelect, { page, pageSize }: Paging): Promise<{ rows: R[]; total: number }> {
  const { rows } = await sql.query<R & { total__: number }>(
    `SELECT ${select.columns}, (count(*) OVER ())::int AS total__ FROM ${select.from} WHERE ${select.where}
      ORDER BY ${select.orderBy} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    [...select.params, ...(select.orderParams ?? [])],
  );
  if (rows.length > 0 || page === 1) return { rows, total: rows[0]?.total__ ?? 0 };
  const count = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${select.from} WHERE ${select.where}`, select.params);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export const pageOf = <T>(items: T[], total: number, paging: Paging): Page<T> => ({ items, total, page: paging.page, pageSize: paging.pageSize });
