// Read model 6: what the team learns from exits (004, "a final note"). Per relationship: the
// warning signs on record, the reasons it was let go, and, for a new relationship with a client
// the team already let go (same name, normalised), those earlier exits and their reasons.
import { relationshipEventOf, type DomainEvent, type LifecycleState, type Reason, type ReasonCode } from '@offramp/domain';
import type { Sql } from '@offramp/event-store';
import type { Projection } from '../projection';
import { normaliseClientName } from './client-name';
import { isoOf, isoTime, upsertRows, type Row as TableRow } from './sql-rows';
import { warningSignOf } from './warning-signs';

export const CLIENT_HISTORY_TABLE = 'rm_client_history';

export type { EarlierExit, ExitRecord } from '../queries/response-values';
import type { EarlierExit, ExitRecord } from '../queries/response-values';

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
  async apply(tx, allEvents) {
    const events = allEvents.filter(({ event }) => shapesHistory(event));
    if (events.length === 0) return;
    const ids = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await tx.query<Row & { relationship_id: string }>(
      `SELECT relationship_id, team_id, client_name, client_key, state, ${isoOf('opened_at')} AS opened_at,
              ${isoOf('offboarded_at')} AS offboarded_at, signs, exit, returning_from
         FROM ${CLIENT_HISTORY_TABLE} WHERE relationship_id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map<string, Row>(rows.map(({ relationship_id, ...row }) => [relationship_id, row]));
    const openings = events.filter(({ event }) => event.type === 'RelationshipOpened').map(({ event }) => clientOf(event));
    const exitedBefore = await offboardedBefore(tx, openings);
    for (const { streamId, event } of events) {
      if (event.type === 'RelationshipOpened') {
        const { clientName, teamId, clientKey } = clientOf(event);
        byId.set(streamId, {
          team_id: teamId, client_name: clientName, client_key: clientKey, state: 'healthy', opened_at: isoTime(event.at), offboarded_at: null,
          signs: {}, exit: null, returning_from: earlierExits(exitedBefore.get(clientIdOf(teamId, clientKey)) ?? [], byId, teamId, clientKey, streamId),
        });
        continue;
      }
      const row = byId.get(streamId);
      if (!row) continue;
      const sign = warningSignOf(relationshipEventOf(event));
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

/** The facts this read model follows: openings, warning signs, moves between states, the exit. */
const EXIT_FACTS: ReadonlySet<string> = new Set(['RelationshipOpened', 'TerminationProposed', 'NoticeServed', 'RedFlagExitStarted', 'RelationshipOffboarded']);

function shapesHistory(event: DomainEvent): boolean {
  return EXIT_FACTS.has(event.type) || warningSignOf(relationshipEventOf(event)) !== null || (event.data as { transition?: Transition }).transition?.to?.state !== undefined;
}

interface Client { teamId: string; clientName: string; clientKey: string }

function clientOf(event: DomainEvent): Client {
  const { clientName = '', teamId = '' } = event.data as { clientName?: string; teamId?: string };
  return { teamId, clientName, clientKey: normaliseClientName(clientName) };
}

const clientIdOf = (teamId: string, clientKey: string): string => JSON.stringify([teamId, clientKey]);

type ExitedRow = { relationship_id: string; client_name: string; offboarded_at: string; exit: ExitRecord | null; signs: EarlierExit['signs'] };

/** The offboarded relationships stored before this batch, of every client opened in it (one query). */
async function offboardedBefore(tx: Sql, openings: readonly Client[]): Promise<Map<string, ExitedRow[]>> {
  const byClient = new Map<string, ExitedRow[]>();
  if (openings.length === 0) return byClient;
  const { rows } = await tx.query<ExitedRow & { team_id: string; client_key: string }>(
    `SELECT relationship_id, team_id, client_key, client_name, ${isoOf('offboarded_at')} AS offboarded_at, exit, signs FROM ${CLIENT_HISTORY_TABLE}
      WHERE state = 'offboarded' AND (team_id, client_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [openings.map((c) => c.teamId), openings.map((c) => c.clientKey)],
  );
  for (const { team_id, client_key, ...row } of rows) {
    const id = clientIdOf(team_id, client_key);
    byClient.set(id, [...(byClient.get(id) ?? []), row]);
  }
  return byClient;
}

/** Offboarded relationships of the team with the same client: stored before, or decided earlier in this batch. */
function earlierExits(stored: readonly ExitedRow[], batch: Map<string, Row>, teamId: string, clientKey: string, self: string): EarlierExit[] {
  const found = new Map(stored.map((r) => [r.relationship_id, r]));
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
