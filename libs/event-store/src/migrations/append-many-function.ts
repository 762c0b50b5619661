import type { Migration } from '../database';

// A batch of appends as one statement, set-based: one INSERT for all idempotency keys, one lock
// of all streams in stream order, one INSERT for all events, timers and snapshots in bulk. The
// outcome is that of running the requests one after another (as `offramp_append` does each):
// - a key already used, or used by an earlier request of the batch, makes its request a
//   duplicate: nothing of it is applied and the original result is returned;
// - every other request must find its stream at `e`, counting the requests before it; the first
//   that does not raises OR001 with `<request number>:<actual version>` as its detail, and
//   nothing of the batch is kept;
// - a stream's timers become the set of its last request that gives one; a timer kept by every
//   such request keeps its attempts, and its lease too when none of them moved its due time.
//   A batch where a timer id passes from one stream to another replaces timers request by
//   request instead, since then the order decides.
// Requests: [{ s: stream, e: expected version, n: event count, k?: key, ev: events, t?: timers,
// sn?: snapshot }]. Result, as text: { at: epoch ms of the events' time, positions, ids (of the
// new events, in order), duplicates: { <request number>: original result } }.
export const appendManyFunction: Migration = {
  id: 'event-store/007_append_many_function',
  sql: `
    CREATE FUNCTION offramp_replace_timers(p_stream text, p_timers jsonb) RETURNS void
    LANGUAGE sql AS $fn$
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
    $fn$;

    -- The requests of a batch that replace their stream's timers (duplicates left out).
    CREATE FUNCTION offramp_timer_requests(p_requests jsonb, p_skip bigint[])
    RETURNS TABLE (i bigint, s text, timers jsonb)
    LANGUAGE sql IMMUTABLE AS $fn$
      SELECT r.i, r.q->>'s', r.q->'t'
      FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(q, i)
      WHERE r.q->'t' IS NOT NULL AND NOT (r.i = ANY(p_skip))
    $fn$;

    CREATE FUNCTION offramp_timer_entries(p_requests jsonb, p_skip bigint[])
    RETURNS TABLE (i bigint, s text, id text, relationship_id text, type text, due_at timestamptz, data jsonb)
    LANGUAGE sql STABLE AS $fn$
      SELECT q.i, q.s, t->>'id', t->>'relationshipId', t->>'type', (t->>'dueAt')::timestamptz,
             coalesce(t->'data', '{}'::jsonb)
      FROM offramp_timer_requests(p_requests, p_skip) AS q, jsonb_array_elements(q.timers) AS t
    $fn$;

    -- Each stream's final timers (those of its last request with timers), and whether every
    -- request with timers kept the timer (continuous) and at the same due time (same_due).
    CREATE FUNCTION offramp_timer_plan(p_requests jsonb, p_skip bigint[])
    RETURNS TABLE (s text, id text, relationship_id text, type text, due_at timestamptz, data jsonb,
                   continuous boolean, same_due boolean)
    LANGUAGE sql STABLE AS $fn$
      WITH entry AS (SELECT * FROM offramp_timer_entries(p_requests, p_skip)),
      last AS (SELECT q.s, max(q.i) AS i, count(*) AS m FROM offramp_timer_requests(p_requests, p_skip) AS q GROUP BY q.s),
      kept AS (SELECT e.s, e.id, count(*) AS n FROM entry e GROUP BY e.s, e.id),
      same AS (SELECT e.s, e.id, e.due_at, count(*) AS n FROM entry e GROUP BY e.s, e.id, e.due_at)
      SELECT e.s, e.id, e.relationship_id, e.type, e.due_at, e.data, kept.n = last.m, same.n = last.m
      FROM entry e
      JOIN last ON last.s = e.s AND last.i = e.i
      JOIN kept ON kept.s = e.s AND kept.id = e.id
      JOIN same ON same.s = e.s AND same.id = e.id AND same.due_at = e.due_at
    $fn$;

    CREATE FUNCTION offramp_append_many(p_requests jsonb) RETURNS text
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_streams text[];
      v_expected integer[];
      v_counts integer[];
      v_keys text[];
      v_dups bigint[] := '{}';
      v_locked text[];
      v_locked_versions integer[];
      v_created text[];
      v_conflict record;
      v_positions bigint[];
      v_ids uuid[];
      v_duplicates json;
      v_in_order boolean;
      v_plan record;
      v_timer_streams text[];
      v_plan_streams text[];
      v_plan_ids text[];
      v_plan_relationships text[];
      v_plan_types text[];
      v_plan_dues timestamptz[];
      v_plan_data jsonb[];
      v_plan_continuous boolean[];
      v_plan_same_due boolean[];
      v_any_key boolean;
      v_any_timers boolean;
      v_any_snapshot boolean;
    BEGIN
      SELECT array_agg(r.q->>'s' ORDER BY r.i), array_agg((r.q->>'e')::integer ORDER BY r.i),
             array_agg((r.q->>'n')::integer ORDER BY r.i), array_agg(r.q->>'k' ORDER BY r.i),
             bool_or(r.q ? 'k'), bool_or(r.q ? 't'), bool_or(r.q ? 'sn')
      INTO v_streams, v_expected, v_counts, v_keys, v_any_key, v_any_timers, v_any_snapshot
      FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(q, i);

      -- Keys: the first use of each in the batch claims it, in key order (a concurrent holder
      -- makes this wait, then find it committed); every other use is a duplicate.
      IF v_any_key THEN
        WITH used AS (
          SELECT u.k, u.s, u.e, u.n, u.i FROM unnest(v_keys, v_streams, v_expected, v_counts) WITH ORDINALITY AS u(k, s, e, n, i)
          WHERE u.k IS NOT NULL
        ), firsts AS (
          SELECT DISTINCT ON (used.k) used.k, used.s, used.e, used.n, used.i FROM used ORDER BY used.k, used.i
        ), claimed AS (
          INSERT INTO idempotency_keys (key, stream_id, from_version, to_version)
          SELECT f.k, f.s, f.e + 1, f.e + f.n FROM firsts f ORDER BY f.k
          ON CONFLICT (key) DO NOTHING
          RETURNING key
        )
        SELECT coalesce(array_agg(used.i), '{}') INTO v_dups FROM used
        WHERE used.k NOT IN (SELECT key FROM claimed) OR used.i NOT IN (SELECT f.i FROM firsts f);
      END IF;

      -- Streams: lock those that exist, in stream order; create the others at their final version.
      SELECT array_agg(l.stream_id), array_agg(l.version) INTO v_locked, v_locked_versions
      FROM (SELECT st.stream_id, st.version FROM streams st
            WHERE st.stream_id IN (SELECT u.s FROM unnest(v_streams) WITH ORDINALITY AS u(s, i) WHERE NOT (u.i = ANY(v_dups)))
            ORDER BY st.stream_id FOR UPDATE) AS l;

      WITH created AS (
        INSERT INTO streams (stream_id, version)
        SELECT u.s, sum(u.n) FROM unnest(v_streams, v_counts) WITH ORDINALITY AS u(s, n, i)
        WHERE NOT (u.i = ANY(v_dups)) AND NOT (u.s = ANY(coalesce(v_locked, '{}')))
        GROUP BY u.s ORDER BY u.s
        ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version WHERE streams.version = 0
        RETURNING stream_id
      )
      SELECT array_agg(stream_id) INTO v_created FROM created;

      -- Every request must find its stream where the ones before it left it; the first that
      -- does not fails the batch (a stream created elsewhere meanwhile counts as found there).
      SELECT f.i, f.s, f.e, f.actual INTO v_conflict
      FROM (
        SELECT u.i, u.s, u.e,
               coalesce(lk.v, CASE WHEN u.s = ANY(coalesce(v_created, '{}')) THEN 0
                                   ELSE (SELECT st.version FROM streams st WHERE st.stream_id = u.s) END)
               + coalesce(sum(u.n) OVER (PARTITION BY u.s ORDER BY u.i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
               AS actual
        FROM unnest(v_streams, v_expected, v_counts) WITH ORDINALITY AS u(s, e, n, i)
        LEFT JOIN unnest(v_locked, v_locked_versions) AS lk(s, v) ON lk.s = u.s
        WHERE NOT (u.i = ANY(v_dups))
      ) AS f
      WHERE f.e IS DISTINCT FROM f.actual
      ORDER BY f.i LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'stream % is at version %, not %', v_conflict.s, v_conflict.actual, v_conflict.e
          USING ERRCODE = 'OR001', DETAIL = v_conflict.i || ':' || v_conflict.actual;
      END IF;

      UPDATE streams st SET version = st.version + g.n
      FROM (SELECT u.s, sum(u.n) AS n FROM unnest(v_streams, v_counts) WITH ORDINALITY AS u(s, n, i)
            WHERE NOT (u.i = ANY(v_dups)) GROUP BY u.s) AS g
      WHERE st.stream_id = g.s AND g.n > 0 AND st.stream_id = ANY(coalesce(v_locked, '{}'));

      WITH inserted AS (
        INSERT INTO events (stream_id, version, type, data)
        SELECT r.q->>'s', (r.q->>'e')::integer + e.n::integer, e.d->>'type', e.d
        FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(q, i),
             jsonb_array_elements(r.q->'ev') WITH ORDINALITY AS e(d, n)
        WHERE NOT (r.i = ANY(v_dups))
        ORDER BY r.i, e.n
        RETURNING global_position, event_id
      )
      SELECT array_agg(global_position ORDER BY global_position), array_agg(event_id ORDER BY global_position)
      INTO v_positions, v_ids FROM inserted;

      IF v_any_timers THEN
        SELECT array_agg(DISTINCT q.s) INTO v_timer_streams FROM offramp_timer_requests(p_requests, v_dups) AS q;
      END IF;
      IF v_timer_streams IS NOT NULL THEN
        SELECT EXISTS (SELECT 1 FROM offramp_timer_entries(p_requests, v_dups) AS e GROUP BY e.i, e.id HAVING count(*) > 1)
            OR EXISTS (SELECT 1 FROM offramp_timer_entries(p_requests, v_dups) AS e GROUP BY e.id HAVING count(DISTINCT e.s) > 1)
            OR EXISTS (SELECT 1 FROM offramp_timer_entries(p_requests, v_dups) AS e JOIN timers t ON t.id = e.id WHERE t.stream_id <> e.s)
        INTO v_in_order;
        IF v_in_order THEN
          FOR v_plan IN SELECT q.s, q.timers FROM offramp_timer_requests(p_requests, v_dups) AS q ORDER BY q.i LOOP
            PERFORM offramp_replace_timers(v_plan.s, v_plan.timers);
          END LOOP;
        ELSE
          SELECT array_agg(p.s), array_agg(p.id), array_agg(p.relationship_id), array_agg(p.type),
                 array_agg(p.due_at), array_agg(p.data), array_agg(p.continuous), array_agg(p.same_due)
          INTO v_plan_streams, v_plan_ids, v_plan_relationships, v_plan_types, v_plan_dues, v_plan_data,
               v_plan_continuous, v_plan_same_due
          FROM offramp_timer_plan(p_requests, v_dups) AS p;
          DELETE FROM timers t WHERE t.stream_id = ANY(v_timer_streams)
            AND NOT EXISTS (SELECT 1 FROM unnest(v_plan_streams, v_plan_ids) AS p(s, id) WHERE p.s = t.stream_id AND p.id = t.id);
          UPDATE timers t SET relationship_id = p.relationship_id, type = p.type, data = p.data, due_at = p.due_at,
            lease_until = CASE WHEN p.same_due AND t.due_at = p.due_at THEN t.lease_until END,
            attempts = CASE WHEN p.continuous THEN t.attempts ELSE 0 END
          FROM unnest(v_plan_ids, v_plan_relationships, v_plan_types, v_plan_dues, v_plan_data, v_plan_continuous, v_plan_same_due)
            AS p(id, relationship_id, type, due_at, data, continuous, same_due)
          WHERE t.id = p.id;
          INSERT INTO timers (id, stream_id, relationship_id, type, due_at, data)
          SELECT p.id, p.s, p.relationship_id, p.type, p.due_at, p.data
          FROM unnest(v_plan_ids, v_plan_streams, v_plan_relationships, v_plan_types, v_plan_dues, v_plan_data)
            AS p(id, s, relationship_id, type, due_at, data)
          WHERE NOT EXISTS (SELECT 1 FROM timers t WHERE t.id = p.id);
        END IF;
      END IF;

      -- Snapshots: the last one of the batch for each stream it names.
      IF v_any_snapshot THEN
        INSERT INTO snapshots (stream_id, version, machine_version, policy_version, state)
        SELECT DISTINCT ON (r.q->'sn'->>'streamId') r.q->'sn'->>'streamId', (r.q->'sn'->>'version')::integer,
               r.q->'sn'->>'machineVersion', r.q->'sn'->>'policyVersion', coalesce(r.q->'sn'->'state', 'null'::jsonb)
        FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(q, i)
        WHERE r.q->'sn' IS NOT NULL AND NOT (r.i = ANY(v_dups))
        ORDER BY r.q->'sn'->>'streamId', r.i DESC
        ON CONFLICT (stream_id) DO UPDATE SET
          version = EXCLUDED.version, machine_version = EXCLUDED.machine_version,
          policy_version = EXCLUDED.policy_version, state = EXCLUDED.state, recorded_at = now();
      END IF;

      IF cardinality(v_dups) > 0 THEN
        SELECT json_object_agg(u.i, json_build_object('streamId', k.stream_id, 'fromVersion', k.from_version,
                 'toVersion', k.to_version, 'events', offramp_events_json(k.stream_id, k.from_version, k.to_version)))
        INTO v_duplicates
        FROM unnest(v_keys) WITH ORDINALITY AS u(key, i) JOIN idempotency_keys k ON k.key = u.key
        WHERE u.i = ANY(v_dups);
      END IF;

      RETURN json_build_object('at', floor(extract(epoch FROM now()) * 1000), 'positions', v_positions,
        'ids', v_ids, 'duplicates', v_duplicates)::text;
    END
    $fn$;
  `,
};
