// Notice tracker: every relationship in notice, where it stands and what blocks the next step.
import { Link } from 'react-router';
import { useNoticeTracker } from '../api/queries';
import type { NoticeEntry } from '../api/shapes';
import { usePageTitle } from '../components/page-title';
import { QueryState } from '../components/query-state';
import { useSorted } from '../components/sortable';
import { phaseInWords } from '../words/lifecycle';
import { receivablesInWords } from '../words/money';
import { refusalHeadline } from '../words/refusals';
import { dateInWords, dateTimeInWords, isFuture, timeUntil } from '../words/time';

export function NoticeView() {
  const tracker = useNoticeTracker();
  usePageTitle('Notice tracker');
  return (
    <section aria-labelledby="notice-title">
      <h1 id="notice-title">Notice tracker</h1>
      <QueryState query={tracker}>
        {(page) => page.items.length === 0 ? <p>No relationship is in notice.</p> : <NoticeTable items={page.items} />}
      </QueryState>
    </section>
  );
}

function NoticeTable({ items }: { items: NoticeEntry[] }) {
  const { sorted, header } = useSorted(items, {
    client: (n) => n.clientName, phase: (n) => n.phase, coolingOff: (n) => n.coolingOffEndsAt, blocked: (n) => n.blockedBy ?? '',
    receivables: (n) => n.openReceivables.length, ends: (n) => n.noticeEndsAt, checklist: (n) => n.checklist.progress,
  }, { by: 'ends' });
  return (
    <div className="table-wrap" role="region" aria-label="Relationships in notice" tabIndex={0}>
      <table>
        <thead>
          <tr>{header('client', 'Client')}{header('phase', 'Phase')}{header('coolingOff', 'Cooling-off')}{header('blocked', 'Blocked by')}{header('receivables', 'Receivables open')}{header('ends', 'Notice ends')}{header('checklist', 'Checklist')}</tr>
        </thead>
        <tbody>
          {sorted.map((n) => (
            <tr key={n.relationshipId}>
              <th scope="row"><Link to={`/relationships/${encodeURIComponent(n.relationshipId)}`}>{n.clientName}</Link>{n.redFlagExit && <> <span className="badge state-notice">red flag</span></>}</th>
              <td data-label="Phase">{phaseInWords(n.phase)}</td>
              <td data-label="Cooling-off">{n.coolingOffEndsAt ? (isFuture(n.coolingOffEndsAt) ? `ends in ${timeUntil(n.coolingOffEndsAt)}` : `ended ${dateTimeInWords(n.coolingOffEndsAt)}`) : '—'}</td>
              <td data-label="Blocked by">{n.blockedBy ? refusalHeadline(n.blockedBy) : 'nothing'}</td>
              <td data-label="Receivables open">{receivablesInWords(n.openReceivables) ?? 'none'}</td>
              <td data-label="Notice ends">{dateInWords(n.noticeEndsAt)}</td>
              <td data-label="Checklist">
                <progress max={Math.max(n.checklist.required.length, 1)} value={n.checklist.done.length} aria-label={`${n.checklist.done.length} of ${n.checklist.required.length} steps done`} />{' '}
                {n.checklist.done.length}/{n.checklist.required.length}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
