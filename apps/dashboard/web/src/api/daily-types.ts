// Responses of the daily-work routes, as the page reads them. Each mirrors the zod schema next to
// the query that serves it (libs/read-models/src/queries/today.query.ts,
// libs/notifications/src/webhooks/subscriptions.ts), from which the OpenAPI document derives.
export type TodayKind = 'review_due' | 'cooling_off_ended' | 'notice_ending' | 'turned_at_risk' | 'checklist_open';

export interface TodayItem {
  kind: TodayKind;
  relationshipId: string;
  clientName: string;
  at: string;
  action: 'repair.conclude' | 'notice.serve' | 'offboarding.complete_step' | 'repair.start';
  mine: boolean;
  owner: string | null;
  steps: string[];
  blockedBy: string | null;
}
export interface Today { teamId: string; personId: string; now: string; since: string; items: TodayItem[] }

export interface WebhookSubscription { id: string; url: string; eventTypes: string[]; format: 'event' | 'slack'; createdBy: string; createdAt: string }
export interface WebhookDelivery {
  id: string; eventId: string | null; eventType: string; relationshipId: string | null; status: 'pending' | 'delivered' | 'failed';
  attempts: number; lastStatus: number | null; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null; createdAt: string;
}
export interface TestOutcome { ok: boolean; statusCode: number | null; error: string | null; durationMs: number; deliveryId: string }
