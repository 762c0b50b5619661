// The webhook routes: an admin subscribes, sees the subscription without its secret, sends a
// test delivery to a local receiver and reads it in the log; a viewer reads only; another team
// sees nothing of it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '@offramp/notifications';
import { answer, contractClient, type ContractClient } from './contract-client';
import { startOpsApi, type Loose, type OpsApi } from './ops-api-app';

let api: OpsApi;
let receiver: Server;
let receiverUrl: string;
const received: { body: string; signature: string }[] = [];
const TEAM = 'team-hooks';

beforeAll(async () => {
  api = await startOpsApi('ops_api_webhooks');
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => { received.push({ body, signature: String(req.headers['offramp-signature']) }); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  receiver?.close();
  await api?.close();
});

const clients: ContractClient[] = [];
/** The generated client with a token; every answer it reads is checked against the document. */
const as = async (sub: string, teamId: string, role: 'viewer' | 'manager' | 'admin') => {
  const made = await contractClient(api.url, api.tokenFor(sub, teamId, role));
  clients.push(made);
  return made.client;
};
const admin = () => as('u-admin', TEAM, 'admin');
const at = (id: string) => ({ params: { path: { id } } });
type Answer = { status: number; body: Loose };

describe('webhook subscriptions over HTTP', () => {
  let id: string;
  let secret: string;

  it('an admin subscribes; the secret is shown once, then never listed', async () => {
    const res: Answer = answer(await (await admin()).POST('/v1/webhooks', { body: { url: receiverUrl, eventTypes: ['RelationshipMarkedAtRisk'] } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: receiverUrl, eventTypes: ['RelationshipMarkedAtRisk'], format: 'event', createdBy: 'u-admin', secret: expect.any(String) });
    ({ id, secret } = res.body as unknown as { id: string; secret: string });
    const list: Answer = answer(await (await as('u-view', TEAM, 'viewer')).GET('/v1/webhooks'));
    expect(list.status).toBe(200);
    expect(list.body.subscriptions).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('refuses a malformed subscription naming the field', async () => {
    const res = answer(await (await admin()).POST('/v1/webhooks', { body: { url: 'ftp://example.org/x' } }));
    expect(res).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'url' } });
    const short = answer(await (await admin()).POST('/v1/webhooks', { body: { url: receiverUrl, secret: 'short' } }));
    expect(short).toMatchObject({ status: 400, body: { code: 'invalid_request', field: 'secret' } });
  });

  it('a test delivery reaches the receiver signed and shows in the log', async () => {
    const res = answer(await (await admin()).POST('/v1/webhooks/{id}/test', at(id)));
    expect(res).toMatchObject({ status: 200, body: { ok: true, statusCode: 200 } });
    expect(received).toHaveLength(1);
    expect(verifySignature(secret, received[0]!.body, received[0]!.signature, Math.floor(Date.now() / 1000))).toBe(true);
    const log: Answer = answer(await (await admin()).GET('/v1/webhooks/{id}/deliveries', at(id)));
    expect(log.body.deliveries[0]).toMatchObject({ eventType: 'offramp.webhook.test', status: 'delivered', attempts: 1, lastStatus: 200 });
  });

  it('managers and viewers may not manage them; another team sees none of it', async () => {
    for (const role of ['viewer', 'manager'] as const) {
      const client = await as(`u-${role}`, TEAM, role);
      expect(answer(await client.POST('/v1/webhooks', { body: { url: receiverUrl } })).status).toBe(403);
      expect(answer(await client.POST('/v1/webhooks/{id}/test', at(id))).status).toBe(403);
      expect(answer(await client.DELETE('/v1/webhooks/{id}', at(id))).status).toBe(403);
    }
    const foreign = await as('u-other', 'team-other', 'admin');
    expect((await foreign.GET('/v1/webhooks')).data?.subscriptions).toEqual([]);
    expect(answer(await foreign.GET('/v1/webhooks/{id}/deliveries', at(id))).status).toBe(404);
    expect(answer(await foreign.POST('/v1/webhooks/{id}/test', at(id))).status).toBe(404);
    expect(answer(await foreign.DELETE('/v1/webhooks/{id}', at(id))).status).toBe(404);
    expect(received).toHaveLength(1);
  });

  it('an admin unsubscribes', async () => {
    const client = await admin();
    expect(answer(await client.DELETE('/v1/webhooks/{id}', at(id))).status).toBe(200);
    expect((await client.GET('/v1/webhooks')).data?.subscriptions).toEqual([]);
  });

  it('every answer matched the OpenAPI document', () => {
    expect(clients.flatMap((c) => c.mismatches)).toEqual([]);
    expect(clients.reduce((n, c) => n + c.checked(), 0)).toBeGreaterThan(10);
  });
});
