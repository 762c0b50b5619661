// Small helpers that let a projection write a row without hand-numbering parameters, and read
// times and numbers the same way on PostgreSQL (`pg`) and PGlite.
import type { Sql } from '@offramp/event-store';

export type Row = Record<string, unknown>;

/**
 * Many rows in one statement: the rows travel as one JSON array and PostgreSQL turns it into the
 * table's own row type, so every column keeps its type (jsonb stays jsonb) with no parameter per value.
 */
function fromJson(table: string, rows: readonly Row[]): { columns: string[]; select: string; params: unknown[] } {
  const columns = Object.keys(rows[0]!);
  return { columns, select: `SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, params: [JSON.stringify(rows)] };
}

/** INSERT ... ON CONFLICT (key) DO UPDATE for every other column; at most one row per key. */
export async function upsertRows(tx: Sql, table: string, key: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { columns, select, params } = fromJson(table, rows);
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) ${select} ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`, params);
}

export async function insertRows(tx: Sql, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { columns, select, params } = fromJson(table, rows);
  await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) ${select}`, params);
}

/** A timestamptz column as an ISO string in UTC, identical on both engines. */
export const isoOf = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `toISOString`'s own form, which event times take: kept as they are, no date parsed per fact. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Event times in the form `isoOf` reads back, so a row is the same however batches fell. */
export const isoTime = (time: string): string => (CANONICAL_ISO.test(time) ? time : new Date(time).toISOString());
