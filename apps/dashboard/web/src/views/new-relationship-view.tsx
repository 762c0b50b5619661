// Opening a relationship from the page: the relationship.open command with its contract fields,
// checked as one types (the browser's own constraints) and by the engine on sending, whose
// refusal names the field it is about; that message is shown under that field.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useHttp } from '../api/api-context';
import { ApiFailure } from '../api/http';
import { keys } from '../api/queries';
import { usePageTitle } from '../components/page-title';
import { canAct } from '../session/session';
import { useSession } from '../session/session-context';

const slugOf = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

type Fields = Record<string, string>;
const NUMBER_FIELDS = ['noticeDays', 'monthlyFee', 'responseWindowHours', 'monthlyBudgetHours'] as const;

/** The command's data from the form: empty fields left out, numbers as numbers, the contract only when it is given. */
function dataOf(f: Fields, teamId: string): Record<string, unknown> {
  const num = (k: string) => (f[k] ? Number(f[k]) : undefined);
  const contract = Object.fromEntries(Object.entries({ startsOn: f.startsOn || undefined, endsOn: f.endsOn || undefined, noticeDays: num('noticeDays'), monthlyFee: num('monthlyFee') })
    .filter(([, v]) => v !== undefined));
  return {
    clientName: f.clientName.trim(), teamId,
    ...(Object.keys(contract).length ? { contract } : {}),
    ...(num('responseWindowHours') !== undefined ? { responseWindowHours: num('responseWindowHours') } : {}),
    ...(num('monthlyBudgetHours') !== undefined ? { monthlyBudgetHours: num('monthlyBudgetHours') } : {}),
  };
}

/** `data.contract.startsOn` → `startsOn`: the form field a refusal is about. */
const fieldOfRefusal = (field: string | undefined): string => (field ?? '').split('.').pop() ?? '';

export function NewRelationshipView() {
  usePageTitle('New relationship');
  const { session } = useSession();
  const http = useHttp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [fields, setFields] = useState<Fields>({ clientName: '', relationshipId: '', startsOn: '', endsOn: '', noticeDays: '', monthlyFee: '', responseWindowHours: '', monthlyBudgetHours: '', owner: '' });
  const [idEdited, setIdEdited] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [sending, setSending] = useState(false);
  if (!canAct(session)) return <p role="alert">Viewers cannot open relationships. Ask a manager of team {session.teamId}.</p>;

  const set = (name: string, value: string) => {
    setFailure(null);
    setFields((f) => ({ ...f, [name]: value, ...(name === 'clientName' && !idEdited ? { relationshipId: slugOf(value) } : {}) }));
  };
  const contractGiven = Boolean(fields.endsOn || fields.noticeDays || fields.monthlyFee);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setFailure(null);
    const relationshipId = fields.relationshipId.trim();
    const issuedAt = new Date().toISOString();
    try {
      await http.post('/v1/commands', { id: crypto.randomUUID(), type: 'relationship.open', relationshipId, issuedAt, data: dataOf(fields, session.teamId) });
      if (fields.owner.trim()) {
        await http.post('/v1/commands', { id: crypto.randomUUID(), type: 'account.assign_owner', relationshipId, issuedAt: new Date().toISOString(), data: { ownerId: fields.owner.trim() } });
      }
      await Promise.all(keys.lists.map((queryKey) => client.invalidateQueries({ queryKey })));
      navigate(`/relationships/${encodeURIComponent(relationshipId)}`);
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error : new ApiFailure(0, 'internal', String(error)));
    } finally {
      setSending(false);
    }
  };
  const errorFor = (name: string) => (failure && fieldOfRefusal(failure.field) === name ? failure : null);
  const input = (name: string, label: string, props: Record<string, unknown> = {}, hint?: string) => {
    const error = errorFor(name);
    return (
      <div>
        <label htmlFor={`new-${name}`}>{label}</label>
        <input id={`new-${name}`} name={name} value={fields[name]} onChange={(e) => { if (name === 'relationshipId') setIdEdited(true); set(name, e.target.value); }}
          aria-invalid={error ? true : undefined} aria-describedby={[hint ? `new-${name}-hint` : '', error ? `new-${name}-error` : ''].filter(Boolean).join(' ') || undefined} {...props} />
        {hint && <p id={`new-${name}-hint`} className="muted">{hint}</p>}
        {error && <p id={`new-${name}-error`} className="field-error" role="alert">{error.message}</p>}
      </div>
    );
  };
  const general = failure && !['clientName', 'relationshipId', ...NUMBER_FIELDS, 'startsOn', 'endsOn', 'teamId'].includes(fieldOfRefusal(failure.field)) ? failure : null;
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">New relationship</h1>
      <p><Link to="/board">Back to the portfolio</Link></p>
      <form onSubmit={(e) => void submit(e)} className="new-relationship">
        <div className="form-grid">
          {input('clientName', 'Client name', { required: true, maxLength: 200, autoComplete: 'organization' })}
          {input('relationshipId', 'Relationship id', { required: true, maxLength: 120, pattern: '[A-Za-z0-9][A-Za-z0-9._:\\-]*' }, 'Made from the name; letters, digits, dots, dashes. It cannot change later.')}
          {input('owner', 'Account owner (optional)', { maxLength: 200 }, 'Who looks after this account.')}
        </div>
        <fieldset>
          <legend>Contract (optional)</legend>
          <div className="form-grid">
            {input('startsOn', 'Starts on', { type: 'date', required: contractGiven })}
            {input('endsOn', 'Ends on', { type: 'date', min: fields.startsOn || undefined })}
            {input('noticeDays', 'Notice period (days)', { type: 'number', min: 0, step: 1 })}
            {input('monthlyFee', 'Monthly fee', { type: 'number', min: 0, step: 'any' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Working agreement (optional)</legend>
          <div className="form-grid">
            {input('responseWindowHours', 'Reply expected within (hours)', { type: 'number', min: 1, step: 'any' }, 'Empty: the policy’s default.')}
            {input('monthlyBudgetHours', 'Monthly budget (hours)', { type: 'number', min: 1, step: 'any' })}
          </div>
        </fieldset>
        {general && <div role="alert" className="error"><strong>Not opened.</strong> {general.message} <code>{general.code}</code></div>}
        <button type="submit" disabled={sending}>{sending ? 'Opening…' : 'Open relationship'}</button>
      </form>
    </section>
  );
}
