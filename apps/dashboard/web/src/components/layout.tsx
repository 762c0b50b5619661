import { NavLink, Outlet } from 'react-router';
import { useLiveUpdates } from '../live/live-updates';
import { useSession } from '../session/session-context';

const VIEWS = [
  ['/today', 'Today'],
  ['/board', 'Portfolio'],
  ['/at-risk', 'At risk'],
  ['/notice', 'Notice'],
  ['/pareto', 'Pareto'],
  ['/exit-lessons', 'Exit lessons'],
  ['/policy', 'Policy'],
  ['/webhooks', 'Webhooks'],
] as const;

export function Layout() {
  const { session, signOut } = useSession();
  const live = useLiveUpdates(session.token);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">offramp</span>
        <nav aria-label="Views">
          <ul>
            {VIEWS.map(([to, label]) => (
              <li key={to}><NavLink to={to}>{label}</NavLink></li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="who-name">{session.sub} · team {session.teamId} · {session.role}</span>
          <span className={`live live-${live}`} role="status" aria-live="polite">
            {live === 'live' ? 'Live' : live === 'lost' ? 'Connection lost, reconnecting…' : 'Connecting…'}
          </span>
          <button type="button" onClick={signOut}>Sign out</button>
        </div>
      </header>
      {live === 'lost' && (
        <p className="banner" role="alert">The connection to the server is lost. What you see may be out of date; the page reconnects by itself.</p>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
