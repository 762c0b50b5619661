// The whole history: every input, decision, refusal and override, with who, why and the policy version.
import type { TimelineEntry } from '../../api/types';
import { reasonInWords } from '../../words/reasons';
import { dateTimeInWords } from '../../words/time';

const typeInWords = (type: string): string => type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());

const whoOf = (e: TimelineEntry): string => {
  if (e.actor) return `${e.actor.id}${e.actor.role ? ` (${e.actor.role})` : ''}`;
  if (e.source) return `signal from ${e.source}`;
  return 'offramp';
};

export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={`${e.kind}-${e.version ?? ''}-${i}`} className={`entry entry-${e.kind}${e.override ? ' entry-override' : ''}`}>
          <div className="entry-head">
            <time dateTime={e.at}>{dateTimeInWords(e.at)}</time>
            <strong>{e.kind === 'refusal' ? `Refused: ${typeInWords(e.inputType ?? e.type)}` : typeInWords(e.type)}</strong>
          </div>
          <div className="entry-meta">
            by {whoOf(e)}
            {e.inputType && e.kind === 'event' && <> · from {e.inputType}</>}
            {e.policyVersion && <> · policy {e.policyVersion}</>}
          </div>
          {e.reasons && e.reasons.length > 0 && <div>Why: {e.reasons.map((r) => reasonInWords(r.code)).join(', ')}</div>}
          {e.override && <div className="override-note">Override by {e.override.by ?? e.actor?.id ?? 'an admin'}: “{e.override.reason}”</div>}
          {e.refusal && <div className="error-text">{e.refusal.message} <code>{e.refusal.code}</code></div>}
        </li>
      ))}
    </ol>
  );
}
