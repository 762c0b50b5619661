// The team's policy: every number with its meaning in plain words and its bounds, edited as a
// draft; a what-if of the draft over the team's own history, with the clients it would change;
// activation with a reason (admins); and the history of changes, who and why.
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useActivate, usePolicy, useSaveDraft, useWhatIf, versionAnchor } from '../api/policy';
import type { LifecycleState, Phase, PolicyDocument, PolicyField, TeamPolicy, WhatIfJob } from '../api/shapes';
import { QueryState } from '../components/query-state';
import { canAct, canOverride } from '../session/session';
import { useSession } from '../session/session-context';
import { stateAndPhase } from '../words/lifecycle';
import { reasonInWords } from '../words/reasons';
import { refusalHeadline } from '../words/refusals';
import { dateTimeInWords } from '../words/time';
import { WhatIfChart } from './policy/what-if-chart';

const valueAt = (document: PolicyDocument, field: string): unknown =>
  field.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), document);

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

function parsedValue(field: PolicyField, text: string): unknown {
  if (field.kind === 'number') return text.trim() === '' ? null : Number(text);
  if (field.kind === 'boolean') return text === 'true';
  if (field.kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (Number.isNaN(Number(s)) ? s : Number(s)));
  return text;
}

/** A merge patch of the edited fields (dotted paths become nested members). */
function patchOf(fields: PolicyField[], edits: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.field in edits)) continue;
    const keys = f.field.split('.');
    let at = patch;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = parsedValue(f, edits[f.field]!);
  }
  return patch;
}

const boundsOf = (f: PolicyField): string =>
  f.min === undefined ? '' : `${f.min}–${f.max}${f.unit ? ` ${f.unit}` : ''}${f.integer ? ', whole numbers' : ''}`;

export function PolicyView() {
  const policy = usePolicy();
  const location = useLocation();
  useEffect(() => {
    if (!policy.data || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [policy.data, location.hash]);
  return (
    <section aria-labelledby="policy-title">
      <h1 id="policy-title">Policy</h1>
      <QueryState query={policy}>{(data) => <PolicyPage policy={data} />}</QueryState>
    </section>
  );
}

function PolicyPage({ policy }: { policy: TeamPolicy }) {
  const { session } = useSession();
  const mayDraft = canAct(session);
  return (
    <>
      <p id={policy.active.number === 0 ? versionAnchor(policy.active.version) : undefined}>
        Active: <strong data-testid="active-version">{policy.active.version}</strong>
        {policy.active.number === 0 ? ' (the default policy)' : `, built on ${policy.active.basedOn}`}.
        {policy.draft ? ` A draft by ${policy.draft.draftedBy.id} is waiting (${dateTimeInWords(policy.draft.at)}).` : ' No draft.'}
      </p>
      <DraftForm policy={policy} editable={mayDraft} />
      {mayDraft && <WhatIf policy={policy} />}
      {canOverride(session) && <Activate policy={policy} />}
      <History policy={policy} />
    </>
  );
}

function DraftForm({ policy, editable }: { policy: TeamPolicy; editable: boolean }) {
  const base = policy.draft?.document ?? policy.active.document;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const save = useSaveDraft();
  const sections = useMemo(() => {
    const by = new Map<string, PolicyField[]>();
    for (const f of policy.fields) by.set(f.field.split('.')[0]!, [...(by.get(f.field.split('.')[0]!) ?? []), f]);
    return [...by];
  }, [policy.fields]);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(patchOf(policy.fields, edits), { onSuccess: () => setEdits({}) });
  };
  return (
    <form onSubmit={submit} aria-labelledby="draft-title">
      <h2 id="draft-title">{editable ? 'Draft' : 'Settings'}</h2>
      {sections.map(([section, fields]) => (
        <fieldset key={section}>
          <legend>{section}</legend>
          <table className="policy-fields">
            <thead><tr><th scope="col">Setting</th><th scope="col">Bounds</th><th scope="col">Active</th><th scope="col">{editable ? 'Draft' : 'Value'}</th></tr></thead>
            <tbody>
              {fields.map((f) => {
                const id = `field-${f.field.replace(/\W/g, '-')}`;
                const wrong = save.error?.field === f.field || save.error?.field?.startsWith(`${f.field}.`);
                return (
                  <tr key={f.field} className={wrong ? 'field-error' : undefined}>
                    <td><label htmlFor={id}><code>{f.field}</code> <span className="muted">{f.meaning}</span></label></td>
                    <td>{boundsOf(f)}</td>
                    <td>{shown(valueAt(policy.active.document, f.field))}</td>
                    <td>
                      <input
                        id={id} readOnly={!editable} aria-invalid={wrong || undefined}
                        inputMode={f.kind === 'number' ? 'decimal' : undefined}
                        value={edits[f.field] ?? shown(valueAt(base, f.field))}
                        onChange={(e) => setEdits({ ...edits, [f.field]: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
      ))}
      {editable && <button type="submit" disabled={save.isPending || Object.keys(edits).length === 0}>Save draft</button>}
      {save.error && <p role="alert" className="error-text">{refusalHeadline(save.error.code)}: {save.error.message} <code>{save.error.code}</code></p>}
      {save.isSuccess && Object.keys(edits).length === 0 && <p role="status" className="ok">Draft saved.</p>}
    </form>
  );
}

function WhatIf({ policy }: { policy: TeamPolicy }) {
  const { job, start, starting, error } = useWhatIf();
  return (
    <section aria-labelledby="what-if-title">
      <h2 id="what-if-title">What would the draft change?</h2>
      <p className="muted">Replays the team's recorded signals and commands in event time under the draft and under {policy.active.version}; nothing is written.</p>
      <button type="button" onClick={start} disabled={!policy.draft || starting || job?.status === 'running'}>Run what-if on the draft</button>
      {!policy.draft && <span className="muted"> Save a draft first.</span>}
      {error && <p role="alert" className="error-text">{refusalHeadline(error.code)}: {error.message} <code>{error.code}</code></p>}
      {job && <WhatIfOutcome job={job} />}
    </section>
  );
}

const SHIFT_WORDS: Record<string, string> = {
  earlier: 'would have been at risk earlier', later: 'would have been at risk later', same: 'enters at risk at the same moment',
  not_at_all: 'would not have been at risk at all', newly: 'would have been at risk, which it never was', never: 'is never at risk under either',
};

function WhatIfOutcome({ job }: { job: WhatIfJob }) {
  if (job.status === 'failed') return <p role="alert" className="error-text">{job.error ?? 'The what-if failed.'}</p>;
  if (job.status === 'running' || !job.result) {
    const { phase, done, total } = job.progress;
    return (
      <p role="status">
        <progress value={done} max={Math.max(1, total)} aria-label="What-if progress" /> {phase === 'reading' ? 'Reading the history' : 'Replaying'}: {done.toLocaleString()} of {total.toLocaleString()}
      </p>
    );
  }
  const { changed, unchanged, asOf, inputs } = job.result;
  return (
    <div aria-labelledby="what-if-result" role="status">
      <h3 id="what-if-result">{changed.length === 0 ? 'No client would change.' : `${changed.length} client${changed.length === 1 ? '' : 's'} would change`}</h3>
      <p className="muted">{unchanged} unchanged · {inputs.toLocaleString()} recorded inputs replayed to {dateTimeInWords(asOf)}.</p>
      <ul className="what-if-list">
        {changed.map((c) => (
          <li key={c.relationshipId} data-testid="what-if-change">
            <Link to={`/relationships/${encodeURIComponent(c.relationshipId)}`}>{c.relationshipId}</Link>{' '}
            <span className={`badge state-${c.before.state}`}>{stateAndPhase(c.before.state as LifecycleState, c.before.phase as Phase)}</span> →{' '}
            <span className={`badge state-${c.after.state}`}>{stateAndPhase(c.after.state as LifecycleState, c.after.phase as Phase)}</span>
            <div className="muted">{SHIFT_WORDS[c.atRiskMoments.firstEntry] ?? c.atRiskMoments.firstEntry}{c.after.reasonCodes.length > 0 ? ` · why: ${c.after.reasonCodes.map(reasonInWords).join(', ')}` : ''}</div>
            <WhatIfChart entry={c} asOf={asOf} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Activate({ policy }: { policy: TeamPolicy }) {
  const [reason, setReason] = useState('');
  const activate = useActivate();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    activate.mutate({ reason, expectedVersion: policy.active.version }, { onSuccess: () => setReason('') });
  };
  return (
    <form onSubmit={submit} aria-labelledby="activate-title">
      <h2 id="activate-title">Activate the draft</h2>
      <label htmlFor="activate-reason">Why the policy changes</label>
      <input id="activate-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      <p><button type="submit" disabled={!policy.draft || reason.trim() === '' || activate.isPending}>Activate</button></p>
      {activate.error && <p role="alert" className="error-text">{refusalHeadline(activate.error.code)}: {activate.error.message} <code>{activate.error.code}</code></p>}
      {activate.isSuccess && <p role="status" className="ok">Activated {activate.data.active.version}.</p>}
    </form>
  );
}

function History({ policy }: { policy: TeamPolicy }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {policy.history.length === 0 ? <p className="muted">The team has always run on the default policy.</p> : (
        <ol className="policy-history">
          {policy.history.map((a) => (
            <li key={a.version} id={versionAnchor(a.version)}>
              <strong>{a.version}</strong> · {dateTimeInWords(a.at)} · by {a.activatedBy.id} ({a.activatedBy.role}) · built on {a.basedOn}
              <div>Why: “{a.reason}”</div>
              <div className="muted">Changes: <code>{JSON.stringify(a.changes)}</code></div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
