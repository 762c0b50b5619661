// Exit lessons (004, "a final note"): which warning signs preceded each exit, to write better
// contracts up front.
import { Link } from 'react-router';
import { useExitLessons } from '../api/queries';
import { QueryState } from '../components/query-state';
import { reasonInWords } from '../words/reasons';
import { dateInWords } from '../words/time';

export function ExitLessonsView() {
  const lessons = useExitLessons();
  return (
    <section aria-labelledby="lessons-title">
      <h1 id="lessons-title">Exit lessons</h1>
      <QueryState query={lessons}>
        {({ items, reasonCounts }) => (
          <>
            {reasonCounts && Object.keys(reasonCounts).length > 0 && (
              <>
                <h2>Warning signs before exits</h2>
                <ul className="counts">
                  {Object.entries(reasonCounts).sort(([, a], [, b]) => b - a).map(([code, n]) => <li key={code}>{reasonInWords(code)}: <strong>{n}</strong></li>)}
                </ul>
              </>
            )}
            <h2>Exits</h2>
            {items.length === 0 ? <p>No relationship has been offboarded yet.</p> : (
              <ul className="lessons">
                {items.map((l) => (
                  <li key={l.relationshipId}>
                    <Link to={`/relationships/${encodeURIComponent(l.relationshipId)}`}>{l.clientName}</Link> · offboarded {dateInWords(l.offboardedAt)}{l.redFlagExit && ' · red-flag exit'}
                    <div>Signs before: {l.reasons.length ? l.reasons.map(reasonInWords).join(', ') : 'none recorded'}</div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
