// No cross-team trace (policy 20): another team's refused commands, and refusals for a relationship
// nobody has opened yet, leave nothing on any timeline; they are in the audit log of the actor's own
// team, for its admins. Authorization comes before If-Match, so a version tells a foreign team nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../libs/contract/src/client';
import { answer, contractClient, type ContractClient } from './contract-client';
import { startOpsApi, type Loose, type OpsApi } from './ops-api-app';

let api: OpsApi;
let owner: ContractClient;
let ownerAdmin: ContractClient;
let rival: ContractClient;
let rivalAdmin: ContractClient;

/** A command through the generated client (some are malformed on purpose: the server refuses them). */
const send = async (as: ContractClient, body: ReturnType<typeof command>, headers: Record<string, string> = {}) =>
  answer<Loose>(await as.client.POST('/v1/commands', { body: body as components['schemas']['CommandBody'], headers }));

const command = (id: string, type: string, relationshipId: string, data: Record<string, unknown>, issuedAt = '2026-03-03T09:00:00Z') =>
  ({ id, type, relationshipId, issuedAt, data });

beforeAll(async () => {
  api = await startOpsApi('cross_team');
  owner = await contractClient(api.url, api.tokenFor('u-mia', 'team-harbor', 'manager'));
  ownerAdmin = await contractClient(api.url, api.tokenFor('u-ada', 'team-harbor', 'admin'));
  rival = await contractClient(api.url, api.tokenFor('u-rex', 'team-rival', 'manager'));
  rivalAdmin = await contractClient(api.url, api.tokenFor('u-ria', 'team-rival', 'admin'));
  await api.product.advanceTo('2026-03-02T09:00:00Z');
  const open = await send(owner, command('open-harbor', 'relationship.open', 'harbor', { clientName: 'Harbor', teamId: 'team-harbor' }, '2026-03-02T09:00:00Z'));
  expect(open.status).toBe(202);
});
afterAll(() => api?.close());

const refusalsOn = async (id: string) => {
  await api.product.catchUp();
  const res = answer<Loose>(await owner.client.GET('/v1/relationships/{id}/timeline', { params: { path: { id } } }));
  expect(res.status).toBe(200);
  return (res.body.entries as unknown as { kind: string; actorId: string | null }[]).filter((e) => e.kind === 'refusal');
};

describe('policy 20: no cross-team trace', () => {
  it('a foreign team is refused, and leaves nothing on the owner\'s timeline', async () => {
    await api.product.advanceTo('2026-03-03T09:00:00Z');
    const propose = await send(rival, command('rival-1', 'termination.propose', 'harbor', { reason: 'mine now' }));
    expect(propose.status).toBe(403);
    const open = await send(rival, command('rival-2', 'relationship.open', 'harbor', { clientName: 'Harbor', teamId: 'team-rival' }));
    expect(open.status).toBeGreaterThanOrEqual(400);
    const malformed = await send(rival, command('rival-3', 'notice.serve', 'harbor', { reason: ['a', 'b'], channel: 'video' }));
    expect(malformed.status).toBe(400);

    expect(await refusalsOn('harbor')).toEqual([]);
  });

  it('authorization comes before If-Match: right and wrong versions both answer 403 to a foreign team', async () => {
    const right = await send(rival, command('rival-4', 'termination.propose', 'harbor', { reason: 'x' }), { 'if-match': '"1"' });
    const wrong = await send(rival, command('rival-5', 'termination.propose', 'harbor', { reason: 'x' }), { 'if-match': '"7"' });
    expect([right.status, right.body.code, wrong.status, wrong.body.code]).toEqual([403, 'forbidden', 403, 'forbidden']);
  });

  it('a refusal for an id nobody opened yet does not follow it to the team that opens it', async () => {
    const early = await send(rival, command('rival-6', 'termination.propose', 'future', { reason: 'x' }));
    expect(early.status).toBe(404);
    const signal = answer<Loose>(await rival.client.POST('/v1/signals', { body: { id: 's-early', type: 'meeting.missed', relationshipId: 'future', occurredAt: '2026-03-03T09:00:00Z', source: 'cal', data: {} } }));
    expect(signal.status).toBe(404);
    await api.product.advanceTo('2026-03-04T09:00:00Z');
    const open = await send(owner, command('open-future', 'relationship.open', 'future', { clientName: 'Future', teamId: 'team-harbor' }, '2026-03-04T09:00:00Z'));
    expect(open.status).toBe(202);

    expect(await refusalsOn('future')).toEqual([]);
  });

  it('the refusals are in the audit log of the actor\'s own team, for its admins only', async () => {
    const audit = answer<Loose>(await rivalAdmin.client.GET('/v1/audit'));
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as unknown as { inputId: string; actorId: string; code: string; relationshipId: string }[];
    expect(entries.map((e) => e.inputId).sort()).toEqual(expect.arrayContaining(['rival-1', 'rival-2', 'rival-3', 'rival-6']));
    expect(entries.every((e) => e.actorId === 'u-rex')).toBe(true);
    expect((await ownerAdmin.client.GET('/v1/audit')).data?.entries).toEqual([]);
    expect((await rival.client.GET('/v1/audit')).response.status).toBe(403);
  });

  it('the owner\'s own refusals stay on its timeline', async () => {
    const res = await send(owner, command('own-1', 'notice.serve', 'harbor', { reason: 'x', channel: 'video' }, '2026-03-04T10:00:00Z'));
    expect(res.status).toBe(409);
    expect((await refusalsOn('harbor')).map((e) => e.actorId)).toEqual(['u-mia']);
  });

  it('every answer matched the OpenAPI document', () => {
    expect([owner, ownerAdmin, rival, rivalAdmin].flatMap((c) => c.mismatches)).toEqual([]);
  });
});
