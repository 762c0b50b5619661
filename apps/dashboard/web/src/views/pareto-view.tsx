// Pareto of trouble: which clients cause most of it (000), bars per client with the cumulative share
// and a marker where the top 20% of clients end.
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import { usePareto } from '../api/queries';
import { QueryState } from '../components/query-state';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

export function ParetoView() {
  const pareto = usePareto();
  return (
    <section aria-labelledby="pareto-title">
      <h1 id="pareto-title">Pareto of trouble</h1>
      <QueryState query={pareto}>
        {({ items }) => {
          if (items.length === 0) return <p>No trouble recorded yet.</p>;
          const topCount = Math.max(1, Math.ceil(items.length * 0.2));
          const top = items[topCount - 1];
          return (
            <>
              <p>The top 20% of clients ({topCount} of {items.length}) cause <strong>{percent(top.cumulativeShare)}</strong> of the trouble.</p>
              <div role="img" aria-label={`Trouble per client, highest first; the top ${topCount} cause ${percent(top.cumulativeShare)}`}>
                <ResponsiveContainer width="100%" height={300}>
                  <ComposedChart data={items} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                    <CartesianGrid stroke="#d8d8d8" strokeDasharray="3 3" />
                    <XAxis dataKey="clientName" stroke="#333" />
                    <YAxis yAxisId="trouble" stroke="#333" />
                    <YAxis yAxisId="share" orientation="right" domain={[0, 1]} tickFormatter={percent} stroke="#333" />
                    <Tooltip formatter={(v, name) => (name === 'Cumulative share' ? percent(Number(v)) : v)} />
                    <Bar yAxisId="trouble" dataKey="trouble" name="Trouble" fill="#1d4e89" isAnimationActive={false} />
                    <Line yAxisId="share" dataKey="cumulativeShare" name="Cumulative share" stroke="#8a2c0d" strokeWidth={2} isAnimationActive={false} />
                    <ReferenceLine yAxisId="trouble" x={top.clientName} stroke="#b00020" strokeDasharray="6 3" label={{ value: 'top 20%', position: 'top', fill: '#8a0018' }} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
              <div className="table-wrap" role="region" aria-label="Trouble per client" tabIndex={0}>
                <table>
                  <thead><tr><th scope="col">Client</th><th scope="col">Trouble</th><th scope="col">Share</th><th scope="col">Cumulative</th><th scope="col">Unpaid hours</th></tr></thead>
                  <tbody>
                    {items.map((p, i) => (
                      <tr key={p.relationshipId} className={i < topCount ? 'top' : undefined}>
                        <th scope="row"><Link to={`/relationships/${encodeURIComponent(p.relationshipId)}`}>{p.clientName}</Link>{i < topCount && <span className="badge"> top 20%</span>}</th>
                        <td>{p.trouble}</td><td>{percent(p.share)}</td><td>{percent(p.cumulativeShare)}</td><td>{p.unpaidHours ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
