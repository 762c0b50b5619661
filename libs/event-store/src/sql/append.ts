// One append inside a caller's transaction: claim the idempotency key, move the stream's
// version (optimistic concurrency), insert the events in one statement, then replace the
// stream's timers and snapshot. Any throw rolls all of it back with the transaction.
import {
  VersionConflictError,
  type AppendRequest, type AppendResult, type Snapshot,
} from '@offramp/runtime';
import type { TimerSpec } from '@offramp/domain';
import type { Sql } from '../database';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './rows';

export async function appendIn(tx: Sql, request: AppendRequest): Promise<AppendResult> {
  const { streamId, expectedVersion, events, idempotencyKey } = request;
  const fromVersion = expectedVersion + 1;
  const toVersion = expectedVersion + events.length;

  if (idempotencyKey !== undefined) {
    // A concurrent holder of the same key makes this wait, then see it committed.
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (key, stream_id, from_version, to_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [idempotencyKey, streamId, fromVersion, toVersion],
    );
    if (claimed.rowCount === 0) return duplicateOf(tx, idempotencyKey);
  }

  await moveVersion(tx, streamId, expectedVersion, toVersion);

  const { rows } = events.length === 0 ? { rows: [] as EventRow[] } : await tx.query<EventRow>(
    `INSERT INTO events (stream_id, version, type, data)
     SELECT $1, $2::integer + e.n::integer, e.d->>'type', e.d
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(d, n)
     ORDER BY e.n
     RETURNING ${EVENT_COLUMNS}`,
    [streamId, expectedVersion, JSON.stringify(events)],
  );
  if (request.timers) await replaceTimers(tx, streamId, request.timers);
  if (request.snapshot) await saveSnapshot(tx, request.snapshot);

  const stored = rows.map(toStoredEvent).sort((a, b) => a.version - b.version);
  return { status: 'appended', streamId, fromVersion, toVersion, events: stored };
}

async function moveVersion(tx: Sql, streamId: string, expected: number, next: number): Promise<void> {
  const moved = expected === 0
    ? await tx.query(
      `INSERT INTO streams (stream_id, version) VALUES ($1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version WHERE streams.version = 0
       RETURNING version`,
      [streamId, next],
    )
    : await tx.query('UPDATE streams SET version = $3 WHERE stream_id = $1 AND version = $2 RETURNING version', [
      streamId, expected, next,
    ]);
  if (moved.rowCount > 0) return;
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
  throw new VersionConflictError(streamId, expected, rows[0] ? Number(rows[0].version) : 0);
}

async function duplicateOf(tx: Sql, key: string): Promise<AppendResult> {
  const { rows: [original] } = await tx.query<{ stream_id: string; from_version: number; to_version: number }>(
    'SELECT stream_id, from_version, to_version FROM idempotency_keys WHERE key = $1',
    [key],
  );
  const { rows } = await tx.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version BETWEEN $2 AND $3 ORDER BY version`,
    [original.stream_id, original.from_version, original.to_version],
  );
  return {
    status: 'duplicate',
    streamId: original.stream_id,
    fromVersion: Number(original.from_version),
    toVersion: Number(original.to_version),
    events: rows.map(toStoredEvent),
  };
}

/** The stream's pending timers become exactly `timers`; one kept at the same due time keeps its lease. */
export async function replaceTimers(tx: Sql, streamId: string, timers: readonly TimerSpec[]): Promise<void> {
  const specs = JSON.stringify(timers);
  await tx.query(
    `DELETE FROM timers WHERE stream_id = $1
       AND id NOT IN (SELECT t->>'id' FROM jsonb_array_elements($2::jsonb) AS t)`,
    [streamId, specs],
  );
  if (timers.length === 0) return;
  await tx.query(
    `INSERT INTO timers (id, stream_id, relationship_id, type, due_at, data)
     SELECT t->>'id', $1, t->>'relationshipId', t->>'type', (t->>'dueAt')::timestamptz, COALESCE(t->'data', '{}'::jsonb)
     FROM jsonb_array_elements($2::jsonb) AS t
     ON CONFLICT (id) DO UPDATE SET
       stream_id = EXCLUDED.stream_id,
       relationship_id = EXCLUDED.relationship_id,
       type = EXCLUDED.type,
       data = EXCLUDED.data,
       due_at = EXCLUDED.due_at,
       lease_until = CASE WHEN timers.due_at = EXCLUDED.due_at THEN timers.lease_until END`,
    [streamId, specs],
  );
}

async function saveSnapshot(tx: Sql, snapshot: Snapshot): Promise<void> {
  await tx.query(
    `INSERT INTO snapshots (stream_id, version, machine_version, policy_version, state)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (stream_id) DO UPDATE SET
       version = EXCLUDED.version, machine_version = EXCLUDED.machine_version,
       policy_version = EXCLUDED.policy_version, state = EXCLUDED.state, recorded_at = now()`,
    [snapshot.streamId, snapshot.version, snapshot.machineVersion, snapshot.policyVersion, JSON.stringify(snapshot.state)],
  );
}
