// The event store on PostgreSQL or PGlite: the same SQL on both engines.
import type {
  AppendRequest, AppendResult, Checkpoint, EventStore, RefusalRecord, Snapshot, StoredEvent, StoredRefusal,
} from '@offramp/runtime';
import type { Database } from '../database';
import { appendAll, appendOne } from './append';
import { decodeCheckpoint, encodeCheckpoint } from './global-order';
import {
  EVENT_COLUMNS, toSnapshot, toStoredEvents, toStoredRefusal, type EventRow, type RefusalRow, type SnapshotRow,
} from './rows';
import { SqlTimerStore } from './sql-timer-store';

export interface StoreHealth { ok: boolean; detail?: string }

export class SqlEventStore implements EventStore {
  readonly timers: SqlTimerStore;
  /** Told after every committed append, so readers in this process need not wait for their next poll. */
  private readonly appendListeners: Array<() => void> = [];

  /** `ownsDatabase`: closing the store closes the database too. */
  constructor(readonly db: Database, private readonly options: { ownsDatabase?: boolean } = {}) {
    this.timers = new SqlTimerStore(db);
  }

  /** One statement, so one implicit transaction: no BEGIN and COMMIT round trips. */
  async append(request: AppendRequest): Promise<AppendResult> {
    const result = await appendOne(this.db, request);
    if (result.status === 'appended') this.notifyAppended();
    return result;
  }

  /** The whole batch in one set-based statement, all or nothing. */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    const results = await appendAll(this.db, requests);
    if (results.some((r) => r.status === 'appended')) this.notifyAppended();
    return results;
  }

  onAppended(listener: () => void): void {
    this.appendListeners.push(listener);
  }

  private notifyAppended(): void {
    for (const listener of this.appendListeners) listener();
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
      [streamId, fromVersion],
    );
    return toStoredEvents(rows);
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
    return rows[0] ? Number(rows[0].version) : 0;
  }

  async isProcessed(idempotencyKey: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [idempotencyKey]);
    return rows.length > 0;
  }

  async readSnapshot(streamId: string): Promise<Snapshot | null> {
    const { rows } = await this.db.query<SnapshotRow>(
      'SELECT stream_id, version, machine_version, policy_version, state FROM snapshots WHERE stream_id = $1',
      [streamId],
    );
    return rows[0] ? toSnapshot(rows[0]) : null;
  }

  /**
   * Only transactions older than the oldest one still running are read: a writer that took its
   * transaction id earlier but commits later can never land behind a checkpoint already given out.
   */
  async readAll(after: Checkpoint, limit: number): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint }> {
    const from = decodeCheckpoint(after);
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      [from.transactionId, from.globalPosition, limit],
    );
    const last = rows[rows.length - 1];
    const checkpoint = last
      ? encodeCheckpoint({ transactionId: last.transaction_text, globalPosition: String(last.global_position) })
      : after;
    return { events: toStoredEvents(rows), checkpoint };
  }

  async recordRefusal(refusal: RefusalRecord): Promise<void> {
    await this.db.query(
      'INSERT INTO refusals (relationship_id, input_kind, input_id, record) VALUES ($1, $2, $3, $4::jsonb)',
      [refusal.relationshipId, refusal.inputKind, refusal.inputId, JSON.stringify(refusal)],
    );
  }

  async readRefusals(relationshipId: string): Promise<StoredRefusal[]> {
    const { rows } = await this.db.query<RefusalRow>(
      'SELECT position, record, recorded_at FROM refusals WHERE relationship_id = $1 ORDER BY position',
      [relationshipId],
    );
    return rows.map(toStoredRefusal);
  }

  /** Events stored so far (for progress while rebuilding read models). */
  async countEvents(): Promise<number> {
    const { rows } = await this.db.query<{ count: number | string }>('SELECT count(*) AS count FROM events');
    return Number(rows[0].count);
  }

  /** One round trip, no retry: what a health check reports. */
  async health(): Promise<StoreHealth> {
    try {
      await this.db.ping();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.options.ownsDatabase) await this.db.close();
  }
}
