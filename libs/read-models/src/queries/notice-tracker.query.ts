// The notice tracker of one team: each relationship in notice and what it still waits for.
import { noticePhaseSchema, type NoticeStatus } from '@offramp/domain';
import { z } from 'zod';
import { NOTICE_TABLE } from '../projections/notice-tracker.projection';
import { pageOf, selectPage, type Page, type Paging, type ReadContext } from './read-context';
import { pageSchemaOf } from './response-values';

export const NOTICE_GUARDS = ['cooling_off', 'contract_not_reviewed', 'receivables_outstanding', 'checklist_incomplete'] as const;
export type NoticeGuard = (typeof NOTICE_GUARDS)[number];

const instant = z.string().meta({ format: 'date-time' });
const strings = z.array(z.string());

export const noticeEntrySchema = z.object({
  relationshipId: z.string(),
  clientName: z.string(),
  phase: noticePhaseSchema,
  redFlagExit: z.boolean(),
  proposedAt: instant.nullable(),
  coolingOffEndsAt: instant.nullable(),
  contractReviewed: z.boolean(),
  terminationAllowed: z.boolean(),
  servedAt: instant.nullable(),
  channel: z.string().nullable(),
  noticeDays: z.number().int().nullable(),
  noticeEndsAt: instant.nullable(),
  stepsRequired: strings,
  stepsCompleted: strings,
  stepsWaived: strings,
  stepsOpen: strings,
  blockingGuard: z.enum(['contract_not_reviewed', 'receivables_outstanding']).nullable().describe('The first guard that would refuse serving notice, ignoring time.'),
  openReceivables: z.array(z.object({
    invoiceId: z.string(), amount: z.number(), paid: z.number().describe('Paid so far (rule 27).'), remaining: z.number().describe('What is still open.'), dueOn: z.string(),
  })),
  checklist: z.object({ required: strings, done: strings, open: strings, progress: z.number().min(0).max(1) }),
  blockedBy: z.enum(NOTICE_GUARDS).nullable().describe('What refuses the next step now: serving notice (preparing) or closing contact (served).'),
}).meta({ id: 'NoticeEntry', description: 'A relationship in notice and what it still waits for.' });

export type NoticeEntry = z.infer<typeof noticeEntrySchema>;

export const noticePageSchema = pageSchemaOf(noticeEntrySchema).meta({ id: 'NoticePage', description: 'A page of relationships in notice, earliest notice end first.' });

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
