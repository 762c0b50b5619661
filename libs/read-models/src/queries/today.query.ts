// What needs someone today, for one person in one team: repair reviews that are due, cooling-off
// that has ended (notice can be served), notice periods ending within a week, relationships that
// turned at risk since the person last looked, and exit checklists with steps open. Each item
// names the action it needs. Read from the board, at-risk and notice read models, which the
// durable timers' facts (RepairReviewDue, CoolingOffEnded, NoticePeriodEnded) keep current.
import { z } from 'zod';
import type { NoticeStatus } from '@offramp/domain';
import { AT_RISK_TABLE } from '../projections/at-risk-queue.projection';
import { BOARD_TABLE } from '../projections/portfolio-board.projection';
import { NOTICE_TABLE } from '../projections/notice-tracker.projection';
import { isoOf } from '../projections/sql-rows';
import { blockingGuardOf } from './notice-tracker.query';
import type { ReadContext } from './read-context';

export const TODAY_KINDS = ['review_due', 'cooling_off_ended', 'notice_ending', 'turned_at_risk', 'checklist_open'] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** How far ahead a notice period's end counts as "today's" business. */
export const NOTICE_ENDING_WITHIN_DAYS = 7;
const DAY_MS = 86_400_000;

export const todayItemSchema = z.object({
  kind: z.enum(TODAY_KINDS),
  relationshipId: z.string(),
  clientName: z.string(),
  /** When it became due, turned at risk, or (notice) ends. */
  at: z.string(),
  /** The command it calls for. */
  action: z.enum(['repair.conclude', 'notice.serve', 'offboarding.complete_step', 'repair.start']),
  /** The repair owner or the account owner is the person asking. */
  mine: z.boolean(),
  owner: z.string().nullable(),
  /** Open checklist steps (checklist_open, notice_ending). */
  steps: z.array(z.string()),
  /** What still stands in the way of the action (cooling_off_ended: a guard). */
  blockedBy: z.string().nullable(),
});
export const todaySchema = z.object({
  teamId: z.string(),
  personId: z.string(),
  now: z.string(),
  since: z.string(),
  items: z.array(todayItemSchema),
}).meta({ id: 'Today', description: 'What needs someone today, most overdue first.' });
export type TodayItem = z.infer<typeof todayItemSchema>;
export type Today = z.infer<typeof todaySchema>;

export interface TodayQuery { teamId: string; personId: string; /** When the person last looked (default: a day ago). */ since?: string }

export async function today({ sql, now }: ReadContext, query: TodayQuery): Promise<Today> {
  const since = query.since ?? new Date(now.getTime() - DAY_MS).toISOString();
  const day = now.toISOString().slice(0, 10);
  const items: TodayItem[] = [];
  const owners = (repairOwner: string | null, accountOwner: string | null) => ({
    owner: repairOwner ?? accountOwner, mine: repairOwner === query.personId || accountOwner === query.personId,
  });

  const { rows: reviews } = await sql.query<{ relationship_id: string; client_name: string; review_on: string; repair_owner: string | null; account_owner: string | null }>(
    `SELECT relationship_id, client_name, repair->>'reviewOn' AS review_on, repair_owner, account_owner FROM ${BOARD_TABLE}
      WHERE team_id = $1 AND state = 'repair_attempt' AND repair->>'reviewOn' <= $2`,
    [query.teamId, day],
  );
  for (const r of reviews) {
    items.push({ kind: 'review_due', relationshipId: r.relationship_id, clientName: r.client_name, at: `${r.review_on}T00:00:00.000Z`, action: 'repair.conclude', ...owners(r.repair_owner, r.account_owner), steps: [], blockedBy: null });
  }

  const { rows: notices } = await sql.query<{ relationship_id: string; client_name: string; notice: NoticeStatus; account_owner: string | null }>(
    `SELECT n.relationship_id, n.client_name, n.notice, b.account_owner FROM ${NOTICE_TABLE} n LEFT JOIN ${BOARD_TABLE} b USING (relationship_id)
      WHERE n.team_id = $1 AND n.state = 'notice' AND n.notice IS NOT NULL AND n.notice <> 'null'::jsonb`,
    [query.teamId],
  );
  const weekAhead = now.getTime() + NOTICE_ENDING_WITHIN_DAYS * DAY_MS;
  for (const { relationship_id: relationshipId, client_name: clientName, notice, account_owner } of notices) {
    const who = owners(null, account_owner);
    const open = notice.stepsOpen;
    if (notice.phase === 'preparing' && notice.coolingOffEndsAt && Date.parse(notice.coolingOffEndsAt) <= now.getTime()) {
      items.push({ kind: 'cooling_off_ended', relationshipId, clientName, at: notice.coolingOffEndsAt, action: 'notice.serve', ...who, steps: [], blockedBy: blockingGuardOf(notice, now) });
    }
    if (notice.phase === 'served' && notice.noticeEndsAt && Date.parse(notice.noticeEndsAt) <= weekAhead) {
      items.push({ kind: 'notice_ending', relationshipId, clientName, at: notice.noticeEndsAt, action: 'offboarding.complete_step', ...who, steps: open, blockedBy: null });
    } else if (notice.phase === 'served' && open.length > 0) {
      items.push({ kind: 'checklist_open', relationshipId, clientName, at: notice.servedAt ?? notice.noticeEndsAt ?? now.toISOString(), action: 'offboarding.complete_step', ...who, steps: open, blockedBy: null });
    }
  }

  const { rows: turned } = await sql.query<{ relationship_id: string; client_name: string; since: string; account_owner: string | null }>(
    `SELECT q.relationship_id, q.client_name, ${isoOf('q.since')} AS since, b.account_owner FROM ${AT_RISK_TABLE} q LEFT JOIN ${BOARD_TABLE} b USING (relationship_id)
      WHERE q.team_id = $1 AND q.state = 'at_risk' AND q.since > $2::timestamptz`,
    [query.teamId, since],
  );
  for (const r of turned) {
    items.push({ kind: 'turned_at_risk', relationshipId: r.relationship_id, clientName: r.client_name, at: r.since, action: 'repair.start', ...owners(null, r.account_owner), steps: [], blockedBy: null });
  }

  // What is overdue longest comes first; the person's own before the team's at the same time.
  items.sort((a, b) => a.at.localeCompare(b.at) || Number(b.mine) - Number(a.mine) || a.relationshipId.localeCompare(b.relationshipId));
  return { teamId: query.teamId, personId: query.personId, now: now.toISOString(), since, items };
}
