// Read model 6: what the team learns from exits (004, "a final note"). Per relationship: the
// warning signs on record, the reasons it was let go, and, for a new relationship with a client
// the team already let go (same name, normalised), those earlier exits and their reasons.
import type { LifecycleState, Reason, ReasonCode } from '@offramp/domain';
import type { Projection } from '../projection';
import { normaliseClientName } from './client-name';
import { isoOf, isoTime, upsertRows, type Row as TableRow } from './sql-rows';
import { warningSignOf } from './warning-signs';

export const CLIENT_HISTORY_TABLE = 'rm_client_history';

export interface ExitRecord {
  /** The reasons on record when the relationship went into notice. */
  reasons: Reason[];
  /** What the team wrote when proposing termination and when serving notice. */
  statedReasons: string[];
  redFlagExit: boolean;
}

export interface EarlierExit { relationshipId: string; clientName: string; offboardedAt: string; exit: ExitRecord; signs: Partial<Record<ReasonCode, number>> }

interface Row {
  team_id: string; client_name: string; client_key: string; state: LifecycleState; opened_at: string; offboarded_at: string | null;
  signs: Partial<Record<ReasonCode, number>>; exit: ExitRecord | null; returning_from: EarlierExit[];
}

interface Transition { to?: { state?: LifecycleState } }

export const clientHistoryProjection: Projection = {
  name: 'client-history',
  tables: [CLIENT_HISTORY_TABLE],
  migrations: [{
    id: 'read-models/060_client_history',
    sql: `CREATE TABLE IF NOT EXISTS ${CLIENT_HISTORY_TABLE} (
      relationship_id text PRIMARY KEY,
      team_id text NOT NULL,
      client_name text NOT NULL,
      client_key text NOT NULL,
      state text NOT NULL,
      opened_at timestamptz NOT NULL,
      offboarded_at timestamptz,
      signs jsonb NOT NULL,
      exit jsonb,
      returning_from jsonb NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${CLIENT_HISTORY_TABLE}_client ON ${CLIENT_HISTORY_TABLE} (team_id, client_key);`,
  }],
  async apply(tx, events) {
    const ids = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await tx.query<Row & { relationship_id: string }>(
      `SELECT relationship_id, team_id, client_name, client_key, state, ${isoOf('opened_at')} AS opened_at,
              ${isoOf('offboarded_at')} AS offboarded_at, signs, exit, returning_from
         FROM ${CLIENT_HISTORY_TABLE} WHERE relationship_id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map<string, Row>(rows.map(({ relationship_id, ...row }) => [relationship_id, row]));
    for (const { streamId, event } of events) {
      if (event.type === 'RelationshipOpened') {
        const { clientName = '', teamId = '' } = event.data as { clientName?: string; teamId?: string };
        const clientKey = normaliseClientName(clientName);
        byId.set(streamId, {
          team_id: teamId, client_name: clientName, client_key: clientKey, state: 'healthy', opened_at: isoTime(event.at), offboarded_at: null,
          signs: {}, exit: null, returning_from: await earlierExits(tx, byId, teamId, clientKey, streamId),
        });
        continue;
      }
      const row = byId.get(streamId);
      if (!row) continue;
      const sign = warningSignOf(event);
      if (sign) row.signs = { ...row.signs, [sign.code]: (row.signs[sign.code] ?? 0) + 1 };
      const { transition, reasons, reason } = event.data as { transition?: Transition; reasons?: Reason[]; reason?: unknown };
      const to = transition?.to?.state;
      if (to === 'notice' && row.state !== 'notice') row.exit = { reasons: reasons ?? [], statedReasons: [], redFlagExit: false };
      if (row.exit && typeof reason === 'string' && (event.type === 'TerminationProposed' || event.type === 'NoticeServed')) row.exit.statedReasons.push(reason);
      if (row.exit && event.type === 'RedFlagExitStarted') row.exit.redFlagExit = true;
      if (to === 'at_risk' && row.state === 'notice') row.exit = null;
      if (to) row.state = to;
      if (event.type === 'RelationshipOffboarded') {
        row.state = 'offboarded';
        row.offboarded_at = isoTime(event.at);
      }
    }
    const written: TableRow[] = [];
    for (const [relationshipId, row] of byId) {
      written.push({
        relationship_id: relationshipId, team_id: row.team_id, client_name: row.client_name, client_key: row.client_key, state: row.state,
        opened_at: row.opened_at, offboarded_at: row.offboarded_at, signs: row.signs, exit: row.exit, returning_from: row.returning_from,
      });
    }
    await upsertRows(tx, CLIENT_HISTORY_TABLE, 'relationship_id', written);
  },
};

/** Offboarded relationships of the team with the same client, including ones decided earlier in this batch. */
async function earlierExits(tx: Parameters<Projection['apply']>[0], batch: Map<string, Row>, teamId: string, clientKey: string, self: string): Promise<EarlierExit[]> {
  const { rows } = await tx.query<{ relationship_id: string; client_name: string; offboarded_at: string; exit: ExitRecord | null; signs: EarlierExit['signs'] }>(
    `SELECT relationship_id, client_name, ${isoOf('offboarded_at')} AS offboarded_at, exit, signs FROM ${CLIENT_HISTORY_TABLE}
      WHERE team_id = $1 AND client_key = $2 AND state = 'offboarded'`,
    [teamId, clientKey],
  );
  const found = new Map(rows.map((r) => [r.relationship_id, r]));
  for (const [id, row] of batch) {
    if (row.team_id === teamId && row.client_key === clientKey && row.state === 'offboarded') {
      found.set(id, { relationship_id: id, client_name: row.client_name, offboarded_at: row.offboarded_at!, exit: row.exit, signs: row.signs });
    }
  }
  found.delete(self);
  return [...found.values()]
    .map((r) => ({ relationshipId: r.relationship_id, clientName: r.client_name, offboardedAt: r.offboarded_at, exit: r.exit ?? { reasons: [], statedReasons: [], redFlagExit: false }, signs: r.signs }))
    .sort((a, b) => a.offboardedAt.localeCompare(b.offboardedAt) || a.relationshipId.localeCompare(b.relationshipId));
}
