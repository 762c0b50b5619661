// Notice tracker: every relationship in notice, where it stands and what blocks the next step.
import { Link } from 'react-router';
import { useNoticeTracker } from '../api/queries';
import { QueryState } from '../components/query-state';
import { phaseInWords } from '../words/lifecycle';
import { receivablesInWords } from '../words/money';
import { refusalHeadline } from '../words/refusals';
import { dateInWords, dateTimeInWords, isFuture, timeUntil } from '../words/time';

export function NoticeView() {
  const tracker = useNoticeTracker();
  return (
    <section aria-labelledby="notice-title">
      <h1 id="notice-title">Notice tracker</h1>
      <QueryState query={tracker}>
        {(page) => page.items.length === 0 ? <p>No relationship is in notice.</p> : (
          <div className="table-wrap" role="region" aria-label="Relationships in notice" tabIndex={0}>
            <table>
              <thead>
                <tr><th scope="col">Client</th><th scope="col">Phase</th><th scope="col">Cooling-off</th><th scope="col">Blocked by</th><th scope="col">Receivables open</th><th scope="col">Notice ends</th><th scope="col">Checklist</th></tr>
              </thead>
              <tbody>
                {page.items.map((n) => (
                  <tr key={n.relationshipId}>
                    <th scope="row"><Link to={`/relationships/${encodeURIComponent(n.relationshipId)}`}>{n.clientName}</Link>{n.redFlagExit && <> <span className="badge state-notice">red flag</span></>}</th>
                    <td>{phaseInWords(n.phase)}</td>
                    <td>{n.coolingOffEndsAt ? (isFuture(n.coolingOffEndsAt) ? `ends in ${timeUntil(n.coolingOffEndsAt)}` : `ended ${dateTimeInWords(n.coolingOffEndsAt)}`) : '—'}</td>
                    <td>{n.blockedBy ? refusalHeadline(n.blockedBy) : 'nothing'}</td>
                    <td>{receivablesInWords(n.openReceivables) ?? 'none'}</td>
                    <td>{dateInWords(n.noticeEndsAt)}</td>
                    <td>
                      <progress max={Math.max(n.checklist.required.length, 1)} value={n.checklist.done.length} aria-label={`${n.checklist.done.length} of ${n.checklist.required.length} steps done`} />{' '}
                      {n.checklist.done.length}/{n.checklist.required.length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
