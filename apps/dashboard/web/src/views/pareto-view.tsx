// Pareto of trouble (000): which clients cause most of it. Bars per client, the cumulative share of
// all trouble as a line, and a marker where the top 20% of clients end.
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import { usePareto } from '../api/queries';
import type { ParetoRanking } from '../api/shapes';
import { usePageTitle } from '../components/page-title';
import { QueryState } from '../components/query-state';
import { useSorted } from '../components/sortable';

const percent = (share: number): string => `${Math.round(share * 100)}%`;
/** The table lists this many; the chart draws everyone. */
const TABLE_ROWS = 100;

function withCumulativeShare(r: ParetoRanking) {
  let sum = 0;
  return r.ranking.map((e) => {
    sum += e.trouble;
    return { ...e, share: r.total ? e.trouble / r.total : 0, cumulativeShare: r.total ? sum / r.total : 0 };
  });
}

export function ParetoView() {
  const pareto = usePareto();
  usePageTitle('Pareto of trouble');
  return (
    <section aria-labelledby="pareto-title">
      <h1 id="pareto-title">Pareto of trouble</h1>
      <QueryState query={pareto}>
        {({ clients, byTrouble, byCost }) => {
          if (clients === 0 || byTrouble.total === 0) return <p>No trouble recorded yet.</p>;
          const rows = withCumulativeShare(byTrouble);
          const marker = rows[byTrouble.topCount - 1];
          return (
            <>
              <p className="muted">Trouble is the weighted count of warning signs on record (each sign counts its policy weight: a red flag weighs more than a missed meeting), in points.</p>
              <p>The top 20% of clients ({byTrouble.topCount} of {clients}) cause <strong>{percent(byTrouble.topShare)}</strong> of the trouble
                {byCost.total > 0 && <> and <strong>{percent(byCost.topShare)}</strong> of the unpaid time over budget</>}.</p>
              <div role="img" aria-label={`Trouble per client, highest first; the top ${byTrouble.topCount} cause ${percent(byTrouble.topShare)}`}>
                <ResponsiveContainer width="100%" height={300}>
                  <ComposedChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
                    <CartesianGrid stroke="#d8d8d8" strokeDasharray="3 3" />
                    <XAxis dataKey="clientName" stroke="#333" />
                    <YAxis yAxisId="trouble" stroke="#333" label={{ value: 'trouble (points)', angle: -90, position: 'insideLeft', fill: '#333' }} />
                    <YAxis yAxisId="share" orientation="right" domain={[0, 1]} tickFormatter={percent} stroke="#333" />
                    <Tooltip formatter={(v, name) => (name === 'Cumulative share' ? percent(Number(v)) : String(v))} />
                    <Bar yAxisId="trouble" dataKey="trouble" name="Trouble (points)" maxBarSize={72} isAnimationActive={false}>
                      {rows.map((p, i) => <Cell key={p.relationshipId} fill={i < byTrouble.topCount ? '#1d4e89' : '#6a89b0'} />)}
                    </Bar>
                    <Line yAxisId="share" dataKey="cumulativeShare" name="Cumulative share" stroke="#8a2c0d" strokeWidth={2} isAnimationActive={false} />
                    {marker && <ReferenceLine yAxisId="trouble" x={marker.clientName} stroke="#b00020" strokeDasharray="6 3" label={{ value: 'top 20%', position: 'top', fill: '#8a0018' }} />}
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
              <ParetoTable rows={rows.slice(0, TABLE_ROWS)} topCount={byTrouble.topCount} />
              {rows.length > TABLE_ROWS && <p className="muted">And {rows.length - TABLE_ROWS} more clients with less trouble, in the chart.</p>}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

type Row = ReturnType<typeof withCumulativeShare>[number] & { rank?: number };

function ParetoTable({ rows, topCount }: { rows: Row[]; topCount: number }) {
  const ranked = rows.map((r, i) => ({ ...r, rank: i }));
  const { sorted, header } = useSorted(ranked, {
    client: (p) => p.clientName, trouble: (p) => p.trouble, share: (p) => p.share, cumulative: (p) => p.cumulativeShare, hours: (p) => p.overBudgetHours, unpaid: (p) => p.unpaidAmount,
  }, { by: 'trouble', descending: true });
  return (
    <div className="table-wrap" role="region" aria-label="Trouble per client" tabIndex={0}>
      <table>
        <thead><tr>{header('client', 'Client')}{header('trouble', 'Trouble (points)')}{header('share', 'Share')}{header('cumulative', 'Cumulative')}{header('hours', 'Hours over budget (h)')}{header('unpaid', 'Unpaid (amount)')}</tr></thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.relationshipId} className={p.rank < topCount ? 'top-client' : undefined}>
              <th scope="row"><Link to={`/relationships/${encodeURIComponent(p.relationshipId)}`}>{p.clientName}</Link>{p.rank < topCount && <> <span className="badge">top 20%</span></>}</th>
              <td data-label="Trouble">{p.trouble} points</td><td data-label="Share">{percent(p.share)}</td><td data-label="Cumulative">{percent(p.cumulativeShare)}</td>
              <td data-label="Hours over budget">{p.overBudgetHours} h</td><td data-label="Unpaid">{p.unpaidAmount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
