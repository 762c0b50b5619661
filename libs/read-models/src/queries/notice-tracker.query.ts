// The notice tracker of one team: each relationship in notice and what it still waits for.
import type { NoticeStatus, openReceivablesOf } from '@offramp/domain';
import { NOTICE_TABLE } from '../projections/notice-tracker.projection';
import { pageOf, selectPage, type Page, type Paging, type ReadContext } from './read-context';

export type NoticeGuard = 'cooling_off' | 'contract_not_reviewed' | 'receivables_outstanding' | 'checklist_incomplete';

export interface NoticeEntry extends NoticeStatus {
  relationshipId: string;
  clientName: string;
  openReceivables: ReturnType<typeof openReceivablesOf>;
  checklist: { required: string[]; done: string[]; open: string[]; progress: number };
  /** What refuses the next step now: serving notice (preparing) or closing contact (served). */
  blockedBy: NoticeGuard | null;
}

/**
 * The guard the next step meets now. The domain reports the guards that do not depend on time;
 * cooling-off depends on now, so it is read from its end here.
 */
export function blockingGuardOf(status: NoticeStatus, now: Date): NoticeGuard | null {
  if (status.phase === 'served') return status.stepsOpen.some((s) => s !== 'contact_closed') ? 'checklist_incomplete' : null;
  if (status.coolingOffEndsAt && now.getTime() < Date.parse(status.coolingOffEndsAt)) return 'cooling_off';
  return status.blockingGuard;
}

export async function noticeTracker({ sql, now }: ReadContext, query: Paging & { teamId: string }): Promise<Page<NoticeEntry>> {
  const { rows, total } = await selectPage<{ relationship_id: string; client_name: string; notice: NoticeStatus; open_receivables: NoticeEntry['openReceivables'] }>(sql, {
    columns: 'relationship_id, client_name, notice, open_receivables',
    from: NOTICE_TABLE,
    where: "team_id = $1 AND state = 'notice' AND notice IS NOT NULL AND notice <> 'null'::jsonb",
    orderBy: "notice->>'noticeEndsAt' NULLS LAST, relationship_id",
    params: [query.teamId],
  }, query);
  const items = rows.map((r) => {
    const open = r.notice.stepsOpen;
    const done = r.notice.stepsRequired.filter((s) => !open.includes(s));
    return {
      relationshipId: r.relationship_id,
      clientName: r.client_name,
      ...r.notice,
      openReceivables: r.open_receivables,
      checklist: { required: r.notice.stepsRequired, done, open, progress: r.notice.stepsRequired.length ? done.length / r.notice.stepsRequired.length : 1 },
      blockedBy: blockingGuardOf(r.notice, now),
    };
  });
  return pageOf(items, total, query);
}
