// Read model 4: the timeline of one relationship. Every fact in stream order with the input that
// caused it (who, from where), its reasons and the policy version that decided it. Refusals are
// not events: the timeline query merges them in from the store.
import type { Reason } from '@offramp/domain';
import type { Projection } from '../projection';
import { insertRows } from './sql-rows';

export const TIMELINE_TABLE = 'rm_timeline';

const isReasonList = (value: unknown): value is Reason[] => Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && 'code' in r);

export const timelineProjection: Projection = {
  name: 'timeline',
  tables: [TIMELINE_TABLE],
  migrations: [{
    id: 'read-models/040_timeline',
    sql: `CREATE TABLE IF NOT EXISTS ${TIMELINE_TABLE} (
      global_position bigint PRIMARY KEY,
      relationship_id text NOT NULL,
      version integer NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      policy_version text NOT NULL,
      caused_by jsonb NOT NULL,
      reasons jsonb NOT NULL,
      override jsonb,
      data jsonb NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS ${TIMELINE_TABLE}_stream ON ${TIMELINE_TABLE} (relationship_id, version);`,
  }],
  async apply(tx, events) {
    await insertRows(tx, TIMELINE_TABLE, events.map(({ event, globalPosition, version, recordedAt }) => {
      const { reasons, override } = event.data;
      return {
        global_position: globalPosition,
        relationship_id: event.relationshipId,
        version,
        type: event.type,
        at: event.at,
        recorded_at: recordedAt,
        policy_version: event.policyVersion,
        caused_by: event.causedBy,
        reasons: isReasonList(reasons) ? reasons : [],
        override: override ?? null,
        data: event.data,
      };
    }));
  },
};
