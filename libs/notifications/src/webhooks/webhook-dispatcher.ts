// Sends the queued deliveries. Each subscription's queue goes strictly in order, one delivery at
// a time: the head is retried (exponential back-off, capped) until the receiver takes it, so a
// receiver sees each relationship's events in the order they happened, each at least once.
// Subscriptions do not wait for each other. Every attempt is logged. A lease on the head keeps
// two dispatchers on one database from sending the same delivery at once.
import type { Database, Sql } from '@offramp/event-store';
import type { Logger } from '@offramp/observability';
import { ATTEMPTS_TABLE, DELIVERIES_TABLE, SUBSCRIPTIONS_TABLE } from './migrations';
import { SIGNATURE_HEADER, signatureOf } from './signature';

export const DELIVERY_ID_HEADER = 'offramp-delivery-id';
export const EVENT_ID_HEADER = 'offramp-event-id';
export const EVENT_TYPE_HEADER = 'offramp-event-type';

export interface BackOff {
  /** Wait after the first failure; doubled after each further one. */
  firstMs: number;
  maxMs: number;
}

export interface WebhookDispatcherOptions {
  db: Database;
  /** How long a receiver may take to answer. */
  timeoutMs?: number;
  backOff?: BackOff;
  /** Pause when nothing is due. */
  pollMs?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

export interface AttemptOutcome { ok: boolean; statusCode: number | null; error: string | null; durationMs: number }

interface Head {
  id: string; subscription_id: string; url: string; secret: string; event_id: string | null; event_type: string; body: string; attempts: number; due: boolean;
}

const LEASE_SECONDS = 120;

/** The wait before attempt `attempts + 1`, after `attempts` failures (≥ 1). */
export const backOffMs = (attempts: number, b: BackOff): number => Math.min(b.maxMs, b.firstMs * 2 ** Math.max(0, attempts - 1));

export class WebhookDispatcher {
  private readonly timeoutMs: number;
  private readonly backOff: BackOff;
  private readonly pollMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.backOff = options.backOff ?? { firstMs: 5_000, maxMs: 3_600_000 };
    this.pollMs = options.pollMs ?? 1_000;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Sends now instead of at the next poll (after new deliveries were queued, say). */
  nudge(): void { this.wake?.(); }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** One round: the due head of every subscription's queue, attempted once. The number delivered. */
  async deliverDue(): Promise<number> {
    const { rows } = await this.options.db.query<Head>(
      `SELECT DISTINCT ON (d.subscription_id) d.id::text AS id, d.subscription_id, s.url, s.secret, d.event_id, d.event_type, d.body, d.attempts,
              (d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())) AS due
         FROM ${DELIVERIES_TABLE} d JOIN ${SUBSCRIPTIONS_TABLE} s ON s.id = d.subscription_id
        WHERE d.status = 'pending'
        ORDER BY d.subscription_id, d.id`,
    );
    const due = rows.filter((r) => r.due);
    const outcomes = await Promise.all(due.map(async (head) => {
      if (!(await this.lease(head.id))) return false;
      const outcome = await this.attempt(head);
      await this.record(this.options.db, head, outcome, true);
      return outcome.ok;
    }));
    return outcomes.filter(Boolean).length;
  }

  /** Delivers everything that can be delivered now (used by tests and at shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.deliverDue(); n > 0; n = await this.deliverDue()) total += n;
    return total;
  }

  /**
   * A test delivery for the page's button: sent once, now, through the same signing and logging,
   * outside the queue (it is not an event, so no order to keep and nothing to retry).
   */
  async sendTest(subscriptionId: string, body: string): Promise<AttemptOutcome & { deliveryId: string }> {
    const { rows } = await this.options.db.query<Head>(
      `WITH s AS (SELECT id, url, secret FROM ${SUBSCRIPTIONS_TABLE} WHERE id = $1),
            d AS (INSERT INTO ${DELIVERIES_TABLE} (subscription_id, event_type, body, status)
                  SELECT id, 'offramp.webhook.test', $2, 'failed' FROM s RETURNING id, subscription_id, event_type, body, attempts)
       SELECT d.id::text AS id, d.subscription_id, s.url, s.secret, NULL::text AS event_id, d.event_type, d.body, d.attempts, true AS due
         FROM d JOIN s ON s.id = d.subscription_id`,
      [subscriptionId, body],
    );
    const head = rows[0];
    if (!head) throw new Error(`no webhook subscription ${subscriptionId}`);
    const outcome = await this.attempt(head);
    await this.record(this.options.db, head, outcome, false);
    return { ...outcome, deliveryId: head.id };
  }

  private async lease(id: string): Promise<boolean> {
    const { rowCount } = await this.options.db.query(
      `UPDATE ${DELIVERIES_TABLE} SET lease_until = now() + interval '${LEASE_SECONDS} seconds'
        WHERE id = $1::bigint AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())`,
      [id],
    );
    return rowCount > 0;
  }

  private async attempt(head: Head): Promise<AttemptOutcome> {
    const started = performance.now();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'offramp-webhooks',
      [SIGNATURE_HEADER]: signatureOf(head.secret, head.body, Math.floor(Date.now() / 1000)),
      [DELIVERY_ID_HEADER]: head.id,
      [EVENT_TYPE_HEADER]: head.event_type,
    };
    if (head.event_id) headers[EVENT_ID_HEADER] = head.event_id;
    try {
      const response = await fetch(head.url, { method: 'POST', headers, body: head.body, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { ok: false, statusCode: null, error: reason, durationMs: Math.round(performance.now() - started) };
    }
  }

  private async record(sql: Sql, head: Head, outcome: AttemptOutcome, retry: boolean): Promise<void> {
    const attempt = head.attempts + 1;
    await sql.query(
      `INSERT INTO ${ATTEMPTS_TABLE} (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1::bigint, $2, $3, $4, $5)`,
      [head.id, attempt, outcome.statusCode, outcome.error, outcome.durationMs],
    );
    const status = outcome.ok ? 'delivered' : retry ? 'pending' : 'failed';
    const wait = outcome.ok ? 0 : backOffMs(attempt, this.backOff);
    await sql.query(
      `UPDATE ${DELIVERIES_TABLE}
          SET status = $2, attempts = $3, last_status = $4, last_error = $5, lease_until = NULL,
              next_attempt_at = now() + ($6::float8 * interval '1 millisecond'),
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() END
        WHERE id = $1::bigint`,
      [head.id, status, attempt, outcome.statusCode, outcome.error, wait],
    );
    if (!outcome.ok && retry) this.options.logger?.warn({ deliveryId: head.id, subscriptionId: head.subscription_id, attempt, error: outcome.error }, 'webhook delivery failed; will retry');
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let delivered = 0;
      try {
        delivered = await this.deliverDue();
      } catch (error) {
        this.options.logger?.error({ err: error }, 'webhook dispatch failed; retrying');
      }
      if (delivered === 0 && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() { clearTimeout(timer); resolve(); }
      this.wake = done;
    }).finally(() => { this.wake = undefined; });
  }
}
