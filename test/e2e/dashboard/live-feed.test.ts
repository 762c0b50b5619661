// The live feed is authenticated like every ops route, through libs/auth: the bearer token in the
// Authorization header, never in the URL (access logs keep URLs), refusals in the API's error shape.
import { signToken } from '@offramp/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type ProductProcess } from '../../support/product-process';

const SECRET = 'live-feed-e2e-secret-of-at-least-32-chars';
const TEAM = 'team-live';
const token = signToken({ sub: 'maria', teamId: TEAM, role: 'manager' }, SECRET, '1h');

let product: ProductProcess;

beforeAll(async () => {
  product = await startProduct({ env: { JWT_SECRET: SECRET, LOG_LEVEL: 'warn' } });
});
afterAll(async () => {
  await product?.stop();
});

/** Reads the stream until `until` has been seen in it, then closes it. */
async function readUntil(res: Response, until: string): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!text.includes(until)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text;
}

describe('the live feed', () => {
  it('given a bearer token in the Authorization header, streams the caller\'s team changes', async () => {
    const stop = new AbortController();
    const res = await fetch(`${product.baseUrl}/v1/live`, { headers: { Authorization: `Bearer ${token}` }, signal: stop.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const ready = await readUntil(res, '\n\n');
    expect(ready).toContain(`event: ready\ndata: {"teamId":"${TEAM}"}`);

    const live = await fetch(`${product.baseUrl}/v1/live`, { headers: { Authorization: `Bearer ${token}` }, signal: stop.signal });
    const opened = await fetch(`${product.baseUrl}/v1/commands`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 'open-acme', type: 'relationship.open', relationshipId: 'acme', issuedAt: new Date().toISOString(), data: { clientName: 'Acme', teamId: TEAM } }),
    });
    expect(opened.status).toBe(202);
    expect(await readUntil(live, 'event: changed')).toMatch(/event: changed\ndata: \{"relationshipIds":\["acme"\]\}/);
    stop.abort();
  });

  it('refuses a token in the URL, even a valid one, as unauthorized in the API\'s error shape', async () => {
    for (const query of [`token=${token}`, `access_token=${token}`]) {
      const res = await fetch(`${product.baseUrl}/v1/live?${query}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'unauthorized', field: query.split('=')[0] });
    }
  });

  it('refuses a missing or forged token with the same body as the rest of the API', async () => {
    const forged = signToken({ sub: 'maria', teamId: TEAM, role: 'admin' }, 'another-secret-of-at-least-32-characters', '1h');
    const live = await fetch(`${product.baseUrl}/v1/live`, { headers: { Authorization: `Bearer ${forged}` } });
    const api = await fetch(`${product.baseUrl}/v1/relationships`, { headers: { Authorization: `Bearer ${forged}` } });
    expect([live.status, await live.json()]).toEqual([401, { code: 'unauthorized', message: 'the bearer token is invalid or expired' }]);
    expect([api.status, await api.json()]).toEqual([401, { code: 'unauthorized', message: 'the bearer token is invalid or expired' }]);
    expect((await fetch(`${product.baseUrl}/v1/live`)).status).toBe(401);
  });
});
