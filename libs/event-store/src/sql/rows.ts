// Rows as both engines return them, and their mapping to the runtime's shapes. `pg` gives
// int8 as a string and PGlite as a number, so every count and position goes through Number.
import { upcast, type DomainEvent, type TimerSpec } from '@offramp/domain';
import type { DueTimer, Snapshot, StoredEvent, StoredRefusal, RefusalRecord } from '@offramp/runtime';

// The transaction id goes out as text under another name: an ORDER BY on `transaction_id`
// must sort the xid8 column, never its text (where '999' sorts after '1000').
// The event goes out as text and is parsed here, once: whatever parser for jsonb a process may
// have installed in `pg` (a library that revives big integers, say) stays out of the hot path.
// The time goes out as epoch milliseconds (truncated, as an ISO string holds them): a number on
// both engines, and one conversion per transaction rather than a date parse per row.
export const EVENT_COLUMNS =
  'event_id, stream_id, version, global_position, transaction_id::text AS transaction_text, type, '
  + `data::text AS data_text, ${epochMs('recorded_at')} AS recorded_ms`;

/** SQL for a timestamptz as whole epoch milliseconds, a float8 that both engines give as a number. */
export function epochMs(column: string): string {
  return `floor(extract(epoch FROM ${column}) * 1000)::float8`;
}

export interface EventRow {
  event_id: string;
  stream_id: string;
  version: number | string;
  global_position: number | string | bigint;
  transaction_text: string;
  type: string;
  data_text: string;
  recorded_ms: number;
}

export const iso = (value: Date | string): string => new Date(value).toISOString();

/**
 * A converter from epoch milliseconds to ISO strings that remembers the last one: the events of
 * one transaction share their time, so a page converts once per transaction, not once per event.
 */
export function isoFromMs(): (ms: number) => string {
  let lastMs = Number.NaN;
  let lastIso = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}

export function toStoredEvents(rows: readonly EventRow[]): StoredEvent[] {
  const recordedAt = isoFromMs();
  return rows.map((row) => ({
    eventId: row.event_id,
    streamId: row.stream_id,
    version: Number(row.version),
    globalPosition: Number(row.global_position),
    type: row.type,
    // Events written at an older schema version are read at the current one.
    event: upcast(JSON.parse(row.data_text) as DomainEvent),
    recordedAt: recordedAt(row.recorded_ms),
  }));
}

export interface SnapshotRow {
  stream_id: string;
  version: number | string;
  machine_version: string;
  policy_version: string;
  state: unknown;
}

export function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    streamId: row.stream_id,
    version: Number(row.version),
    machineVersion: row.machine_version,
    policyVersion: row.policy_version,
    state: row.state,
  };
}

export interface RefusalRow { position: number | string; record: RefusalRecord; recorded_at: Date | string }

export function toStoredRefusal(row: RefusalRow): StoredRefusal {
  return { ...row.record, position: Number(row.position), recordedAt: iso(row.recorded_at) };
}

export const TIMER_COLUMNS = 'id, relationship_id, type, due_at, data, lease_until, attempts';

export interface TimerRow {
  id: string;
  relationship_id: string;
  type: string;
  due_at: Date | string;
  data: Record<string, unknown>;
  lease_until: Date | string | null;
  attempts: number | string;
}

export function toTimerSpec(row: TimerRow): TimerSpec {
  return { id: row.id, type: row.type, relationshipId: row.relationship_id, dueAt: iso(row.due_at), data: row.data };
}

export function toDueTimer(row: TimerRow): DueTimer {
  return { ...toTimerSpec(row), leaseUntil: iso(row.lease_until as Date | string), attempts: Number(row.attempts) };
}
