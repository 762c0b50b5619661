// The at-risk queue, highest risk first: why in words, since when, earlier episodes, and the
// suggested repair strategies, each one click from starting that repair.
import { addDays, format } from 'date-fns';
import { Link } from 'react-router';
import { useCommand } from '../api/commands';
import { useAtRisk } from '../api/queries';
import type { AtRiskEntry, SuggestedStrategy } from '../api/types';
import { QueryState } from '../components/query-state';
import { ReasonList } from '../components/reason-list';
import { RiskScore } from '../components/risk-score';
import { canAct } from '../session/session';
import { useSession } from '../session/session-context';
import { reasonInWords } from '../words/reasons';
import { refusalHeadline } from '../words/refusals';
import { strategyTitle, strategyInWords } from '../words/repair';
import { durationSince } from '../words/time';

export function AtRiskView() {
  const queue = useAtRisk();
  return (
    <section aria-labelledby="at-risk-title">
      <h1 id="at-risk-title">At risk</h1>
      <QueryState query={queue}>
        {(page) => page.items.length === 0 ? <p>No relationship is at risk. Good.</p> : (
          <ol className="queue">
            {page.items.map((entry) => <QueueEntry key={entry.relationshipId} entry={entry} />)}
          </ol>
        )}
      </QueryState>
    </section>
  );
}

function QueueEntry({ entry }: { entry: AtRiskEntry }) {
  const { session } = useSession();
  const earlier = entry.earlierEpisodes.length;
  return (
    <li className="queue-entry" aria-labelledby={`q-${entry.relationshipId}`}>
      <div className="card-head">
        <h2 id={`q-${entry.relationshipId}`}><Link to={`/relationships/${encodeURIComponent(entry.relationshipId)}`}>{entry.clientName}</Link></h2>
        <span className="queue-score">Risk score now <RiskScore score={entry.riskScore} /></span>
      </div>
      <p>At risk for {durationSince(entry.atRiskSince)}{earlier > 0 ? ` · ${earlier} earlier episode${earlier === 1 ? '' : 's'}` : ' · first episode'}</p>
      <ReasonList reasons={entry.reasons} detailed />
      {entry.state === 'repair_attempt' && entry.repair && <p>Repair under way: {strategyTitle(entry.repair.strategy)}, owner {entry.repair.ownerId}, review on {entry.repair.reviewOn}.</p>}
      {entry.state === 'at_risk' && entry.suggestedStrategies.length > 0 && (
        <div className="suggestions">
          <h3>Suggested repairs</h3>
          <ul>
            {entry.suggestedStrategies.map((s) => (
              <li key={s.strategy}>
                {canAct(session) ? <StartRepair relationshipId={entry.relationshipId} suggestion={s} owner={session.sub} /> : <span>{strategyInWords(s.strategy)}</span>}
                <span className="muted"> for {s.forReasons.map(reasonInWords).join(', ').toLowerCase()}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function StartRepair({ relationshipId, suggestion, owner }: { relationshipId: string; suggestion: SuggestedStrategy; owner: string }) {
  const command = useCommand(relationshipId, undefined);
  const start = () => command.mutate({ type: 'repair.start', data: { strategy: suggestion.strategy, ownerId: owner, reviewOn: format(addDays(new Date(), 14), 'yyyy-MM-dd') } });
  return (
    <>
      <button type="button" onClick={start} disabled={command.isPending} title={strategyInWords(suggestion.strategy)}>
        Start repair: {strategyTitle(suggestion.strategy)}
      </button>
      {command.error && <span role="alert" className="error-text"> {refusalHeadline(command.error.code)}: {command.error.message} <code>{command.error.code}</code></span>}
    </>
  );
}
