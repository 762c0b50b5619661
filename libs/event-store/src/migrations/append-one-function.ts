import type { Migration } from '../database';

// A single append that answers as `offramp_append_many` does: only what the store chose for the
// new events (positions, ids, time), not the events themselves, which the caller sent and already
// holds. `offramp_append` (006) built every event back as JSON for the caller to parse again,
// the larger part of an append of many events. The same steps otherwise: claim the key, move
// the stream's version, insert the events, replace timers and snapshot. A stale expected version
// raises OR001 with `1:<actual version>` as its detail, as the batch function names request 1.
export const appendOneFunction: Migration = {
  id: 'event-store/013_append_one_function',
  sql: `
    CREATE FUNCTION offramp_append_one(
      p_stream text, p_expected integer, p_events jsonb, p_key text, p_timers jsonb, p_snapshot jsonb
    ) RETURNS text
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_to integer := p_expected + jsonb_array_length(p_events);
      v_original idempotency_keys%ROWTYPE;
      v_actual integer;
      v_positions bigint[];
      v_ids uuid[];
    BEGIN
      IF p_key IS NOT NULL THEN
        -- A concurrent holder of the same key makes this wait, then find it committed.
        INSERT INTO idempotency_keys (key, stream_id, from_version, to_version)
        VALUES (p_key, p_stream, p_expected + 1, v_to)
        ON CONFLICT (key) DO NOTHING;
        IF NOT FOUND THEN
          SELECT * INTO v_original FROM idempotency_keys WHERE key = p_key;
          RETURN json_build_object('at', floor(extract(epoch FROM now()) * 1000), 'positions', NULL, 'ids', NULL,
            'duplicates', json_build_object('1', json_build_object('streamId', v_original.stream_id,
              'fromVersion', v_original.from_version, 'toVersion', v_original.to_version,
              'events', offramp_events_json(v_original.stream_id, v_original.from_version, v_original.to_version))))::text;
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
          USING ERRCODE = 'OR001', DETAIL = '1:' || coalesce(v_actual, 0);
      END IF;

      WITH inserted AS (
        INSERT INTO events (stream_id, version, type, data)
        SELECT p_stream, p_expected + e.n::integer, e.d->>'type', e.d
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(d, n)
        ORDER BY e.n
        RETURNING global_position, event_id
      )
      SELECT array_agg(global_position ORDER BY global_position), array_agg(event_id ORDER BY global_position)
      INTO v_positions, v_ids FROM inserted;

      IF p_timers IS NOT NULL THEN
        PERFORM offramp_replace_timers(p_stream, p_timers);
      END IF;

      IF p_snapshot IS NOT NULL THEN
        INSERT INTO snapshots (stream_id, version, machine_version, policy_version, state)
        VALUES (p_snapshot->>'streamId', (p_snapshot->>'version')::integer, p_snapshot->>'machineVersion',
                p_snapshot->>'policyVersion', coalesce(p_snapshot->'state', 'null'::jsonb))
        ON CONFLICT (stream_id) DO UPDATE SET
          version = EXCLUDED.version, machine_version = EXCLUDED.machine_version,
          policy_version = EXCLUDED.policy_version, state = EXCLUDED.state, recorded_at = now();
      END IF;

      RETURN json_build_object('at', floor(extract(epoch FROM now()) * 1000), 'positions', v_positions,
        'ids', v_ids, 'duplicates', NULL)::text;
    END
    $fn$;
  `,
};
