// Read model 3: the notice tracker. Relationships in notice with what stands between the team and
// a clean exit: cooling-off, the contract review, open receivables, the notice end and the
// checklist, all as the domain reports them (`noticeStatusOf`).
import { noticeStatusOf, openReceivablesOf, teamOf } from '@offramp/domain';
import type { FoldedReadModel } from './relationship-fold';

export const NOTICE_TABLE = 'rm_notice';

export const noticeReadModel: FoldedReadModel = {
  name: 'notice-tracker',
  table: NOTICE_TABLE,
  migrations: [{
    id: 'read-models/030_notice_tracker',
    sql: `CREATE TABLE IF NOT EXISTS ${NOTICE_TABLE} (
      relationship_id text PRIMARY KEY,
      team_id text NOT NULL,
      client_name text NOT NULL,
      state text NOT NULL,
      phase text,
      notice jsonb,
      open_receivables jsonb NOT NULL,
      folded jsonb NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${NOTICE_TABLE}_team ON ${NOTICE_TABLE} (team_id) WHERE state = 'notice';`,
  }],
  row: ({ relationshipId, state, view }) => ({
    relationship_id: relationshipId,
    team_id: teamOf(state),
    client_name: state.clientName,
    state: view.state,
    phase: view.phase,
    notice: noticeStatusOf(state),
    open_receivables: openReceivablesOf(state),
  }),
};
