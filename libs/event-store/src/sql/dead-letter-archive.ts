// The `dead_letters` table (migration 009): dead letters too large for the broker, kept whole.
import type { Database } from '../database';

/** One dead letter kept whole: where it was read, its code and key, the original value's bytes exactly, the letter as JSON. */
export interface DeadLetterRow {
  topic: string;
  partition: number;
  offset: string;
  code: string;
  key: string | null;
  /** The original value's bytes, exactly. */
  value: Uint8Array | null;
  /** The whole dead letter as JSON. */
  letter: string;
  size: number;
  sha256: string;
}

export class SqlDeadLetterArchive {
  constructor(private readonly db: Database) {}

  /** Keeps a dead letter and answers its row id; the same message kept again (a redelivery) answers the first row's. */
  async keep(row: DeadLetterRow): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO dead_letters (topic, partition, "offset", code, key, value, letter, size, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (topic, partition, "offset") DO UPDATE SET code = dead_letters.code
       RETURNING id::text AS id`,
      [
        row.topic, row.partition, row.offset, row.code, row.key === null ? null : Buffer.from(row.key, 'utf8'),
        row.value === null ? null : Buffer.from(row.value), Buffer.from(row.letter, 'utf8'), row.size, row.sha256,
      ],
    );
    return rows[0].id;
  }

  /** One kept dead letter: the original value's bytes and the letter, or null. */
  async read(id: string): Promise<{ value: Buffer | null; letter: string } | null> {
    const { rows } = await this.db.query<{ value: Uint8Array | null; letter: Uint8Array }>('SELECT value, letter FROM dead_letters WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { value: row.value === null ? null : Buffer.from(row.value), letter: Buffer.from(row.letter).toString('utf8') } : null;
  }
}
