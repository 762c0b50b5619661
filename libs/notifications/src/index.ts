// Notifications: webhook subscriptions per team, fed from the event log and delivered signed,
// in order per subscription, with retries and a delivery log.
export * from './webhooks/migrations';
export * from './webhooks/signature';
export * from './webhooks/slack-text';
export * from './webhooks/subscriptions';
export * from './webhooks/webhook-fanout';
export * from './webhooks/webhook-dispatcher';
