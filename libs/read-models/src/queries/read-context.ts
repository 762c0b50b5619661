// What every read-model query gets: the database, the refusals of the store (for timelines) and
// "now" (for durations such as how long a relationship has been at risk). Every query is scoped to one team.
import type { Sql } from '@offramp/event-store';
import type { EventStore } from '@offramp/runtime';

export interface ReadContext {
  sql: Sql;
  store: Pick<EventStore, 'readRefusals'>;
  now: Date;
}

export interface Paging { page: number; pageSize: number }
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export const DEFAULT_PAGING: Paging = { page: 1, pageSize: 50 };

/** LIMIT and OFFSET for a 1-based page. */
export const limitOffset = ({ page, pageSize }: Paging): [number, number] => [pageSize, (page - 1) * pageSize];

export const pageOf = <T>(items: T[], total: number, paging: Paging): Page<T> => ({ items, total, ...paging });
