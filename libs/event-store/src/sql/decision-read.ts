// What deciding a batch reads, as one statement: which of its idempotency keys were used, and for
// every stream the latest snapshot and the events after it (or only the events after a version the
// caller already holds). One round trip per batch, however many inputs and relationships it has.
import type { DomainEvent } from '@offramp/domain';
import type { DecisionRead, DecisionState, LoadedStream } from '@offramp/runtime';
import type { Sql } from '../database';

interface ReadJson {
  k: string[] | null;
  s: Array<{ s: string; v: number; m: string; p: string; st: unknown }> | null;
  e: Array<[string, number, DomainEvent]> | null;
}

const READ = `
  WITH wanted AS (
    SELECT w.s, w.a FROM jsonb_to_recordset($1::jsonb) AS w(s text, a integer)
  ), snap AS (
    SELECT sn.stream_id, sn.version, sn.machine_version, sn.policy_version, sn.state
    FROM wanted w JOIN snapshots sn ON sn.stream_id = w.s
    WHERE w.a IS NULL
  )
  SELECT json_build_object(
    'k', (SELECT json_agg(key) FROM idempotency_keys WHERE key = ANY($2::text[])),
    's', (SELECT json_agg(json_build_object('s', stream_id, 'v', version, 'm', machine_version, 'p', policy_version, 'st', state)) FROM snap),
    'e', (SELECT json_agg(json_build_array(w.s, t.version, t.data) ORDER BY w.s, t.version)
          FROM wanted w LEFT JOIN snap ON snap.stream_id = w.s
          CROSS JOIN LATERAL (
            -- One index range per stream, from its lower bound on: joined plainly, the planner
            -- reads every event of the stream and filters, so a long stream cost its length on
            -- every decision. OFFSET 0 keeps the subquery from being merged back into such a join.
            SELECT e.version, e.data FROM events e
            WHERE e.stream_id = w.s AND e.version > COALESCE(w.a, snap.version, 0)
            OFFSET 0
          ) AS t)
  )::text AS read`;

export async function readForDecision(sql: Sql, read: DecisionRead): Promise<DecisionState> {
  const streams = new Map<string, LoadedStream>();
  if (read.streams.length === 0 && read.keys.length === 0) return { processed: new Set(), streams };
  const { rows } = await sql.query<{ read: string }>(READ, [
    JSON.stringify(read.streams.map((s) => ({ s: s.streamId, a: s.afterVersion ?? null }))),
    read.keys,
  ]);
  const json = JSON.parse(rows[0].read) as ReadJson;
  const streamOf = (streamId: string): LoadedStream => {
    let stream = streams.get(streamId);
    if (!stream) streams.set(streamId, (stream = { snapshot: null, events: [] }));
    return stream;
  };
  for (const s of json.s ?? []) {
    streamOf(s.s).snapshot = { streamId: s.s, version: Number(s.v), machineVersion: s.m, policyVersion: s.p, state: s.st };
  }
  for (const [streamId, version, event] of json.e ?? []) streamOf(streamId).events.push({ version: Number(version), event });
  return { processed: new Set(json.k ?? []), streams };
}
