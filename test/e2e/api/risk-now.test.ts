// Policy 24 and 25 over HTTP: every score the API reports is read at the moment of the request,
// and the at-risk queue and the relationship list sort by it; policy 27: what remains open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, date, day, manager, open, signal } from '../../integration/read-models/builders';
import { contractClient, type ContractClient } from './contract-client';
import { startOpsApi, type OpsApi } from './ops-api-app';

let api: OpsApi;
let reader: ContractClient;
const TEAM = 'team-west';
const west = manager(TEAM);

interface Scored { relationshipId: string; riskScore: number; state?: string }
interface Paged<T> { items: T[] }
type ListPath = '/v1/relationships' | '/v1/at-risk' | '/v1/board' | '/v1/notice';
/** A read through the generated client, once the read models caught up: one relationship, or a team list. */
const get = async <T>(path: `/v1/relationships/${string}` | ListPath): Promise<T> => {
  await api.product.catchUp();
  const one = /^\/v1\/relationships\/([^/]+)$/.exec(path);
  const res = one ? await reader.client.GET('/v1/relationships/{id}', { params: { path: { id: one[1]! } } }) : await reader.client.GET(path as ListPath);
  expect(res.response.status).toBe(200);
  expect(reader.mismatches).toEqual([]);
  return res.data as unknown as T;
};

beforeAll(async () => {
  api = await startOpsApi('ops_api_risk_now');
  reader = await contractClient(api.url, api.tokenFor('u-wes', TEAM, 'manager'));
  const results = await api.product.feed(
    ...['quiet', 'liar', 'payer', 'burner', 'shouter', 'coral'].map((id, i) => open(west, id, id.toUpperCase(), day(0, 10 + i))),
    signal('quiet', 'scope.changed', day(0, 17)), signal('quiet', 'price.pressure', day(0, 18)),
    signal('coral', 'invoice.issued', day(1), { invoiceId: 'C-1', amount: 2000, dueOn: date(200) }),
    signal('coral', 'invoice.paid', day(1, 10), { invoiceId: 'C-1', amount: 10, paidOn: date(1) }),
    command(west, 'coral', 'termination.propose', day(1, 11), { reason: 'Their shop moved abroad.' }),
    signal('liar', 'dishonesty.detected', day(1, 12)),
    ...[10, 15, 20].map((due, i) => signal('payer', 'invoice.issued', day(2, 10 + i), { invoiceId: `P-${i}`, amount: 500, dueOn: date(due) })),
    ...['price.pressure', 'scope.changed', 'advice.ignored', 'recommendation.rejected', 'meeting.missed', 'attitude.negative']
      .map((type, i) => signal('burner', type, day(85 + Math.floor(i / 3), 10 + (i % 3)))),
    signal('shouter', 'demand.unreasonable', day(88)),
  );
  expect(results.filter((r) => r.status === 'refused')).toEqual([]);
  await api.product.advanceTo(day(90));
});
afterAll(() => api?.close());

describe('policy 25 over HTTP: the score read now', () => {
  it('GET /v1/relationships/{id} of a client whose signs are 90 days old reports them decayed', async () => {
    expect(await get<Scored>('/v1/relationships/quiet')).toMatchObject({ state: 'healthy', riskScore: 0 });
  });

  it('GET /v1/at-risk puts the worst first: a fresh red flag, slow burners over the threshold, then the floors of rules 1 and 2', async () => {
    const queue = (await get<Paged<Scored>>('/v1/at-risk')).items;
    expect(queue.map((e) => e.relationshipId)).toEqual(['shouter', 'burner', 'liar', 'payer']);
    expect(queue.map((e) => e.riskScore)).toEqual([expect.any(Number), expect.any(Number), 60, 60]);
    expect(queue[0]!.riskScore).toBeGreaterThan(queue[1]!.riskScore);
    expect(queue[1]!.riskScore).toBeGreaterThan(60);
  });

  it('GET /v1/relationships and /v1/board sort by the score now and agree with each relationship read on its own', async () => {
    const list = (await get<Paged<Scored>>('/v1/relationships')).items;
    expect(list.map((r) => r.relationshipId).slice(0, 4)).toEqual(['shouter', 'burner', 'liar', 'payer']);
    for (const r of list) expect((await get<Scored>(`/v1/relationships/${r.relationshipId}`)).riskScore).toBe(r.riskScore);
    const board = (await get<{ relationships: Paged<Scored> }>('/v1/board')).relationships.items;
    expect(board).toEqual(list.map((r) => expect.objectContaining({ relationshipId: r.relationshipId, riskScore: r.riskScore })));
  });

  it('a later read without new facts reports a lower score', async () => {
    const before = (await get<Scored>('/v1/relationships/shouter')).riskScore;
    api.product.clock.set(day(96));
    expect((await get<Scored>('/v1/relationships/shouter')).riskScore).toBeLessThan(before);
    expect((await get<Scored>('/v1/relationships/liar')).riskScore).toBe(60);
  });
});

describe('policy 27 over HTTP: money is counted', () => {
  it('GET /v1/notice shows what remains open of an invoice paid in part', async () => {
    const coral = (await get<Paged<{ relationshipId: string; openReceivables: unknown[] }>>('/v1/notice')).items.find((n) => n.relationshipId === 'coral')!;
    expect(coral.openReceivables).toEqual([{ invoiceId: 'C-1', amount: 2000, paid: 10, remaining: 1990, dueOn: date(200) }]);
  });
});
