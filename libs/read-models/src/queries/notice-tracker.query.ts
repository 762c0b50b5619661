// The notice tracker of one team: each relationship in notice and what it still waits for.
import type { NoticePhase } from '@offramp/domain';
import { NOTICE_TABLE } from '../projections/notice-tracker.projection';
import type { NoticeSummary } from '../projections/relationship-facts';
import { limitOffset, pageOf, type Page, type Paging, type ReadContext } from './read-context';

export type NoticeGuard = 'cooling_off' | 'contract_not_reviewed' | 'receivables_outstanding' | 'checklist_incomplete';

export interface NoticeEntry extends NoticeSummary {
  relationshipId: string;
  clientName: string;
  phase: NoticePhase;
  checklist: { required: string[]; done: string[]; open: string[]; progress: number };
  /** What refuses the next step now: serving notice (preparing) or closing contact (served). */
  blockedBy: NoticeGuard | null;
}

/** The guard a `notice.serve` (preparing) or the final `contact_closed` (served) meets now, in rule 15's order. */
export function blockingGuardOf(phase: NoticePhase, notice: NoticeSummary, openSteps: readonly string[], now: Date): NoticeGuard | null {
  if (phase === 'served') return openSteps.some((s) => s !== 'contact_closed') ? 'checklist_incomplete' : null;
  if (!notice.redFlagExit && notice.coolingOffEndsAt && now.getTime() < Date.parse(notice.coolingOffEndsAt)) return 'cooling_off';
  if (!notice.contractReview?.terminationAllowed) return 'contract_not_reviewed';
  if (!notice.redFlagExit && notice.openReceivables.length > 0) return 'receivables_outstanding';
  return null;
}

export async function noticeTracker({ sql, now }: ReadContext, query: Paging & { teamId: string }): Promise<Page<NoticeEntry>> {
  const [limit, offset] = limitOffset(query);
  const { rows } = await sql.query<{ relationship_id: string; client_name: string; phase: NoticePhase; notice: NoticeSummary; required_steps: string[]; total: number }>(
    `SELECT relationship_id, client_name, phase, notice, required_steps, (count(*) OVER ())::int AS total
       FROM ${NOTICE_TABLE} WHERE team_id = $1 AND state = 'notice'
      ORDER BY notice->>'noticeEndsAt' NULLS LAST, relationship_id LIMIT ${limit} OFFSET ${offset}`,
    [query.teamId],
  );
  const items = rows.map((r) => {
    const done = r.required_steps.filter((s) => r.notice.stepsCompleted.includes(s) || r.notice.stepsWaived.includes(s));
    const open = r.required_steps.filter((s) => !done.includes(s));
    return {
      relationshipId: r.relationship_id,
      clientName: r.client_name,
      ...r.notice,
      phase: r.phase,
      checklist: { required: r.required_steps, done, open, progress: r.required_steps.length ? done.length / r.required_steps.length : 1 },
      blockedBy: blockingGuardOf(r.phase, r.notice, open, now),
    };
  });
  return pageOf(items, rows[0]?.total ?? 0, query);
}
