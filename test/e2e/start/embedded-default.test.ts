// `npm install && npm start`: the whole product in one process on the embedded defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { logLines, startProduct, type ProductProcess } from '../../support/product-process';

describe('npm start with no configuration', () => {
  let product: ProductProcess;
  beforeAll(async () => { product = await startProduct(); });
  afterAll(async () => { await product?.stop(); });

  it('serves /health 200 on PGlite and the in-process bus', async () => {
    const res = await fetch(`${product.baseUrl}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database?.ok).toBe(true);
  });

  it('logs structured JSON, including a sign-in link for an admin of the default team', () => {
    const lines = logLines(product);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => typeof l.signInUrl === 'string' && /#token=ey/.test(l.signInUrl as string))).toBe(true);
  });

  it('serves Prometheus metrics and readiness', async () => {
    const metrics = await (await fetch(`${product.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
    expect((await fetch(`${product.baseUrl}/ready`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM and closes the database', async () => {
    const code = await product.stop('SIGTERM');
    expect(code).toBe(0);
    expect(logLines(product).some((l) => l.msg === 'database closed')).toBe(true);
  });
});

describe('configuration is validated once at start', () => {
  it('stops with a message naming the variable and what is allowed', async () => {
    const product = await startProduct({ env: { PORT: 'eighty', LOG_LEVEL: 'loud' }, waitForHealth: false });
    const code = await product.exited;
    await product.stop();
    expect(code).toBe(2);
    expect(product.output()).toMatch(/PORT: /);
    expect(product.output()).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});

describe('DATABASE_URL and KAFKA_BROKERS switch to the real services', () => {
  let database: TestDatabase;
  let product: ProductProcess;
  beforeAll(async () => {
    database = await createTestDatabase('start');
    product = await startProduct({ env: { DATABASE_URL: database.url, KAFKA_BROKERS: inject('kafkaBrokers'), KAFKA_GROUP_ID: `start-${Date.now()}` } });
  });
  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('is healthy on PostgreSQL and Kafka', async () => {
    const body = (await (await fetch(`${product.baseUrl}/health`)).json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.checks.database).toMatchObject({ ok: true });
    expect(body.checks.broker).toMatchObject({ ok: true });
  });
});
