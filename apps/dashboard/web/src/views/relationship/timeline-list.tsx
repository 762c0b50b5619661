// The whole history: every input, decision, refusal and override, with who, why and the policy version.
import { Link } from 'react-router';
import { versionAnchor } from '../../api/policy';
import type { TimelineEntry } from '../../api/shapes';
import { reasonInWords } from '../../words/reasons';
import { dateTimeInWords } from '../../words/time';

const typeInWords = (type: string): string => type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** The fact's name, with what it settled where the name alone does not say: "Repair concluded: failed". */
function headlineOf(e: Extract<TimelineEntry, { kind: 'event' }>): string {
  const detail = e.data.outcome ?? e.data.step;
  return typeof detail === 'string' ? `${typeInWords(e.type)}: ${detail.replace(/_/g, ' ')}` : typeInWords(e.type);
}

function whoOf(e: TimelineEntry): string {
  if (e.kind === 'refusal') return e.actorId ?? (e.input.kind === 'timer' ? 'offramp (timer)' : `a ${e.input.kind}`);
  if (e.actor) return `${e.actor.id} (${e.actor.role})`;
  if (e.input.source) return `${e.input.source} (signal)`;
  return e.input.kind === 'timer' ? 'offramp (timer)' : 'offramp';
}

/** An override is its own fact (`GuardOverridden`) or rides on the fact it allowed. */
function overrideOf(e: TimelineEntry): string | null {
  if (e.kind !== 'event') return null;
  const o = (e.type === 'GuardOverridden' ? e.data : e.override) as { reason?: unknown; guards?: unknown } | null;
  if (!o || typeof o.reason !== 'string') return null;
  const guards = Array.isArray(o.guards) ? ` (lifted: ${o.guards.join(', ').replace(/_/g, ' ')})` : '';
  return `Override by ${e.actor?.id ?? 'an admin'}${guards}: “${o.reason}”`;
}

export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => {
        const override = overrideOf(e);
        return (
          <li key={`${e.kind}-${i}`} className={`entry entry-${e.kind}${override ? ' entry-override' : ''}`}>
            <div className="entry-head">
              <time dateTime={e.at}>{dateTimeInWords(e.at)}</time>
              <strong>{e.kind === 'refusal' ? `Refused: ${e.input.type}` : headlineOf(e)}</strong>
            </div>
            <div className="entry-meta">
              by {whoOf(e)} · {e.kind === 'event' ? <>from {e.input.type} · policy <Link to={`/policy#${versionAnchor(e.policyVersion)}`}>{e.policyVersion}</Link></> : e.input.id}
            </div>
            {e.kind === 'event' && e.reasons.length > 0 && <div>Why: {e.reasons.map((r) => reasonInWords(r.code)).join(', ')}</div>}
            {e.kind === 'event' && typeof e.data.reason === 'string' && e.type !== 'GuardOverridden' && <div>Stated reason: “{e.data.reason}”</div>}
            {e.kind === 'event' && e.type === 'NoteAdded' && typeof e.data.text === 'string' && <blockquote className="note-text">{e.data.text}</blockquote>}
            {e.kind === 'event' && e.type === 'AccountOwnerAssigned' && <div>Account owner: {String(e.data.ownerId)}</div>}
            {override && <div className="override-note">{override}</div>}
            {e.kind === 'refusal' && <div className="error-text">{e.refusal.message} <code>{e.refusal.code}</code></div>}
          </li>
        );
      })}
    </ol>
  );
}
