// Today, the landing page: what needs someone in the team today, and the person's own first at
// each moment. Each item links to its relationship and names the action it needs. "Turned at
// risk" counts from when this person last opened this view (kept in this browser).
import { Link } from 'react-router';
import { useEffect, useState } from 'react';
import type { TodayItem, TodayKind } from '../api/shapes';
import { useToday } from '../api/queries';
import { usePageTitle } from '../components/page-title';
import { QueryState } from '../components/query-state';
import { useSession } from '../session/session-context';
import { refusalHeadline } from '../words/refusals';
import { stepInWords } from '../words/repair';
import { dateInWords, dateTimeInWords, isFuture, timeUntil } from '../words/time';

const GROUPS: { kind: TodayKind; title: string; action: string; anchor: string }[] = [
  { kind: 'review_due', title: 'Repair reviews due', action: 'Conclude the repair', anchor: 'conclude-title' },
  { kind: 'cooling_off_ended', title: 'Cooling-off ended: notice can be served', action: 'Serve notice', anchor: 'serve-title' },
  { kind: 'notice_ending', title: 'Notice periods ending within 7 days', action: 'Finish the exit checklist', anchor: 'step-title' },
  { kind: 'turned_at_risk', title: 'Turned at risk since you last looked', action: 'Start a repair', anchor: 'repair-title' },
  { kind: 'checklist_open', title: 'Exit checklists with steps open', action: 'Complete a step', anchor: 'step-title' },
];

const lastLookedKey = (sub: string, team: string) => `offramp.today.lastLooked.${team}.${sub}`;

function whenOf(item: TodayItem): string {
  switch (item.kind) {
    case 'review_due': return `review was due ${dateInWords(item.at)}`;
    case 'cooling_off_ended': return `cooling-off ended ${dateTimeInWords(item.at)}`;
    case 'notice_ending': return isFuture(item.at) ? `notice ends in ${timeUntil(item.at)} (${dateInWords(item.at)})` : `notice ended ${dateInWords(item.at)}`;
    case 'turned_at_risk': return `at risk since ${dateTimeInWords(item.at)}`;
    case 'checklist_open': return `served ${dateInWords(item.at)}`;
  }
}

export function TodayView() {
  const { session } = useSession();
  usePageTitle('Today');
  const key = lastLookedKey(session.sub, session.teamId);
  // Read once when the view opens; the visit itself becomes the next "last looked".
  const [since] = useState(() => localStorage.getItem(key) ?? undefined);
  useEffect(() => { localStorage.setItem(key, new Date().toISOString()); }, [key]);
  const today = useToday(since);
  return (
    <section aria-labelledby="today-title">
      <div className="toolbar">
        <h1 id="today-title">Today</h1>
        <Link to="/relationships/new">New relationship</Link>
      </div>
      <QueryState query={today}>
        {(t) => t.items.length === 0 ? <p>Nothing needs anyone today. New warning signs show up here as they arrive.</p> : (
          <>
            <p className="muted">{t.items.length} thing{t.items.length === 1 ? '' : 's'} to do; yours are marked.</p>
            {GROUPS.map((g) => {
              const items = t.items.filter((i) => i.kind === g.kind);
              if (items.length === 0) return null;
              return (
                <section key={g.kind} className="today-group" aria-labelledby={`today-${g.kind}`}>
                  <h2 id={`today-${g.kind}`}>{g.title} ({items.length})</h2>
                  <ul className="today">
                    {items.map((item) => (
                      <li key={`${item.kind}-${item.relationshipId}`} className={`today-item${item.mine ? ' mine' : ''}`}>
                        <div>
                          <h3><Link to={`/relationships/${encodeURIComponent(item.relationshipId)}`}>{item.clientName}</Link>{item.mine && <> <span className="badge">yours</span></>}</h3>
                          <p>{whenOf(item)}{item.owner ? ` · owner ${item.owner}` : ''}</p>
                          {item.blockedBy && <p className="error-text">Still blocked: {refusalHeadline(item.blockedBy)}</p>}
                          {item.steps.length > 0 && <p className="muted">Open steps: {item.steps.map(stepInWords).join(', ')}</p>}
                        </div>
                        <Link to={`/relationships/${encodeURIComponent(item.relationshipId)}#${g.anchor}`}>{g.action}</Link>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </>
        )}
      </QueryState>
    </section>
  );
}
