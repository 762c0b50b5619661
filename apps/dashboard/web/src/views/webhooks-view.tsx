// Webhooks: where the team's events go. An admin subscribes a URL (all events or some types, the
// event as JSON or a Slack-compatible text), sees the secret once, sends a test, reads the
// delivery log; everyone in the team can read the subscriptions and their logs.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useHttp } from '../api/api-context';
import type { TestOutcome, WebhookSubscription } from '../api/shapes';
import type { ApiFailure } from '../api/http';
import { useDeliveries, useWebhooks } from '../api/queries';
import { usePageTitle } from '../components/page-title';
import { QueryState } from '../components/query-state';
import { canOverride } from '../session/session';
import { useSession } from '../session/session-context';
import { dateTimeInWords } from '../words/time';

export function WebhooksView() {
  usePageTitle('Webhooks');
  const { session } = useSession();
  const webhooks = useWebhooks();
  const admin = canOverride(session);
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="muted">Each event of team {session.teamId}’s relationships is sent, signed (README, “Webhooks”), to every subscription that wants it, in order, retried until it is taken.</p>
      {admin ? <Subscribe /> : <p>Only an admin adds or removes subscriptions.</p>}
      <QueryState query={webhooks}>
        {({ subscriptions }) => subscriptions.length === 0 ? <p>No subscriptions yet.</p> : (
          <ul className="queue">{subscriptions.map((s) => <Subscription key={s.id} subscription={s} admin={admin} />)}</ul>
        )}
      </QueryState>
    </section>
  );
}

function Subscribe() {
  const http = useHttp();
  const client = useQueryClient();
  const [created, setCreated] = useState<(WebhookSubscription & { secret: string }) | null>(null);
  const create = useMutation<WebhookSubscription & { secret: string }, ApiFailure, Record<string, unknown>>({
    mutationFn: (body) => http.post('/v1/webhooks', body),
    onSuccess: (s) => { setCreated(s); void client.invalidateQueries({ queryKey: ['webhooks'] }); },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const types = String(f.get('eventTypes') ?? '').split(/[\s,]+/).filter(Boolean);
    setCreated(null);
    create.mutate({ url: String(f.get('url') ?? '').trim(), eventTypes: types, format: String(f.get('format')) }, { onSuccess: () => form.reset() });
  };
  return (
    <section className="panel" aria-labelledby="subscribe-title">
      <h2 id="subscribe-title">Add a subscription</h2>
      <form onSubmit={submit}>
        <label htmlFor="hook-url">URL</label>
        <input id="hook-url" name="url" type="url" required placeholder="https://hooks.example.com/offramp" aria-describedby={create.error?.field === 'url' ? 'hook-url-error' : undefined} />
        {create.error?.field === 'url' && <p id="hook-url-error" className="field-error" role="alert">{create.error.message}</p>}
        <label htmlFor="hook-types">Event types (empty: all), separated by commas</label>
        <input id="hook-types" name="eventTypes" placeholder="RelationshipMarkedAtRisk, NoticeServed" />
        <fieldset>
          <legend>Body</legend>
          <label><input type="radio" name="format" value="event" defaultChecked /> The event as JSON</label>
          <label><input type="radio" name="format" value="slack" /> Slack-compatible text</label>
        </fieldset>
        <button type="submit" disabled={create.isPending}>Subscribe</button>
      </form>
      {create.error && create.error.field !== 'url' && <p role="alert" className="error-text">{create.error.message}</p>}
      {created && (
        <div role="status" className="note">
          <p>Subscribed. The secret that signs every delivery, shown only now:</p>
          <p><code data-testid="webhook-secret">{created.secret}</code></p>
        </div>
      )}
    </section>
  );
}

function Subscription({ subscription: s, admin }: { subscription: WebhookSubscription; admin: boolean }) {
  const http = useHttp();
  const client = useQueryClient();
  const [removing, setRemoving] = useState(false);
  const test = useMutation<TestOutcome, ApiFailure>({
    mutationFn: () => http.post(`/v1/webhooks/${encodeURIComponent(s.id)}/test`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['webhooks', s.id, 'deliveries'] }),
  });
  const remove = useMutation<unknown, ApiFailure>({
    mutationFn: () => http.del(`/v1/webhooks/${encodeURIComponent(s.id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  return (
    <li className="queue-entry" aria-label={s.url}>
      <h2>{s.url}</h2>
      <p>{s.eventTypes.length ? s.eventTypes.join(', ') : 'Every event'} · {s.format === 'slack' ? 'Slack-compatible text' : 'event JSON'} · added by {s.createdBy}, {dateTimeInWords(s.createdAt)}</p>
      {admin && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => test.mutate()} disabled={test.isPending}>Send a test</button>
          {!removing && <button type="button" className="secondary" onClick={() => setRemoving(true)}>Remove…</button>}
        </div>
      )}
      {test.data && <p role="status" className={test.data.ok ? 'ok' : 'error-text'}>{test.data.ok ? `Test delivered: HTTP ${test.data.statusCode} in ${test.data.durationMs} ms.` : `Test not delivered: ${test.data.error}.`}</p>}
      {test.error && <p role="alert" className="error-text">{test.error.message}</p>}
      {removing && (
        <div className="confirm" role="alertdialog" aria-labelledby={`remove-${s.id}`}>
          <p id={`remove-${s.id}`}><strong>Are you sure?</strong> Nothing more is sent to this URL, and its delivery log is removed with it.</p>
          <div className="row">
            <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>Yes, remove</button>
            <button type="button" className="secondary" onClick={() => setRemoving(false)}>Cancel</button>
          </div>
        </div>
      )}
      <Deliveries id={s.id} />
    </li>
  );
}

function Deliveries({ id }: { id: string }) {
  const deliveries = useDeliveries(id);
  return (
    <details>
      <summary>Delivery log</summary>
      <QueryState query={deliveries}>
        {({ deliveries: list }) => list.length === 0 ? <p className="muted">Nothing sent yet.</p> : (
          <div className="table-wrap" role="region" aria-label={`Deliveries of ${id}`} tabIndex={0}>
            <table className="deliveries">
              <thead><tr><th scope="col">Event</th><th scope="col">Relationship</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col">When</th></tr></thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.eventType}</th>
                    <td data-label="Relationship">{d.relationshipId ?? '—'}</td>
                    <td data-label="Status">{d.status === 'pending' ? `pending, next try ${dateTimeInWords(d.nextAttemptAt)}` : d.status}</td>
                    <td data-label="Attempts">{d.attempts}</td>
                    <td data-label="Last answer">{d.lastStatus ? `HTTP ${d.lastStatus}` : d.lastError ?? '—'}</td>
                    <td data-label="When">{dateTimeInWords(d.deliveredAt ?? d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </details>
  );
}
