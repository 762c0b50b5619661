// Read model 2: the at-risk queue. Relationships in at_risk or repair_attempt with their reasons,
// since when they are in trouble, and their earlier episodes. An episode runs from entering
// at_risk (or a repair) until the relationship leaves both: back to healthy, into notice, or out.
import { repairOf, teamOf, type LifecycleState, type ReasonCode } from '@offramp/domain';
import type { FoldedReadModel } from './relationship-fold';
import { riskReadingMigration, riskReadingRow } from './risk-reading';
import { isoOf, isoTime } from './sql-rows';

export const AT_RISK_TABLE = 'rm_at_risk';

export type { Episode } from '../queries/response-values';
import type { Episode } from '../queries/response-values';

/** The episode running now (none: `since` null) and the earlier ones: what a row continues from. */
interface Carried { since: string | null; reasons: ReasonCode[]; earlier: Episode[] }

const troubled = (state: LifecycleState | undefined): boolean => state === 'at_risk' || state === 'repair_attempt';

export const atRiskReadModel: FoldedReadModel<Carried> = {
  name: 'at-risk-queue',
  table: AT_RISK_TABLE,
  migrations: [{
    id: 'read-models/020_at_risk_queue',
    sql: `CREATE TABLE IF NOT EXISTS ${AT_RISK_TABLE} (
      relationship_id text PRIMARY KEY,
      team_id text NOT NULL,
      client_name text NOT NULL,
      state text NOT NULL,
      risk_score integer NOT NULL,
      reasons jsonb NOT NULL,
      since timestamptz,
      episode_reasons jsonb NOT NULL,
      earlier_episodes jsonb NOT NULL,
      repair jsonb,
      folded jsonb NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${AT_RISK_TABLE}_queue ON ${AT_RISK_TABLE} (team_id, risk_score DESC) WHERE since IS NOT NULL;`,
  }, riskReadingMigration('read-models/021_at_risk_risk_reading', AT_RISK_TABLE, `${AT_RISK_TABLE}_queue`, `${AT_RISK_TABLE}_team_queue ON ${AT_RISK_TABLE} (team_id) WHERE since IS NOT NULL`)],
  carried: (row) => `jsonb_build_object('since', ${isoOf(`${row}.since`)}, 'reasons', ${row}.episode_reasons, 'earlier', ${row}.earlier_episodes)`,
  step({ stored, viewBefore, view }, carried) {
    const entry = carried ?? { since: null, reasons: [], earlier: [] };
    if (troubled(view.state)) {
      entry.since ??= isoTime(stored.event.at);
      const added = view.reasons.filter((r) => !entry.reasons.includes(r.code));
      if (added.length > 0) entry.reasons = [...new Set([...entry.reasons, ...added.map((r) => r.code)])];
    } else if (troubled(viewBefore?.state) && entry.since) {
      entry.earlier = [...entry.earlier, { startedAt: entry.since, endedAt: isoTime(stored.event.at), endedIn: view.state, reasons: entry.reasons }];
      entry.since = null;
      entry.reasons = [];
    }
    return entry;
  },
  row({ relationshipId, state, view }, carried) {
    const episode = carried!;
    return {
      relationship_id: relationshipId,
      team_id: teamOf(state),
      client_name: state.clientName,
      state: view.state,
      ...riskReadingRow(state),
      reasons: view.reasons,
      since: episode.since,
      episode_reasons: episode.reasons,
      earlier_episodes: episode.earlier,
      repair: repairOf(state),
    };
  },
};
