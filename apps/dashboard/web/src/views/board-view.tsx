// Portfolio board: the lifecycle with counts, then every relationship as a card, filtered on the
// server and rendered only as far as it is visible.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useHttp } from '../api/api-context';
import { fetchAllPages, useBoardSummary, useRelationshipPages, type BoardFilters } from '../api/queries';
import { CsvExportButton } from '../components/csv-export';
import { usePageTitle } from '../components/page-title';
import { STATES, type BoardCard } from '../api/shapes';
import { LifecycleDiagram } from '../components/lifecycle-diagram';
import { QueryState } from '../components/query-state';
import { ReasonList } from '../components/reason-list';
import { RiskScore } from '../components/risk-score';
import { Sparkline } from '../components/sparkline';
import { stateAndPhase, stateInWords } from '../words/lifecycle';
import { REASON_CODES, reasonInWords } from '../words/reasons';

/** A first guess; each card is measured once drawn (reasons wrap on a phone). */
const CARD_HEIGHT = 112;

export function BoardView() {
  const [params, setParams] = useSearchParams();
  const filters: BoardFilters = { state: params.get('state') ?? '', reason: params.get('reason') ?? '', owner: params.get('owner') ?? '', q: params.get('q') ?? '', sort: params.get('sort') ?? '' };
  usePageTitle('Portfolio');
  const http = useHttp();
  const [search, setSearch] = useState(filters.q ?? '');
  const setFilter = (key: keyof BoardFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // Searching as one types, without a request per keystroke.
  useEffect(() => {
    const t = setTimeout(() => { if ((params.get('q') ?? '') !== search) setFilter('q', search); }, 250);
    return () => clearTimeout(t);
  });
  const summary = useBoardSummary();
  return (
    <section aria-labelledby="board-title">
      <div className="toolbar">
        <h1 id="board-title">Portfolio</h1>
        <div className="row">
          <Link to="/relationships/new">New relationship</Link>
          <CsvExportButton fileName="portfolio.csv" build={async () => {
            const cards = await fetchAllPages<BoardCard>(http, '/v1/relationships', { ...filters });
            return {
              header: ['relationshipId', 'clientName', 'state', 'phase', 'riskScore', 'topReasons', 'accountOwner', 'repairOwner', 'updatedAt'],
              rows: cards.map((c) => [c.relationshipId, c.clientName, c.state, c.phase, c.riskScore, c.topReasons.map((r) => r.code).join(' '), c.accountOwner ?? '', c.repairOwner ?? '', c.updatedAt]),
            };
          }} />
        </div>
      </div>
      <QueryState query={summary}>{(s) => <LifecycleDiagram counts={s.counts.byState} selected={filters.state} />}</QueryState>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="q">Client name</label>
          <input id="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search clients" />
        </div>
        <div>
          <label htmlFor="state">State</label>
          <select id="state" value={filters.state} onChange={(e) => setFilter('state', e.target.value)}>
            <option value="">All states</option>
            {STATES.map((s) => <option key={s} value={s}>{stateInWords(s)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="reason">Reason</label>
          <select id="reason" value={filters.reason} onChange={(e) => setFilter('reason', e.target.value)}>
            <option value="">Any reason</option>
            {REASON_CODES.map((r) => <option key={r} value={r}>{reasonInWords(r)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="owner">Repair owner</label>
          <input id="owner" value={filters.owner} onChange={(e) => setFilter('owner', e.target.value)} placeholder="Any owner" />
        </div>
        <div>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" value={filters.sort} onChange={(e) => setFilter('sort', e.target.value)}>
            <option value="">Highest risk first</option>
            <option value="name">Client name</option>
            <option value="updated">Latest change first</option>
            <option value="state">Lifecycle state</option>
          </select>
        </div>
      </form>
      <CardList filters={filters} />
    </section>
  );
}

function CardList({ filters }: { filters: BoardFilters }) {
  const pages = useRelationshipPages(filters);
  const scroller = useRef<HTMLDivElement>(null);
  const cards = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const virtualizer = useVirtualizer({ count: cards.length, getScrollElement: () => scroller.current, estimateSize: () => CARD_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= cards.length - 5 && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  }, [lastIndex, cards.length, pages]);

  if (pages.isPending) return <p role="status">Loading relationships…</p>;
  if (pages.isError) return <p role="alert" className="error">The relationships could not be loaded: {pages.error.message}</p>;
  if (cards.length === 0) {
    const filtered = Boolean(filters.state || filters.reason || filters.owner || filters.q);
    return filtered ? <p>No relationship matches these filters.</p> : <p>No relationships yet. <Link to="/relationships/new">Open the first one</Link>.</p>;
  }
  return (
    <>
      <p className="muted" aria-live="polite">{total} relationship{total === 1 ? '' : 's'}</p>
      <div ref={scroller} className="card-scroller" tabIndex={0} role="region" aria-label="Relationships">
        <ul className="cards" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => (
            <li key={cards[row.index].relationshipId} ref={virtualizer.measureElement} data-index={row.index} className="card-slot" style={{ transform: `translateY(${row.start}px)` }}>
              <Card card={cards[row.index]} />
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

function Card({ card }: { card: BoardCard }) {
  return (
    <article className={`card state-${card.state}`} aria-label={card.clientName}>
      <div className="card-head">
        <h2><Link to={`/relationships/${encodeURIComponent(card.relationshipId)}`}>{card.clientName}</Link></h2>
        <span className="badge">{stateAndPhase(card.state, card.phase)}</span>
      </div>
      <div className="card-body">
        <div className="score"><RiskScore score={card.riskScore} /></div>
        <Sparkline points={card.riskTrend} />
        <ReasonList reasons={card.topReasons} limit={3} />
      </div>
      {(card.accountOwner || card.repairOwner) && (
        <p className="muted">{[card.accountOwner && `Account owner: ${card.accountOwner}`, card.repairOwner && `Repair owner: ${card.repairOwner}`].filter(Boolean).join(' · ')}</p>
      )}
    </article>
  );
}
