// Small helpers that let a projection write a row without hand-numbering parameters, and read
// times and numbers the same way on PostgreSQL (`pg`) and PGlite.
import type { Sql } from '@offramp/event-store';

/** Marks a value for a jsonb column (pg would turn a bare array into a PostgreSQL array). */
export class Json { constructor(readonly value: unknown) {} }
export const json = (value: unknown): Json => new Json(value);

export type Row = Record<string, unknown>;

const param = (value: unknown): unknown => (value instanceof Json ? JSON.stringify(value.value ?? null) : value ?? null);
const placeholder = (value: unknown, i: number): string => (value instanceof Json ? `$${i + 1}::jsonb` : `$${i + 1}`);

/** INSERT ... ON CONFLICT (key) DO UPDATE for every other column. */
export async function upsert(tx: Sql, table: string, key: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  const values = Object.values(row);
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map(placeholder).join(', ')})
     ON CONFLICT (${key}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    values.map(param),
  );
}

export async function insert(tx: Sql, table: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  const values = Object.values(row);
  await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map(placeholder).join(', ')})`, values.map(param));
}

/** A timestamptz column as an ISO string in UTC, identical on both engines. */
export const isoOf = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Event times in the form `isoOf` reads back, so a row is the same however batches fell. */
export const isoTime = (time: string): string => new Date(time).toISOString();
