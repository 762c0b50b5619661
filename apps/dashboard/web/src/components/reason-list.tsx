import type { Reason } from '../api/shapes';
import { reasonInWords } from '../words/reasons';
import { dateInWords } from '../words/time';

/** Reasons in words; with `detailed`, the engine's sentence and the signals behind each. */
export function ReasonList({ reasons, detailed = false, limit }: { reasons: Reason[]; detailed?: boolean; limit?: number }) {
  if (reasons.length === 0) return <p className="muted no-reasons">No current reasons.</p>;
  const shown = limit ? reasons.slice(0, limit) : reasons;
  return (
    <ul className="reasons">
      {shown.map((r) => (
        <li key={r.code}>
          <strong>{reasonInWords(r.code)}</strong>
          {detailed && (
            <>
              {' '}— {r.message} <span className="muted">since {dateInWords(r.since)}</span>
              {r.signalIds.length > 0 && <span className="signals"> · signals: {r.signalIds.join(', ')}</span>}
            </>
          )}
        </li>
      ))}
      {limit && reasons.length > limit && <li className="muted">and {reasons.length - limit} more</li>}
    </ul>
  );
}
