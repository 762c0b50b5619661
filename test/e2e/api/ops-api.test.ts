// The ops API from outside, over HTTP, on real PostgreSQL, through the typed client generated from
// the OpenAPI document: the lifecycle of one relationship, errors in the contract's shape,
// optimistic concurrency; every answer is checked against the document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../libs/contract/src/client';
import { command, date, day, signal } from '../../integration/read-models/builders';
import { contractClient, type ContractClient } from './contract-client';
import { startOpsApi, type Loose, type OpsApi } from './ops-api-app';

let api: OpsApi;
let token: ContractClient;
let adminToken: ContractClient;

type Answer = { data?: unknown; error?: unknown; response: Response };
/** The client's answer in the shape these tests read: status, the body (data or error) and headers. */
const answer = ({ data, error, response }: Answer) => ({ status: response.status, body: (data ?? error) as Loose, headers: response.headers });
type ListPath = '/v1/relationships' | '/v1/at-risk' | '/v1/board' | '/v1/notice' | '/v1/pareto' | '/v1/exit-lessons';

/** A command envelope as a person sends it: no actor (it comes from the token). */
const cmd = (type: string, at: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const { actor: _, kind: __, ...envelope } = command({ id: 'ignored', teamId: 'ignored', role: 'viewer' }, 'harbor', type, at, data, extra);
  return envelope;
};
const send = async (body: unknown, as = token, headers: Record<string, string> = {}) => {
  await api.product.advanceTo(String((body as { issuedAt?: string; occurredAt?: string }).issuedAt ?? (body as { occurredAt: string }).occurredAt));
  return (body as { issuedAt?: string }).issuedAt
    ? answer(await as.client.POST('/v1/commands', { body: body as components['schemas']['CommandBody'], headers }))
    : answer(await as.client.POST('/v1/signals', { body: body as components['schemas']['SignalBody'] }));
};
const sendSignals = async (body: unknown[]) => answer(await token.client.POST('/v1/signals', { body: body as components['schemas']['SignalBody'] }));
/** A read, once the read models caught up: one relationship, its timeline, or a team list with a query. */
const read = async (path: `/v1/relationships/${string}` | ListPath, query: Record<string, string | number> = {}, as = token) => {
  await api.product.catchUp();
  const timeline = /^\/v1\/relationships\/([^/]+)\/timeline$/.exec(path);
  if (timeline) return answer(await as.client.GET('/v1/relationships/{id}/timeline', { params: { path: { id: timeline[1]! } } }));
  const one = /^\/v1\/relationships\/([^/]+)$/.exec(path);
  if (one) return answer(await as.client.GET('/v1/relationships/{id}', { params: { path: { id: one[1]! } } }));
  return answer(await as.client.GET(path as '/v1/board', { params: { query: query as never } }));
};

beforeAll(async () => {
  api = await startOpsApi('ops_api');
  token = await contractClient(api.url, api.tokenFor('u-mia', 'team-harbor', 'manager'));
  adminToken = await contractClient(api.url, api.tokenFor('u-ada', 'team-harbor', 'admin'));
});
afterAll(() => api?.close());

describe('a relationship from opening to offboarded, over HTTP', () => {
  it('opens it: 202 with the events, the actor taken from the token, and the version as ETag', async () => {
    const res = await send(cmd('relationship.open', day(0), { clientName: 'Harbor Goods', teamId: 'team-harbor' }));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'accepted', relationshipId: 'harbor', version: 1, view: { state: 'healthy' } });
    expect(res.body.events[0]).toMatchObject({ type: 'RelationshipOpened', causedBy: { actor: { id: 'u-mia', teamId: 'team-harbor', role: 'manager' } } });
    expect(res.headers.get('etag')).toBe('"1"');
  });

  it('takes signals one at a time or in a batch, with a result per signal', async () => {
    expect((await send(signal('harbor', 'invoice.issued', day(1), { invoiceId: 'H-1', amount: 800, dueOn: date(40) }))).status).toBe(202);
    const batch = await sendSignals([
      signal('harbor', 'scope.changed', day(2), {}, 'h-scope'),
      signal('harbor', 'invoice.disputed', day(2, 10), { invoiceId: 'H-1' }, 'h-dispute'),
      signal('harbor', 'no.such.type', day(2, 11)),
      signal('harbor', 'invoice.disputed', day(2, 10), { invoiceId: 'H-1' }, 'h-dispute'),
    ]);
    expect(batch.status).toBe(202);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'refused', 'duplicate']);
    expect(batch.body.results[2]).toMatchObject({ code: 'invalid_signal', field: 'type' });
  });

  it('shows it at risk with its reasons, and in the at-risk queue with fitting repairs', async () => {
    const rel = await read('/v1/relationships/harbor');
    expect(rel.body).toMatchObject({ relationshipId: 'harbor', state: 'at_risk', phase: null, version: expect.any(Number) });
    expect(rel.body.reasons.map((r: { code: string }) => r.code)).toContain('invoice_disputes');
    const queue = await read('/v1/at-risk');
    expect(queue.body.items[0]).toMatchObject({ relationshipId: 'harbor', atRiskSince: day(2, 10) });
    expect(queue.body.items[0].reasons[0].signalIds).toContain('h-dispute');
    expect(queue.body.items[0].suggestedStrategies.length).toBeGreaterThan(0);
  });

  it('refuses a command decided on an old version (If-Match) with version_conflict', async () => {
    const res = await send(cmd('repair.start', day(3), { strategy: 'new_contract', ownerId: 'u-mia', reviewOn: date(20) }), token, { 'If-Match': '"1"' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'version_conflict' });
  });

  it('starts and concludes a repair on the current version', async () => {
    const { headers } = await read('/v1/relationships/harbor');
    const started = await send(cmd('repair.start', day(3), { strategy: 'new_contract', ownerId: 'u-mia', reviewOn: date(20) }), token, { 'If-Match': headers.get('etag')! });
    expect(started.status).toBe(202);
    expect((await read('/v1/relationships', { owner: 'u-mia' })).body.items.map((r: { relationshipId: string }) => r.relationshipId)).toEqual(['harbor']);
    const concluded = await send(cmd('repair.conclude', day(21), { outcome: 'failed' }));
    expect(concluded.body.view.state).toBe('at_risk');
  });

  it('proposes termination and guards serving notice until cooling-off, review and receivables allow it', async () => {
    expect((await send(cmd('termination.propose', day(22), { reason: 'They keep disputing agreed work.' }))).status).toBe(202);
    const early = await send(cmd('notice.serve', day(22, 12), { reason: 'They keep disputing agreed work.', channel: 'video' }));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('cooling_off');
    expect((await read('/v1/notice')).body.items[0]).toMatchObject({ relationshipId: 'harbor', blockedBy: 'cooling_off' });
    await send(cmd('contract.review', day(23), { terminationAllowed: true, looseEnds: ['handover'], paidWorkDelivered: true }));
    const unpaid = await send(cmd('notice.serve', day(26), { reason: 'They keep disputing agreed work.', channel: 'video' }));
    expect(unpaid.body.code).toBe('receivables_outstanding');
    await send(signal('harbor', 'invoice.paid', day(27), { invoiceId: 'H-1', amount: 800, paidOn: date(27) }));
    const served = await send(cmd('notice.serve', day(27, 12), { reason: 'They keep disputing agreed work.', channel: 'video', noticeDays: 14 }));
    expect(served.status).toBe(202);
    expect(served.body.view).toMatchObject({ state: 'notice', phase: 'served' });
  });

  it('walks the exit checklist; a manager cannot close contact early, and the relationship ends offboarded', async () => {
    const early = await send(cmd('offboarding.complete_step', day(28), { step: 'contact_closed' }));
    expect(early.body.code).toBe('checklist_incomplete');
    for (const [i, step] of ['deliverables_completed', 'transition_plan', 'referral_offered', 'final_invoice_paid', 'thanked', 'contact_closed'].entries()) {
      expect((await send(cmd('offboarding.complete_step', day(29 + i), { step }))).status).toBe(202);
    }
    await api.product.advanceTo(day(45));
    expect((await read('/v1/relationships/harbor')).body).toMatchObject({ state: 'offboarded', phase: null });
    expect((await read('/v1/exit-lessons')).body.offboarded[0]).toMatchObject({ relationshipId: 'harbor' });
  });

  it('shows every step, refusal and actor in the timeline, in order', async () => {
    const { body, status } = await read('/v1/relationships/harbor/timeline');
    expect(status).toBe(200);
    const kinds = body.entries.map((e: { kind: string; type?: string; refusal?: { code: string } }) => (e.kind === 'event' ? e.type : `refused:${e.refusal!.code}`));
    for (const step of ['RelationshipOpened', 'SignalRecorded', 'RelationshipMarkedAtRisk', 'RepairStarted', 'TerminationProposed', 'ContractReviewed', 'NoticeServed', 'OffboardingStepCompleted', 'RelationshipOffboarded']) {
      expect(kinds).toContain(step);
    }
    for (const code of ['version_conflict', 'cooling_off', 'receivables_outstanding', 'checklist_incomplete']) expect(kinds).toContain(`refused:${code}`);
    expect(kinds.indexOf('RelationshipOpened')).toBe(0);
    expect(kinds.indexOf('RelationshipOffboarded')).toBe(Number(kinds.length) - 1);
  });

  it('answers the same from every read model after rebuilding them from zero', async () => {
    const routes = ['/v1/board', '/v1/at-risk', '/v1/notice', '/v1/pareto', '/v1/exit-lessons', '/v1/relationships', '/v1/relationships/harbor/timeline'] as const;
    const answers = async () => Promise.all(routes.map(async (r) => (await read(r)).body));
    const before = await answers();
    await api.product.rebuild(3);
    expect(await answers()).toEqual(before);
  });
});

describe('errors in the contract\'s shape', () => {
  it('names the field of a malformed command', async () => {
    const res = answer(await token.client.POST('/v1/commands', { body: { id: 'c-x', type: 'repair.start', relationshipId: 'harbor', issuedAt: 'yesterday', data: {} } as never }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_command', field: expect.any(String), message: expect.any(String) });
  });

  it('refuses a body that is not JSON, and one over the size limit (413)', async () => {
    const raw = answer(await token.client.POST('/v1/commands', { body: {} as never, bodySerializer: () => '{"id":' }));
    expect(raw.body).toMatchObject({ code: 'invalid_command', field: 'body' });
    const big = await sendSignals([signal('harbor', 'scope.changed', day(50), { description: 'x'.repeat(20_000) })]);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
  });

  it('names a bad query parameter', async () => {
    const res = await read('/v1/relationships', { state: 'angry' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_query', field: 'state' });
    expect((await read('/v1/at-risk', { pageSize: 1000 })).body.field).toBe('pageSize');
  });

  it('answers 404 in the same shape for an unknown route', async () => {
    expect(await api.call('GET', '/v1/nothing-here', { token: api.tokenFor('u-mia', 'team-harbor', 'manager') })).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('honours an admin\'s override only', async () => {
    await send(cmd('relationship.open', day(60), { clientName: 'Quay', teamId: 'team-harbor' }, { relationshipId: 'quay' }));
    await send(cmd('termination.propose', day(60, 10), { reason: 'no fit' }, { relationshipId: 'quay' }));
    const overridden = { reason: 'they asked to end today' };
    const byManager = await send(cmd('notice.serve', day(60, 11), { reason: 'no fit', channel: 'phone' }, { relationshipId: 'quay', override: overridden }));
    expect(byManager.body.code).toBe('cooling_off');
    const review = await send(cmd('contract.review', day(60, 12), { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true }, { relationshipId: 'quay' }));
    expect(review.status).toBe(202);
    const byAdmin = await send(cmd('notice.serve', day(60, 13), { reason: 'no fit', channel: 'phone' }, { relationshipId: 'quay', override: overridden }), adminToken);
    expect(byAdmin.status).toBe(202);
    expect(byAdmin.body.events.map((e: { type: string }) => e.type)).toContain('GuardOverridden');
  });
});

describe('the OpenAPI document, as the generated client reads it', () => {
  it('described every answer of these tests: each one matched the schema of its operation and status', () => {
    expect(token.checked() + adminToken.checked()).toBeGreaterThan(40);
    expect([...new Set([...token.mismatches, ...adminToken.mismatches])]).toEqual([]);
  });
});
