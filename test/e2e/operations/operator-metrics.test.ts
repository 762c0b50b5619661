// The metrics an operator looks at first, scraped from GET /metrics of the running product on
// PostgreSQL: decisions and refusals by source move with the inputs, the outbox and every read
// model catch up to a lag of 0, timers fire (none left due or overdue), and the pool is in use.
import { signToken } from '@offramp/auth';
import { allProjections } from '@offramp/read-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startProduct, type ProductProcess } from '../../support/product-process';

const SECRET = 'operator-metrics-secret-of-at-least-32-chars';
const TEAM = 'team-ops';
const manager = signToken({ sub: 'maria', teamId: TEAM, role: 'manager' }, SECRET, '1h');
/** Every read model, named as the product names its processors. */
const READ_MODELS = allProjections().map((projection) => projection.name);

let database: TestDatabase;
let product: ProductProcess;

beforeAll(async () => {
  database = await createTestDatabase('operator_metrics');
  product = await startProduct({ env: { DATABASE_URL: database.url, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', TIMER_POLL_MS: '200' } });
});
afterAll(async () => {
  await product?.stop();
  await database?.drop();
});

/** Every sample of a scrape, by `name{labels}` as Prometheus prints it (the service label left out). */
async function scrape(): Promise<Map<string, number>> {
  const text = await (await fetch(`${product.baseUrl}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(offramp_[a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = (match[2] ?? '').split(/,(?=[a-z_]+=")/).filter((l) => l && !l.startsWith('service=')).join(',');
    samples.set(labels ? `${match[1]}{${labels}}` : match[1]!, Number(match[3]));
  }
  return samples;
}
const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${product.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${manager}` }, body: JSON.stringify(body) });
}

describe('the operator\'s metrics on /metrics', () => {
  it('given inputs over HTTP, counts decisions and refusals by source, and every lag returns to 0', async () => {
    const before = await scrape();
    const now = new Date().toISOString();
    // Replies are due within 0.002 h (about 7 s): the timer runner, not a later input, finds this message unanswered.
    expect((await post('/v1/commands', { id: 'open-acme', type: 'relationship.open', relationshipId: 'acme', issuedAt: now, data: { clientName: 'Acme', teamId: TEAM, responseWindowHours: 0.002 } })).status).toBe(202);
    const signals = [
      { id: 'scope-1', type: 'scope.changed', relationshipId: 'acme', occurredAt: now, source: 'crm', data: {} },
      { id: 'msg-1', type: 'message.sent', relationshipId: 'acme', occurredAt: now, source: 'mail', data: { messageId: 'm-1', channel: 'email' } },
    ];
    expect((await post('/v1/signals', signals)).status).toBe(202);
    // A rule refuses this one: a relationship that is not in notice cannot complete its exit.
    expect((await post('/v1/commands', { id: 'close-acme', type: 'offboarding.complete_step', relationshipId: 'acme', issuedAt: now, data: { step: 'thanked' } })).status).toBe(409);

    let after = before;
    await eventually(async () => {
      after = await scrape();
      return value(after, 'offramp_decisions_total{source="timer",outcome="accepted"}') > value(before, 'offramp_decisions_total{source="timer",outcome="accepted"}')
        && value(after, 'offramp_outbox_lag_events') === 0
        && READ_MODELS.every((rm) => after.get(`offramp_read_model_lag_events{read_model="${rm}"}`) === 0);
    }, 60_000, 'the timer fired and the outbox and read models caught up');

    expect(value(after, 'offramp_decisions_total{source="http",outcome="accepted"}') - value(before, 'offramp_decisions_total{source="http",outcome="accepted"}')).toBe(3);
    expect(value(after, 'offramp_decisions_total{source="http",outcome="refused"}') - value(before, 'offramp_decisions_total{source="http",outcome="refused"}')).toBe(1);
    expect(value(after, 'offramp_refusals_total{source="http",code="wrong_state"}') - value(before, 'offramp_refusals_total{source="http",code="wrong_state"}')).toBe(1);
    expect(after.get('offramp_timers_due')).toBe(0);
    expect(after.get('offramp_timers_overdue')).toBe(0);
    expect(after.get('offramp_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(after.has('offramp_db_pool_connections{state="idle"}') && after.has('offramp_db_pool_connections{state="waiting"}')).toBe(true);
  });

  it('given a timer long past due that nothing fires, shows it due and overdue', async () => {
    const client = new (await import('pg')).default.Client({ connectionString: database.url });
    await client.connect();
    try {
      // Held by a lease far in the future, as a runner that claimed it and died would leave it.
      await client.query(`INSERT INTO timers (id, stream_id, relationship_id, type, due_at, data, lease_until)
        VALUES ('stuck-1', 'acme', 'acme', 'reply_window', now() - interval '10 minutes', '{}', now() + interval '1 hour')`);
      const samples = await scrape();
      expect([samples.get('offramp_timers_due'), samples.get('offramp_timers_overdue')]).toEqual([1, 1]);
    } finally {
      await client.query(`DELETE FROM timers WHERE id = 'stuck-1'`);
      await client.end();
    }
  });
});
