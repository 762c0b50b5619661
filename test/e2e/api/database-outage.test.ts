// The database away for longer than the retry budget, asked over HTTP of the running product: every
// request answers 503 `unavailable` with Retry-After, never a 500; /health names the database; once
// the server is back, the same request is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/postgres';
import { startProduct, type ProductProcess } from '../../support/product-process';
import { eventually } from '../../support/kafka';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const manager = signToken({ sub: 'u-sofia', teamId: 'team-north', role: 'manager' }, secret);

describe('a database outage longer than the retry budget', () => {
  let server: PrivatePostgres;
  let product: ProductProcess;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${product.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json', ...init.headers } });
  const open = (id: string) => api('/v1/commands', {
    method: 'POST',
    body: JSON.stringify({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: '2026-03-02T09:00:00Z', data: { clientName: id, teamId: 'team-north' } }),
  });

  beforeAll(async () => {
    server = await startPrivatePostgres();
    product = await startProduct({ env: { DATABASE_URL: server.url, JWT_SECRET: secret } });
  });
  afterAll(async () => {
    await product?.stop();
    await server?.destroy();
  });

  it('answers 503 unavailable, not 500, and accepts again once the database is back', async () => {
    expect((await open('before')).status).toBe(202);
    await server.stop();
    try {
      const [command, read] = await Promise.all([open('during'), api('/v1/relationships/before')]);
      for (const res of [command, read]) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.json()).toMatchObject({ code: 'unavailable' });
      }
      const health = await fetch(`${product.baseUrl}/health`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { checks: Record<string, { ok: boolean }> }).checks.database).toMatchObject({ ok: false });
    } finally {
      await server.start();
    }
    await eventually(async () => (await fetch(`${product.baseUrl}/health`)).status === 200, 60_000, '/health 200 again');
    expect((await open('during')).status).toBe(202);
    expect((await api('/v1/relationships/during')).status).toBe(200);
  });
});
