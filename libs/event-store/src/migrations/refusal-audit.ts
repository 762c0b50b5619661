import type { Migration } from '../database';

// Refusals of an actor from another team, and refusals for a relationship that does not exist,
// leave every timeline for the audit log of the actor's own team (`audit_team_id`; NULL when the
// input named no team, as a signal does). Rows recorded before are moved the same way: a command
// refused for a relationship opened by another team, never opened, or not yet opened when it was
// refused, goes to its actor's team.
export const refusalAudit: Migration = {
  id: 'event-store/011_refusal_audit',
  sql: `
    ALTER TABLE refusals ADD COLUMN audit_team_id text;
    ALTER TABLE refusals ALTER COLUMN relationship_id DROP NOT NULL;
    CREATE INDEX refusals_by_audit_team ON refusals (audit_team_id, position) WHERE audit_team_id IS NOT NULL;

    WITH owners AS (
      SELECT stream_id, data->'data'->>'teamId' AS team_id, recorded_at AS opened_at
      FROM events WHERE version = 1 AND type = 'RelationshipOpened'
    )
    UPDATE refusals r
    SET audit_team_id = r.record->'input'->'actor'->>'teamId',
        relationship_id = NULL,
        record = r.record || jsonb_build_object('filed', 'audit', 'auditTeamId', r.record->'input'->'actor'->>'teamId')
    FROM (SELECT r2.position, o.team_id, o.opened_at FROM refusals r2 LEFT JOIN owners o ON o.stream_id = r2.relationship_id) AS owner
    WHERE owner.position = r.position
      AND (owner.team_id IS NULL OR r.recorded_at < owner.opened_at
        OR (r.input_kind = 'command' AND owner.team_id IS DISTINCT FROM r.record->'input'->'actor'->>'teamId'));
  `,
};
