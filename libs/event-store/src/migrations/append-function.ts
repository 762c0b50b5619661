import type { Migration } from '../database';

// An append as one statement: claim the idempotency key, move the stream's version, insert the
// events, replace the stream's timers and snapshot, and hand back the result as JSON. One round
// trip instead of seven; a single append needs no explicit transaction around it.
// A stale expected version raises SQLSTATE OR001 with the actual version as its detail.
export const appendFunction: Migration = {
  id: 'event-store/006_append_function',
  sql: `
    CREATE FUNCTION offramp_events_json(p_stream text, p_from integer, p_to integer) RETURNS jsonb
    LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(jsonb_agg(jsonb_build_object(
        'eventId', event_id, 'streamId', stream_id, 'version', version, 'globalPosition', global_position,
        'type', type, 'event', data, 'recordedAt', recorded_at) ORDER BY version), '[]'::jsonb)
      FROM events WHERE stream_id = p_stream AND version BETWEEN p_from AND p_to
    $fn$;

    CREATE FUNCTION offramp_append(
      p_stream text, p_expected integer, p_events jsonb, p_key text, p_timers jsonb, p_snapshot jsonb
    ) RETURNS jsonb
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_to integer := p_expected + jsonb_array_length(p_events);
      v_original idempotency_keys%ROWTYPE;
      v_actual integer;
      v_events jsonb;
    BEGIN
      IF p_key IS NOT NULL THEN
        -- A concurrent holder of the same key makes this wait, then find it committed.
        INSERT INTO idempotency_keys (key, stream_id, from_version, to_version)
        VALUES (p_key, p_stream, p_expected + 1, v_to)
        ON CONFLICT (key) DO NOTHING;
        IF NOT FOUND THEN
          SELECT * INTO v_original FROM idempotency_keys WHERE key = p_key;
          RETURN jsonb_build_object('status', 'duplicate', 'streamId', v_original.stream_id,
            'fromVersion', v_original.from_version, 'toVersion', v_original.to_version,
            'events', offramp_events_json(v_original.stream_id, v_original.from_version, v_original.to_version));
        END IF;
      END IF;

      IF p_expected = 0 THEN
        INSERT INTO streams (stream_id, version) VALUES (p_stream, v_to)
        ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version WHERE streams.version = 0;
      ELSE
        UPDATE streams SET version = v_to WHERE stream_id = p_stream AND version = p_expected;
      END IF;
      IF NOT FOUND THEN
        SELECT version INTO v_actual FROM streams WHERE stream_id = p_stream;
        RAISE EXCEPTION 'stream % is at version %, not %', p_stream, coalesce(v_actual, 0), p_expected
          USING ERRCODE = 'OR001', DETAIL = coalesce(v_actual, 0)::text;
      END IF;

      WITH inserted AS (
        INSERT INTO events (stream_id, version, type, data)
        SELECT p_stream, p_expected + e.n::integer, e.d->>'type', e.d
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(d, n)
        ORDER BY e.n
        RETURNING event_id, stream_id, version, global_position, type, data, recorded_at
      )
      SELECT coalesce(jsonb_agg(jsonb_build_object(
        'eventId', event_id, 'streamId', stream_id, 'version', version, 'globalPosition', global_position,
        'type', type, 'event', data, 'recordedAt', recorded_at) ORDER BY version), '[]'::jsonb)
      INTO v_events FROM inserted;

      IF p_timers IS NOT NULL THEN
        DELETE FROM timers WHERE stream_id = p_stream
          AND id NOT IN (SELECT t->>'id' FROM jsonb_array_elements(p_timers) AS t);
        -- A timer asked for again at the same due time keeps its lease: it may be firing now.
        INSERT INTO timers (id, stream_id, relationship_id, type, due_at, data)
        SELECT t->>'id', p_stream, t->>'relationshipId', t->>'type', (t->>'dueAt')::timestamptz,
               coalesce(t->'data', '{}'::jsonb)
        FROM jsonb_array_elements(p_timers) AS t
        ON CONFLICT (id) DO UPDATE SET
          stream_id = EXCLUDED.stream_id, relationship_id = EXCLUDED.relationship_id, type = EXCLUDED.type,
          data = EXCLUDED.data, due_at = EXCLUDED.due_at,
          lease_until = CASE WHEN timers.due_at = EXCLUDED.due_at THEN timers.lease_until END;
      END IF;

      IF p_snapshot IS NOT NULL THEN
        INSERT INTO snapshots (stream_id, version, machine_version, policy_version, state)
        VALUES (p_snapshot->>'streamId', (p_snapshot->>'version')::integer, p_snapshot->>'machineVersion',
                p_snapshot->>'policyVersion', coalesce(p_snapshot->'state', 'null'::jsonb))
        ON CONFLICT (stream_id) DO UPDATE SET
          version = EXCLUDED.version, machine_version = EXCLUDED.machine_version,
          policy_version = EXCLUDED.policy_version, state = EXCLUDED.state, recorded_at = now();
      END IF;

      RETURN jsonb_build_object('status', 'appended', 'streamId', p_stream,
        'fromVersion', p_expected + 1, 'toVersion', v_to, 'events', v_events);
    END
    $fn$;
  `,
};
