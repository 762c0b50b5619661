// From the event log to the delivery queue. A handler of the tailing processor like the read
// models: it gets each page inside the transaction that moves its checkpoint (`webhooks`), so every event is queued for every
// matching subscription exactly once, in the order read (the queue's id order). Only the
// subscriptions of the relationship's own team match; the team is kept here from
// RelationshipOpened, so a lagging read model can never route an event wrongly.
import type { Sql } from '@offramp/event-store';
import { eventMessage } from '@offramp/messaging';
import type { ProcessorHandler } from '@offramp/processing';
import { DELIVERIES_TABLE, RELATIONSHIPS_TABLE, SUBSCRIPTIONS_TABLE } from './migrations';
import { slackBody, slackTextOf } from './slack-text';

/** The processor that runs the fan-out, and its lease. Not a read model: a rebuild must not send the past again. */
export const WEBHOOK_QUEUE = 'webhook-queue';

interface Subscription { id: string; team_id: string; event_types: string[]; format: 'event' | 'slack'; created_at_ms: number }

export const webhookFanOut: ProcessorHandler<Sql> = {
  name: 'webhooks',
  async inTransaction(tx, events) {
    const opened = events.filter((e) => e.type === 'RelationshipOpened').map((e) => {
      const d = e.event.data as { teamId: string; clientName: string };
      return { relationship_id: e.streamId, team_id: d.teamId, client_name: d.clientName };
    });
    if (opened.length) {
      await tx.query(
        `INSERT INTO ${RELATIONSHIPS_TABLE} SELECT * FROM jsonb_populate_recordset(NULL::${RELATIONSHIPS_TABLE}, $1::jsonb) ON CONFLICT (relationship_id) DO NOTHING`,
        [JSON.stringify(opened)],
      );
    }
    const ids = [...new Set(events.map((e) => e.streamId))];
    const { rows: owners } = await tx.query<{ relationship_id: string; team_id: string; client_name: string }>(
      `SELECT relationship_id, team_id, client_name FROM ${RELATIONSHIPS_TABLE} WHERE relationship_id = ANY($1::text[])`, [ids],
    );
    const owner = new Map(owners.map((o) => [o.relationship_id, o]));
    const teams = [...new Set(owners.map((o) => o.team_id))];
    if (teams.length === 0) return;
    const { rows: subscriptions } = await tx.query<Subscription>(
      `SELECT id, team_id, event_types, format, (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms
         FROM ${SUBSCRIPTIONS_TABLE} WHERE team_id = ANY($1::text[]) ORDER BY id`, [teams],
    );
    if (subscriptions.length === 0) return;
    const queued: Record<string, unknown>[] = [];
    for (const stored of events) {
      const relationship = owner.get(stored.streamId);
      if (!relationship) continue;
      for (const s of subscriptions) {
        if (s.team_id !== relationship.team_id) continue;
        if (s.event_types.length && !s.event_types.includes(stored.type)) continue;
        // A new subscription hears what happens from its creation on, not the team's whole past.
        if (Date.parse(stored.recordedAt) < s.created_at_ms) continue;
        const body = s.format === 'slack' ? slackBody(slackTextOf(stored, relationship.client_name)) : eventMessage(stored).value;
        queued.push({ subscription_id: s.id, event_id: stored.eventId, event_type: stored.type, relationship_id: stored.streamId, body });
      }
    }
    if (queued.length === 0) return;
    // WITH ORDINALITY … ORDER BY: the queue's ids follow the order the log was read in.
    await tx.query(
      `INSERT INTO ${DELIVERIES_TABLE} (subscription_id, event_id, event_type, relationship_id, body)
       SELECT r.subscription_id, r.event_id, r.event_type, r.relationship_id, r.body
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS q(item, n),
              jsonb_to_record(q.item) AS r(subscription_id text, event_id text, event_type text, relationship_id text, body text)
        ORDER BY q.n
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [JSON.stringify(queued)],
    );
  },
};
