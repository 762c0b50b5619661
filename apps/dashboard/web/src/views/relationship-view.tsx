// One relationship: where it stands, why, its risk over time, what can be done now, and its history.
import { useParams, useSearchParams } from 'react-router';
import { useNoticeTracker, useRelationship, useTimeline } from '../api/queries';
import { ReasonList } from '../components/reason-list';
import { RiskScore } from '../components/risk-score';
import { QueryState } from '../components/query-state';
import { canAct } from '../session/session';
import { useSession } from '../session/session-context';
import { stateAndPhase } from '../words/lifecycle';
import { usePageTitle } from '../components/page-title';
import { Actions, Bookkeeping } from './relationship/actions';
import { ExitChecklist } from './relationship/exit-checklist';
import { RiskChart, riskPointsOf } from './relationship/risk-chart';
import { TimelineList } from './relationship/timeline-list';

export function RelationshipView() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { session } = useSession();
  const relationship = useRelationship(id);
  const timeline = useTimeline(id, relationship.isSuccess);
  const tracker = useNoticeTracker();
  usePageTitle(relationship.data?.clientName ?? 'Relationship');
  return (
    <QueryState query={relationship}>
      {(r) => {
        const entries = timeline.data?.entries ?? [];
        const notice = tracker.data?.items.find((n) => n.relationshipId === r.relationshipId);
        return (
          <article aria-labelledby="rel-title" className="relationship">
            <header className="rel-head">
              <h1 id="rel-title">{r.clientName}</h1>
              <p className={`badge state-${r.state}`} data-testid="state">{stateAndPhase(r.state, r.phase)}</p>
              <p>Risk score now <RiskScore score={r.riskScore} /> · version {r.version}</p>
              <p>Account owner: {r.accountOwnerId ?? <span className="muted">nobody yet</span>}</p>
            </header>
            <div className="rel-grid">
              <section aria-labelledby="reasons-title" className="panel">
                <h2 id="reasons-title">Current reasons</h2>
                <ReasonList reasons={r.reasons} detailed />
              </section>
              <section aria-labelledby="risk-title" className="panel">
                <h2 id="risk-title">Risk over time</h2>
                <RiskChart points={riskPointsOf(entries, { at: new Date().toISOString(), score: r.riskScore })} />
              </section>
              {r.state === 'notice' && <ExitChecklist notice={notice} />}
              {canAct(session) && r.state !== 'offboarded' && (
                <section aria-labelledby="actions-title" className="panel actions">
                  <h2 id="actions-title">What you can do now</h2>
                  <div className="action-list">
                    <Actions relationship={r} notice={notice} strategy={params.get('strategy') ?? undefined} />
                  </div>
                </section>
              )}
              {canAct(session) && r.state !== 'offboarded' && (
                <section aria-labelledby="account-title" className="panel account">
                  <h2 id="account-title">Owner and notes</h2>
                  <div className="action-list"><Bookkeeping relationship={r} /></div>
                </section>
              )}
            </div>
            <section aria-labelledby="timeline-title" className="panel">
              <h2 id="timeline-title">Timeline</h2>
              <QueryState query={timeline}>{(t) => <TimelineList entries={t.entries} />}</QueryState>
            </section>
          </article>
        );
      }}
    </QueryState>
  );
}
