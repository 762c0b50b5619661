// A small timeline of one client under the active policy and under the draft: when it was at risk.
import type { AtRiskMoment, ChangedRelationship } from '../../api/shapes';
import { dateTimeInWords } from '../../words/time';

const WIDTH = 320;
const ROW = 14;

/** The stretches at risk: from each entry to the next exit, or to the end of the run. */
function stretches(moments: AtRiskMoment[], endMs: number): [number, number][] {
  const out: [number, number][] = [];
  let from: number | null = null;
  for (const m of moments) {
    const at = Date.parse(m.at);
    if (m.change === 'entered' && from === null) from = at;
    if (m.change === 'left' && from !== null) { out.push([from, at]); from = null; }
  }
  if (from !== null) out.push([from, endMs]);
  return out;
}

export function WhatIfChart({ entry, asOf }: { entry: ChangedRelationship; asOf: string }) {
  const endMs = Date.parse(asOf);
  const all = [...entry.atRiskMoments.before, ...entry.atRiskMoments.after].map((m) => Date.parse(m.at));
  if (all.length === 0) return null;
  const startMs = Math.min(...all) - 86_400_000;
  const x = (ms: number) => ((ms - startMs) / Math.max(1, endMs - startMs)) * (WIDTH - 60) + 56;
  const rows = [['active', entry.atRiskMoments.before], ['draft', entry.atRiskMoments.after]] as const;
  const words = rows.map(([name, moments]) => {
    const s = stretches(moments, endMs);
    return s.length === 0 ? `${name}: never at risk` : `${name}: at risk from ${s.map(([a]) => dateTimeInWords(new Date(a).toISOString())).join(', ')}`;
  }).join('; ');
  return (
    <svg className="what-if-chart" viewBox={`0 0 ${WIDTH} ${ROW * 2 + 8}`} role="img" aria-label={`When ${entry.relationshipId} is at risk — ${words}`}>
      {rows.map(([name, moments], i) => (
        <g key={name} transform={`translate(0 ${i * (ROW + 4) + 2})`}>
          <text x="0" y={ROW - 3} className="what-if-label">{name}</text>
          <rect x="56" y="0" width={WIDTH - 60} height={ROW} className="what-if-track" />
          {stretches(moments, endMs).map(([a, b]) => <rect key={a} x={x(a)} y="0" width={Math.max(2, x(b) - x(a))} height={ROW} className="what-if-at-risk" />)}
        </g>
      ))}
    </svg>
  );
}
