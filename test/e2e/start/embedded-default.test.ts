// `npm install && npm start`: the whole product in one process on the embedded defaults.
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

  it('logs structured JSON, and writes a sign-in link for an admin of the default team to DATA_DIR/sign-in-url, never into the logs', async () => {
    const lines = logLines(product);
    expect(lines.length).toBeGreaterThan(0);
    const file = path.join(product.dataDir, 'sign-in-url');
    expect(lines.some((l) => l.signInFile === file)).toBe(true);
    expect(product.output()).not.toContain('#token=');
    const link = readFileSync(file, 'utf8').trim();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/#token=ey/);
    // The link's token is an admin's of the default team, and the API takes it.
    const token = decodeURIComponent(link.split('#token=')[1]!);
    const res = await fetch(`${product.baseUrl}/v1/board`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { teamId: string }).teamId).toBe('team-default');
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
