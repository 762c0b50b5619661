// Exit lessons (004, "a final note"): which warning signs preceded exits, to write better contracts
// up front, and clients who came back, with why they were let go.
import { Link } from 'react-router';
import { useExitLessons } from '../api/queries';
import { usePageTitle } from '../components/page-title';
import { QueryState } from '../components/query-state';
import { reasonInWords } from '../words/reasons';
import { dateInWords } from '../words/time';

export function ExitLessonsView() {
  const lessons = useExitLessons();
  usePageTitle('Exit lessons');
  return (
    <section aria-labelledby="lessons-title">
      <h1 id="lessons-title">Exit lessons</h1>
      <QueryState query={lessons}>
        {({ exits, signsBeforeExit, offboarded, returningClients }) => (
          <>
            <p>{exits} exit{exits === 1 ? '' : 's'} so far.</p>
            {signsBeforeExit.length > 0 && (
              <>
                <h2>Warning signs before exits</h2>
                <ul className="counts">
                  {signsBeforeExit.map((s) => <li key={s.code}>{reasonInWords(s.code)}: <strong>{s.exits}</strong> exit{s.exits === 1 ? '' : 's'} ({Math.round(s.share * 100)}%)</li>)}
                </ul>
              </>
            )}
            <h2>Exits</h2>
            {offboarded.length === 0 ? <p>No relationship has been offboarded yet.</p> : (
              <ul className="lessons">
                {offboarded.map((l) => (
                  <li key={l.relationshipId}>
                    <Link to={`/relationships/${encodeURIComponent(l.relationshipId)}`}>{l.clientName}</Link> · offboarded {dateInWords(l.offboardedAt)}{l.exit?.redFlagExit && ' · red-flag exit'}
                    <div>Signs before: {Object.keys(l.signs).length ? Object.entries(l.signs).map(([code, n]) => `${reasonInWords(code)} (${n})`).join(', ') : 'none recorded'}</div>
                    {l.exit && l.exit.statedReasons.length > 0 && <div>Stated: {l.exit.statedReasons.map((r) => `“${r}”`).join(', ')}</div>}
                  </li>
                ))}
              </ul>
            )}
            {returningClients.length > 0 && (
              <>
                <h2>Clients who came back</h2>
                <ul>
                  {returningClients.map((c) => (
                    <li key={c.relationshipId}>
                      <Link to={`/relationships/${encodeURIComponent(c.relationshipId)}`}>{c.clientName}</Link>: let go before for {c.earlierExits.flatMap((e) => e.exit.reasons.map((r) => reasonInWords(r.code))).join(', ') || 'reasons not recorded'}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
