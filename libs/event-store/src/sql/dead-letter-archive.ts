// The `dead_letters` table (migrations 009, 012): every dead letter, kept whole and keyed by where
// its input was read (topic, partition, offset), with whether the broker has acknowledged it.
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

/** A recorded dead letter as the worker publishes it. */
export interface RecordedDeadLetter {
  id: string;
  offset: string;
  /** The whole dead letter as JSON. */
  letter: string;
  size: number;
  sha256: string;
  recordedAt: Date;
}

/** What is recorded of one partition's offsets: the letters published, and those recorded but not yet published. */
export interface RecordedOffsets {
  published: Set<string>;
  unpublished: RecordedDeadLetter[];
}

/** Where dead letters are recorded before they are published (the `dead_letters` table, or memory). */
export interface DeadLetterArchive {
  /** Which of one partition's offsets have a dead letter recorded, and the unpublished ones, in offset order. */
  recorded(topic: string, partition: number, offsets: readonly string[]): Promise<RecordedOffsets>;
  /**
   * Records dead letters, each once per source (one recorded before is left as it is), and answers
   * every one of these sources not yet published, in the order given.
   */
  record(rows: readonly DeadLetterRow[]): Promise<RecordedDeadLetter[]>;
  /** Marks recorded dead letters as acknowledged by the broker. */
  markPublished(ids: readonly string[]): Promise<void>;
  /** One kept dead letter: the original value's bytes and the letter, or null. */
  read(id: string): Promise<{ value: Buffer | null; letter: string } | null>;
}

interface Row { id: string; offset: string; letter: Uint8Array | null; size: number; sha256: string; recorded_at: Date | string; published: boolean }

const recordedOf = (row: Row): RecordedDeadLetter => ({
  id: row.id, offset: row.offset, letter: Buffer.from(row.letter!).toString('utf8'), size: row.size, sha256: row.sha256,
  recordedAt: new Date(row.recorded_at),
});

/** Kafka offsets are decimal strings: compared as numbers. */
export const byOffset = (a: { offset: string }, b: { offset: string }) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : BigInt(a.offset) > BigInt(b.offset) ? 1 : 0);

export class SqlDeadLetterArchive implements DeadLetterArchive {
  constructor(private readonly db: Database) {}

  async recorded(topic: string, partition: number, offsets: readonly string[]): Promise<RecordedOffsets> {
    const result: RecordedOffsets = { published: new Set(), unpublished: [] };
    if (offsets.length === 0) return result;
    // The letter is read only for those still to publish: after a crash, rarely more than a batch's.
    const { rows } = await this.db.query<Row>(
      `SELECT id::text AS id, "offset", CASE WHEN published_at IS NULL THEN letter END AS letter, size, sha256, recorded_at,
              published_at IS NOT NULL AS published
       FROM dead_letters WHERE topic = $1 AND partition = $2 AND "offset" = ANY($3::text[])`,
      [topic, partition, [...offsets]],
    );
    for (const row of rows) {
      if (row.published) result.published.add(row.offset);
      else result.unpublished.push(recordedOf(row));
    }
    result.unpublished.sort(byOffset);
    return result;
  }

  async record(rows: readonly DeadLetterRow[]): Promise<RecordedDeadLetter[]> {
    const unpublished: RecordedDeadLetter[] = [];
    for (const row of rows) {
      // A source recorded before (a redelivery racing a rebalance) keeps its first letter: the
      // one that may already be on the broker.
      const { rows: found } = await this.db.query<Row>(
        `WITH inserted AS (
           INSERT INTO dead_letters (topic, partition, "offset", code, key, value, letter, size, sha256)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (topic, partition, "offset") DO NOTHING
           RETURNING id, "offset", letter, size, sha256, recorded_at, false AS published
         )
         SELECT id::text AS id, "offset", letter, size, sha256, recorded_at, published FROM inserted
         UNION ALL
         SELECT id::text, "offset", letter, size, sha256, recorded_at, published_at IS NOT NULL
         FROM dead_letters WHERE topic = $1 AND partition = $2 AND "offset" = $3`,
        [
          row.topic, row.partition, row.offset, row.code, row.key === null ? null : Buffer.from(row.key, 'utf8'),
          row.value === null ? null : Buffer.from(row.value), Buffer.from(row.letter, 'utf8'), row.size, row.sha256,
        ],
      );
      const kept = found[0]!;
      if (!kept.published) unpublished.push(recordedOf(kept));
    }
    return unpublished;
  }

  async markPublished(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('UPDATE dead_letters SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [[...ids]]);
  }

  async read(id: string): Promise<{ value: Buffer | null; letter: string } | null> {
    const { rows } = await this.db.query<{ value: Uint8Array | null; letter: Uint8Array }>('SELECT value, letter FROM dead_letters WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { value: row.value === null ? null : Buffer.from(row.value), letter: Buffer.from(row.letter).toString('utf8') } : null;
  }
}
