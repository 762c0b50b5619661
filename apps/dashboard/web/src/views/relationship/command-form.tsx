// One action: its form, its refusal next to it in words, and for an admin the override of a guard
// with a reason the page asks for. An action that cannot be undone asks first, saying what will
// happen; its "Done." goes once the relationship has moved on since.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useCommand, type CommandRequest } from '../../api/commands';
import type { ApiFailure } from '../../api/http';
import type { Relationship } from '../../api/shapes';
import { useSession } from '../../session/session-context';
import { canOverride } from '../../session/session';
import { stateAndPhase } from '../../words/lifecycle';
import { OVERRIDABLE, refusalHeadline } from '../../words/refusals';

interface Props {
  relationship: Relationship & { etag: string };
  title: string;
  submitLabel: string;
  /** Builds the command from the form's fields. */
  build(form: FormData): CommandRequest;
  /** Sentences saying why the action is blocked now; an admin may still go ahead with an override. */
  blockedBy?: string[];
  /** For an irreversible action: what will happen, asked before it is sent. */
  confirm?(request: CommandRequest): string;
  /** Empty the form once the command is accepted (a note, say). */
  resetOnSuccess?: boolean;
  children?: ReactNode;
  id: string;
}

export function CommandForm({ relationship, title, submitLabel, build, blockedBy = [], confirm, resetOnSuccess = false, children, id }: Props) {
  const { session } = useSession();
  const command = useCommand(relationship.relationshipId, relationship.etag);
  const [lastRequest, setLastRequest] = useState<CommandRequest | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [confirming, setConfirming] = useState<CommandRequest | null>(null);
  const admin = canOverride(session);
  const blocked = blockedBy.length > 0;

  // "Done." speaks of the version it made; once the relationship moved past it, it is stale.
  const doneVersion = command.data?.status === 'accepted' ? command.data.version : null;
  useEffect(() => {
    if (doneVersion !== null && relationship.version > doneVersion) command.reset();
  }, [relationship.version, doneVersion, command]);

  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);
  const send = (request: CommandRequest) => {
    setLastRequest(request);
    setConfirming(null);
    command.mutate(request, { onSuccess: () => { setOverriding(false); if (resetOnSuccess) formElement?.reset(); } });
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    command.reset();
    const request = build(new FormData(e.currentTarget));
    if (blocked && admin) {
      setLastRequest(request);
      setOverriding(true);
      return;
    }
    if (confirm) {
      setConfirming(request);
      return;
    }
    send(request);
  };
  const refusal = command.error;
  const offerOverride = admin && refusal && OVERRIDABLE.has(refusal.code) && !overriding;

  return (
    <section className="action" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {blocked && (
        <ul className="blocked" id={`${id}-blocked`} aria-label="Why this is blocked">
          {blockedBy.map((b) => <li key={b}>{b}</li>)}
        </ul>
      )}
      <form ref={setFormElement} onSubmit={submit} aria-describedby={blocked ? `${id}-blocked` : undefined}>
        {children}
        <button type="submit" disabled={command.isPending || (blocked && !admin)}>
          {blocked && admin ? `${submitLabel} (override)` : submitLabel}
        </button>
      </form>
      {confirming && confirm && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}><strong>Are you sure?</strong> {confirm(confirming)}</p>
          <div className="row">
            <button type="button" onClick={() => send(confirming)} disabled={command.isPending}>Yes, {submitLabel.toLowerCase()}</button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>Cancel</button>
          </div>
        </div>
      )}
      {refusal && <RefusalNote refusal={refusal} relationship={relationship} />}
      {offerOverride && lastRequest && (
        <button type="button" className="secondary" onClick={() => setOverriding(true)}>Override this guard…</button>
      )}
      {overriding && lastRequest && (
        <form
          className="override"
          onSubmit={(e) => {
            e.preventDefault();
            send({ ...lastRequest, override: { reason: overrideReason.trim() } });
          }}
        >
          <p>An override goes ahead despite {blockedBy.length ? blockedBy.join(' ') : refusal ? `“${refusal.message}”` : 'the guard'}{confirm ? ` ${confirm(lastRequest)}` : ''}</p>
          <label htmlFor={`${id}-override`}>Why override? This is recorded with your name on the timeline.</label>
          <textarea id={`${id}-override`} required minLength={3} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} rows={2} />
          <div className="row">
            <button type="submit" disabled={command.isPending || overrideReason.trim().length < 3}>Override and {submitLabel.toLowerCase()}</button>
            <button type="button" className="secondary" onClick={() => setOverriding(false)}>Cancel</button>
          </div>
        </form>
      )}
      {command.isSuccess && <p role="status" className="ok">Done.</p>}
    </section>
  );
}

function RefusalNote({ refusal, relationship }: { refusal: ApiFailure; relationship: Relationship }) {
  return (
    <div role="alert" className="error">
      <strong>{refusalHeadline(refusal.code)}.</strong> {refusal.message} <code>{refusal.code}</code>
      {refusal.code === 'version_conflict' && (
        <p>The page now shows the latest: {stateAndPhase(relationship.state, relationship.phase)}, version {relationship.version}. Check it, then try again.</p>
      )}
    </div>
  );
}
