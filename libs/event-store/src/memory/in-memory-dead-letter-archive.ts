// Dead letters in memory, for the in-process bus and tests without a database: recorded once per
// source and published once while the process lives, as the `dead_letters` table does for good.
import { byOffset, type DeadLetterArchive, type DeadLetterRow, type RecordedDeadLetter, type RecordedOffsets } from '../sql/dead-letter-archive';

export class InMemoryDeadLetterArchive implements DeadLetterArchive {
  private readonly rows = new Map<string, { row: DeadLetterRow; id: string; recordedAt: Date; published: boolean }>();
  private readonly byId = new Map<string, string>();

  private static sourceOf(topic: string, partition: number, offset: string): string {
    return JSON.stringify([topic, partition, offset]);
  }

  async recorded(topic: string, partition: number, offsets: readonly string[]): Promise<RecordedOffsets> {
    const result: RecordedOffsets = { published: new Set(), unpublished: [] };
    for (const offset of offsets) {
      const kept = this.rows.get(InMemoryDeadLetterArchive.sourceOf(topic, partition, offset));
      if (!kept) continue;
      if (kept.published) result.published.add(offset);
      else result.unpublished.push(this.recordedOf(kept));
    }
    result.unpublished.sort(byOffset);
    return result;
  }

  async record(rows: readonly DeadLetterRow[]): Promise<RecordedDeadLetter[]> {
    const unpublished: RecordedDeadLetter[] = [];
    for (const row of rows) {
      const source = InMemoryDeadLetterArchive.sourceOf(row.topic, row.partition, row.offset);
      let kept = this.rows.get(source);
      if (!kept) {
        kept = { row, id: String(this.rows.size + 1), recordedAt: new Date(), published: false };
        this.rows.set(source, kept);
        this.byId.set(kept.id, source);
      }
      if (!kept.published) unpublished.push(this.recordedOf(kept));
    }
    return unpublished;
  }

  async markPublished(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const kept = this.rows.get(this.byId.get(id) ?? '');
      if (kept) kept.published = true;
    }
  }

  async read(id: string): Promise<{ value: Buffer | null; letter: string } | null> {
    const kept = this.rows.get(this.byId.get(id) ?? '');
    return kept ? { value: kept.row.value === null ? null : Buffer.from(kept.row.value), letter: kept.row.letter } : null;
  }

  private recordedOf(kept: { row: DeadLetterRow; id: string; recordedAt: Date }): RecordedDeadLetter {
    return { id: kept.id, offset: kept.row.offset, letter: kept.row.letter, size: kept.row.size, sha256: kept.row.sha256, recordedAt: kept.recordedAt };
  }
}
