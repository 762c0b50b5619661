import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import type { RiskPoint } from '../api/shapes';

/** Risk over the last changes; the label says the direction for those who cannot see the line. */
export function Sparkline({ points }: { points: RiskPoint[] }) {
  if (points.length < 2) return <span className="muted">no trend yet</span>;
  const first = points[0].score;
  const last = points[points.length - 1].score;
  const direction = last > first ? 'rising' : last < first ? 'falling' : 'flat';
  return (
    <div className="sparkline" role="img" aria-label={`Risk trend ${direction}, from ${first} to ${last}`}>
      <ResponsiveContainer width="100%" height={32}>
        <LineChart data={points}>
          <YAxis hide domain={[0, 100]} />
          <Line type="monotone" dataKey="score" stroke="#8a2c0d" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
