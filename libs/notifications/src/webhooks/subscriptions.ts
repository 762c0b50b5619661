// Subscriptions and their delivery log, always read and written within one team.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from '@offramp/event-store';
import { z } from 'zod';
import { ATTEMPTS_TABLE, DELIVERIES_TABLE, SUBSCRIPTIONS_TABLE } from './migrations';

export const WEBHOOK_FORMATS = ['event', 'slack'] as const;
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** What a person gives to subscribe: the one schema for the HTTP body and the page's form. */
export const webhookSubscriptionInput = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** Event types to send; empty or absent: every event. */
  eventTypes: z.array(z.string().min(1)).max(50).default([]),
  format: z.enum(WEBHOOK_FORMATS).default('event'),
  /** Signs every delivery; generated (and returned once) when absent. */
  secret: z.string().min(MIN_WEBHOOK_SECRET_LENGTH).max(200).optional(),
});
export type WebhookSubscriptionInput = z.input<typeof webhookSubscriptionInput>;

export const webhookSubscription = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  format: z.enum(WEBHOOK_FORMATS),
  createdBy: z.string(),
  createdAt: z.string(),
}).meta({ id: 'WebhookSubscription', description: 'A URL that receives the team\'s events (its secret is not shown again).' });
export type WebhookSubscription = z.infer<typeof webhookSubscription>;

export const webhookDelivery = z.object({
  id: z.string(),
  eventId: z.string().nullable(),
  eventType: z.string(),
  relationshipId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'WebhookDelivery', description: 'One delivery to a subscription: its status, attempts and the last answer or error.' });
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface SubscriptionRow { id: string; url: string; event_types: string[]; format: 'event' | 'slack'; created_by: string; created_at: string }
const subscriptionOf = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id, url: r.url, eventTypes: r.event_types, format: r.format, createdBy: r.created_by, createdAt: r.created_at,
});

export class WebhookSubscriptions {
  constructor(private readonly sql: Sql) {}

  async create(teamId: string, createdBy: string, input: z.output<typeof webhookSubscriptionInput>): Promise<WebhookSubscription & { secret: string }> {
    const secret = input.secret ?? randomBytes(24).toString('hex');
    const { rows } = await this.sql.query<SubscriptionRow>(
      `INSERT INTO ${SUBSCRIPTIONS_TABLE} (id, team_id, url, event_types, format, secret, created_by)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7)
       RETURNING id, url, event_types, format, created_by, ${iso('created_at')} AS created_at`,
      [`wh-${randomUUID()}`, teamId, input.url, input.eventTypes, input.format, secret, createdBy],
    );
    return { ...subscriptionOf(rows[0]!), secret };
  }

  async list(teamId: string): Promise<WebhookSubscription[]> {
    const { rows } = await this.sql.query<SubscriptionRow>(
      `SELECT id, url, event_types, format, created_by, ${iso('created_at')} AS created_at FROM ${SUBSCRIPTIONS_TABLE} WHERE team_id = $1 ORDER BY created_at, id`,
      [teamId],
    );
    return rows.map(subscriptionOf);
  }

  /** The subscription with its secret, only within the team; null when it is another team's or gone. */
  async find(teamId: string, id: string): Promise<(WebhookSubscription & { secret: string }) | null> {
    const { rows } = await this.sql.query<SubscriptionRow & { secret: string }>(
      `SELECT id, url, event_types, format, secret, created_by, ${iso('created_at')} AS created_at FROM ${SUBSCRIPTIONS_TABLE} WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return rows[0] ? { ...subscriptionOf(rows[0]), secret: rows[0].secret } : null;
  }

  async remove(teamId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(`DELETE FROM ${SUBSCRIPTIONS_TABLE} WHERE team_id = $1 AND id = $2`, [teamId, id]);
    return rowCount > 0;
  }

  /** The latest deliveries of one of the team's subscriptions, newest first. */
  async deliveries(teamId: string, id: string, limit = 50): Promise<WebhookDelivery[]> {
    const { rows } = await this.sql.query<{
      id: string; event_id: string | null; event_type: string; relationship_id: string | null; status: WebhookDelivery['status']; attempts: number;
      last_status: number | null; last_error: string | null; next_attempt_at: string | null; delivered_at: string | null; created_at: string;
    }>(
      `SELECT d.id::text AS id, d.event_id, d.event_type, d.relationship_id, d.status, d.attempts, d.last_status, d.last_error,
              CASE WHEN d.status = 'pending' THEN ${iso('d.next_attempt_at')} END AS next_attempt_at,
              ${iso('d.delivered_at')} AS delivered_at, ${iso('d.created_at')} AS created_at
         FROM ${DELIVERIES_TABLE} d JOIN ${SUBSCRIPTIONS_TABLE} s ON s.id = d.subscription_id
        WHERE s.team_id = $1 AND s.id = $2
        ORDER BY d.id DESC LIMIT $3`,
      [teamId, id, limit],
    );
    return rows.map((r) => ({
      id: r.id, eventId: r.event_id, eventType: r.event_type, relationshipId: r.relationship_id, status: r.status, attempts: r.attempts,
      lastStatus: r.last_status, lastError: r.last_error, nextAttemptAt: r.next_attempt_at, deliveredAt: r.delivered_at, createdAt: r.created_at,
    }));
  }

  /** Every attempt of one delivery, for the log (oldest first). */
  async attempts(deliveryId: string): Promise<{ attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[]> {
    const { rows } = await this.sql.query<{ attempt: number; at: string; status_code: number | null; error: string | null; duration_ms: number }>(
      `SELECT attempt, ${iso('at')} AS at, status_code, error, duration_ms FROM ${ATTEMPTS_TABLE} WHERE delivery_id = $1::bigint ORDER BY attempt`,
      [deliveryId],
    );
    return rows.map((r) => ({ attempt: r.attempt, at: r.at, statusCode: r.status_code, error: r.error, durationMs: r.duration_ms }));
  }
}
