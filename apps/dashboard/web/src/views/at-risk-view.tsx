// The at-risk queue, highest risk first: why in words, since when, earlier episodes, and the
// suggested repair strategies; starting one asks for its owner and review date first.
import { addDays, format } from 'date-fns';
import { useState, type FormEvent } from 'react';
import { useHttp } from '../api/api-context';
import { CsvExportButton } from '../components/csv-export';
import { usePageTitle } from '../components/page-title';
import { Link } from 'react-router';
import { useCommand } from '../api/commands';
import { fetchAllPages, useAtRisk } from '../api/queries';
import type { AtRiskEntry, SuggestedStrategy } from '../api/shapes';
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
  const http = useHttp();
  usePageTitle('At risk');
  return (
    <section aria-labelledby="at-risk-title">
      <div className="toolbar">
        <h1 id="at-risk-title">At risk</h1>
        <CsvExportButton fileName="at-risk.csv" build={async () => {
          const entries = await fetchAllPages<AtRiskEntry>(http, '/v1/at-risk');
          return {
            header: ['relationshipId', 'clientName', 'state', 'riskScore', 'reasons', 'atRiskSince', 'hoursAtRisk', 'earlierEpisodes', 'repairOwner', 'reviewOn'],
            rows: entries.map((e) => [e.relationshipId, e.clientName, e.state, e.riskScore, e.reasons.map((r) => r.code).join(' '), e.atRiskSince, e.hoursAtRisk, e.earlierEpisodes.length, e.repair?.ownerId ?? '', e.repair?.reviewOn ?? '']),
          };
        }} />
      </div>
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
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState(owner);
  const [reviewOn, setReviewOn] = useState(() => format(addDays(new Date(), 14), 'yyyy-MM-dd'));
  const id = `start-${relationshipId}-${suggestion.strategy}`;
  const start = (e: FormEvent) => {
    e.preventDefault();
    command.mutate({ type: 'repair.start', data: { strategy: suggestion.strategy, ownerId: ownerId.trim(), reviewOn } }, { onSuccess: () => setOpen(false) });
  };
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)} title={strategyInWords(suggestion.strategy)} aria-expanded={false}>
        Start repair: {strategyTitle(suggestion.strategy)}…
      </button>
    );
  }
  return (
    <form className="start-repair" onSubmit={start} aria-label={`Start repair: ${strategyTitle(suggestion.strategy)}`}>
      <p><strong>{strategyInWords(suggestion.strategy)}</strong></p>
      <label htmlFor={`${id}-owner`}>Owner</label>
      <input id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} required maxLength={200} />
      <label htmlFor={`${id}-review`}>Review on</label>
      <input id={`${id}-review`} type="date" value={reviewOn} onChange={(e) => setReviewOn(e.target.value)} required min={format(new Date(), 'yyyy-MM-dd')} />
      <div className="row">
        <button type="submit" disabled={command.isPending}>Start this repair</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
      {command.error && <p role="alert" className="error-text">{refusalHeadline(command.error.code)}: {command.error.message} <code>{command.error.code}</code></p>}
    </form>
  );
}
