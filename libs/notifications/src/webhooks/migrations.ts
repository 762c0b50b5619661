// The webhook tables: subscriptions per team, the team of each relationship (so the fan-out never
// asks a read model that may lag), the delivery queue and every attempt made.
import type { Migration } from '@offramp/event-store';

export const SUBSCRIPTIONS_TABLE = 'webhook_subscriptions';
export const RELATIONSHIPS_TABLE = 'webhook_relationships';
export const DELIVERIES_TABLE = 'webhook_deliveries';
export const ATTEMPTS_TABLE = 'webhook_attempts';

export const webhookMigrations: readonly Migration[] = [{
  id: 'notifications/001_webhooks',
  sql: `CREATE TABLE IF NOT EXISTS ${SUBSCRIPTIONS_TABLE} (
    id text PRIMARY KEY,
    team_id text NOT NULL,
    url text NOT NULL,
    event_types text[] NOT NULL DEFAULT '{}',
    format text NOT NULL DEFAULT 'event',
    secret text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS ${SUBSCRIPTIONS_TABLE}_team ON ${SUBSCRIPTIONS_TABLE} (team_id);
  CREATE TABLE IF NOT EXISTS ${RELATIONSHIPS_TABLE} (
    relationship_id text PRIMARY KEY,
    team_id text NOT NULL,
    client_name text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ${DELIVERIES_TABLE} (
    id bigserial PRIMARY KEY,
    subscription_id text NOT NULL REFERENCES ${SUBSCRIPTIONS_TABLE} (id) ON DELETE CASCADE,
    event_id text,
    event_type text NOT NULL,
    relationship_id text,
    body text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,
    last_status integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, event_id)
  );
  CREATE INDEX IF NOT EXISTS ${DELIVERIES_TABLE}_queue ON ${DELIVERIES_TABLE} (subscription_id, id) WHERE status = 'pending';
  CREATE TABLE IF NOT EXISTS ${ATTEMPTS_TABLE} (
    delivery_id bigint NOT NULL REFERENCES ${DELIVERIES_TABLE} (id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    status_code integer,
    error text,
    duration_ms integer NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  );`,
}];
