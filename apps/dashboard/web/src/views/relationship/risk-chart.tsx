// Risk score over time with the at-risk threshold (policy rule 5: 60).
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { format, parseISO } from 'date-fns';
import type { RiskPoint, TimelineEntry } from '../../api/shapes';

export const AT_RISK_THRESHOLD = 60;

export function RiskChart({ points }: { points: RiskPoint[] }) {
  if (points.length === 0) return <p className="muted">No risk score recorded yet.</p>;
  // One score is not a trend: say it, rather than draw a line along an invented time axis.
  if (points.length === 1) {
    const [only] = points;
    return (
      <p className="chart-note">One score so far: <strong>{only.score}</strong>/100, recorded {format(parseISO(only.at), 'd MMM yyyy, HH:mm')}
        {only.score >= AT_RISK_THRESHOLD ? ' (at or above' : ' (below'} the at-risk threshold of {AT_RISK_THRESHOLD}). The chart appears once the score changes.</p>
    );
  }
  const data = points.map((p) => ({ t: parseISO(p.at).getTime(), score: p.score }));
  const last = points[points.length - 1];
  // Changes within a few minutes get a little room either side, in proportion, not hours of it.
  const span = data[data.length - 1].t - data[0].t;
  const pad = span < 600_000 ? Math.max(span * 0.1, 30_000) : 0;
  const lo = data[0].t - pad;
  const hi = data[data.length - 1].t + pad;
  const ticks = [0, 1, 2, 3, 4].map((i) => Math.round(lo + ((hi - lo) * i) / 4));
  // Hours within a day, days beyond: ticks stay short enough not to run into each other.
  const tick = hi - lo < 600_000 ? 'HH:mm:ss' : hi - lo < 86_400_000 ? 'HH:mm' : hi - lo < 7 * 86_400_000 ? 'd MMM HH:mm' : 'd MMM';
  return (
    <figure className="risk-chart">
      <div role="img" aria-label={`Risk score over time, now ${last.score} of 100; at risk from ${AT_RISK_THRESHOLD}`}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d8d8d8" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[lo, hi]} ticks={ticks} tickFormatter={(t: number) => format(t, tick)} minTickGap={24} stroke="#333" />
            <YAxis domain={[0, 100]} stroke="#333" />
            <Tooltip labelFormatter={(t) => format(Number(t), 'd MMM yyyy, HH:mm')} />
            <ReferenceLine y={AT_RISK_THRESHOLD} stroke="#b00020" strokeDasharray="6 3" label={{ value: `at risk ≥ ${AT_RISK_THRESHOLD}`, position: 'insideTopLeft', fill: '#8a0018' }} />
            <Line type="stepAfter" dataKey="score" stroke="#1d4e89" strokeWidth={2} dot isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">Risk score (0–100) at each change; the dashed line is the at-risk threshold.</figcaption>
    </figure>
  );
}

const scoreOf = (data: Record<string, unknown>): number | undefined => {
  if (typeof data.score === 'number') return data.score;
  const risk = data.risk as { value?: unknown } | undefined;
  return risk && typeof risk.value === 'number' ? risk.value : undefined;
};

/** Points from the timeline: every fact that recorded a score, rounded as the API shows scores. */
export function riskPointsOf(entries: TimelineEntry[], now?: { at: string; score: number }): RiskPoint[] {
  const points: RiskPoint[] = [];
  for (const e of entries) {
    if (e.kind !== 'event') continue;
    const score = scoreOf(e.data);
    if (score !== undefined) points.push({ at: e.at, score: Math.min(100, Math.max(0, Math.round(score))) });
  }
  if (now) points.push(now);
  return points;
}
