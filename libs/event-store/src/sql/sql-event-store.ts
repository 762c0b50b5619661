// The event store on PostgreSQL or PGlite: the same SQL on both engines.
import { randomUUID } from 'node:crypto';
import type {
  AppendedCause, AppendRequest, DecisionRead, DecisionState, AppendResult, Checkpoint, EventStore, RefusalRecord, Snapshot, StoredEvent, StoredRefusal,
} from '@offramp/runtime';
import type { Database } from '../database';
import { APPENDED_CHANNEL, appendAll, appendOne } from './append';
import { readForDecision } from './decision-read';
import { decodeCheckpoint, encodeCheckpoint } from './global-order';
import {
  EVENT_COLUMNS, toSnapshot, toStoredEvents, toStoredRefusal, type EventRow, type RefusalRow, type SnapshotRow,
} from './rows';
import { SqlTimerStore } from './sql-timer-store';

export interface StoreHealth { ok: boolean; detail?: string }

export class SqlEventStore implements EventStore {
  readonly timers: SqlTimerStore;
  /**
   * Sent with this store's own notifications: the store tells its listeners itself as soon as an
   * append commits, so it skips its own notification when the database echoes it back.
   */
  private readonly instance = randomUUID();
  private readonly appendListeners = new Set<(cause: AppendedCause) => void>();
  private listening: Promise<() => Promise<void>> | null = null;
  /** A notification on its way, and whether appends committed since it left. */
  private notifying: Promise<void> | null = null;
  private notifyAgain = false;

  /** `ownsDatabase`: closing the store closes the database too. */
  constructor(readonly db: Database, private readonly options: { ownsDatabase?: boolean } = {}) {
    this.timers = new SqlTimerStore(db);
  }

  /** One statement, so one implicit transaction: no BEGIN and COMMIT round trips. */
  async append(request: AppendRequest): Promise<AppendResult> {
    const result = await appendOne(this.db, request);
    if (result.status === 'appended') this.notifyAppended('local');
    return result;
  }

  /**
   * The whole batch in one set-based statement, all or nothing. A batch of one (a single command)
   * goes through the single-request function: the append benchmark measures it faster for one
   * request than the set-based one, with the same result.
   */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    const results = requests.length === 1 ? [await appendOne(this.db, requests[0]!)] : await appendAll(this.db, requests);
    if (results.some((r) => r.status === 'appended')) this.notifyAppended('local');
    return results;
  }

  /**
   * Every append sends a NOTIFY in its own transaction (so only once it committed); the first
   * listener makes this store LISTEN. Listening failing leaves readers to their polls.
   */
  onAppended(listener: (cause: AppendedCause) => void): () => void {
    this.appendListeners.add(listener);
    this.listening ??= this.db.listen(
      APPENDED_CHANNEL,
      (sender) => { if (sender !== this.instance) this.notifyAppended('notification'); },
      () => this.notifyAppended('reconnect'),
    );
    this.listening.catch(() => { this.listening = null; });
    return () => { this.appendListeners.delete(listener); };
  }

  /** Resolves true once this store hears other processes' appends (false: its listeners poll). */
  async isListening(): Promise<boolean> {
    const listening = this.listening;
    return listening !== null && listening.then(() => true, () => false);
  }

  private notifyAppended(cause: AppendedCause): void {
    for (const listener of this.appendListeners) listener(cause);
    if (cause === 'local') this.notifyOthers();
  }

  /**
   * Tells other processes, after the commit, in a statement of its own: a NOTIFY inside the
   * appending transaction would hold PostgreSQL's notification lock (one for the whole server)
   * across the commit's WAL flush and so make concurrent appends commit one at a time. At most one
   * is on its way; appends that commit meanwhile are covered by one more. Lost only if the process
   * dies right after committing, when the others' fallback poll finds the events.
   */
  private notifyOthers(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.db.notify(APPENDED_CHANNEL, this.instance).then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.notifying = null;
      if (this.notifyAgain) {
        this.notifyAgain = false;
        this.notifyOthers();
      }
    });
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

  loadForDecision(read: DecisionRead): Promise<DecisionState> {
    return readForDecision(this.db, read);
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

  /** One multi-row INSERT, positions in the order given. */
  async recordRefusals(refusals: readonly RefusalRecord[]): Promise<void> {
    if (refusals.length === 0) return;
    await this.db.query(
      `INSERT INTO refusals (relationship_id, input_kind, input_id, record, audit_team_id)
       SELECT r->>'relationshipId', r->>'inputKind', r->>'inputId', r->'record', r->>'auditTeamId'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, n) ORDER BY n`,
      [JSON.stringify(refusals.map((refusal) => {
        const audit = refusal.filed === 'audit';
        return {
          relationshipId: audit ? null : refusal.relationshipId, inputKind: refusal.inputKind, inputId: refusal.inputId,
          record: refusal, auditTeamId: audit ? refusal.auditTeamId ?? null : null,
        };
      }))],
    );
  }

  async readTeamAudit(teamId: string, limit: number): Promise<StoredRefusal[]> {
    const { rows } = await this.db.query<RefusalRow>(
      'SELECT position, record, recorded_at FROM refusals WHERE audit_team_id = $1 ORDER BY position DESC LIMIT $2',
      [teamId, limit],
    );
    return rows.map(toStoredRefusal);
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
    await this.notifying;
    const listening = this.listening;
    this.listening = null;
    this.appendListeners.clear();
    if (listening) await listening.then((stop) => stop(), () => undefined).catch(() => undefined);
    if (this.options.ownsDatabase) await this.db.close();
  }
}
