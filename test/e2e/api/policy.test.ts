// The team's policy over HTTP: who may read, draft, run a what-if and activate it; the what-if job
// with its progress and its difference; invalid_policy naming the field; a stale activation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, documentOf } from '@offramp/domain';
import { day, manager, open, signal } from '../../integration/read-models/builders';
import { startOpsApi, type Loose, type OpsApi } from './ops-api-app';

let api: OpsApi;
const TEAM = 'team-harbour';
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

type Caller = 'viewer' | 'manager' | 'admin' | 'foreign' | 'none';
const tokenOf = (caller: Caller): string | undefined => {
  if (caller === 'none') return undefined;
  return caller === 'foreign' ? api.tokenFor('u-other', 'team-other', 'admin') : api.tokenFor(`u-${caller}`, TEAM, caller);
};
const call = (caller: Caller, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  api.call(method, path, { token: tokenOf(caller), body, headers });

async function finished(caller: Caller, id: string): Promise<Loose> {
  for (let i = 0; i < 600; i++) {
    const res = await call(caller, 'GET', `/v1/policy/what-if/${id}`);
    expect(res.status).toBe(200);
    if (String(res.body.status) !== 'running') return res.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the what-if did not finish');
}

beforeAll(async () => {
  api = await startOpsApi('ops_api_policy');
  // acme: three slow burners, about 46 points: healthy under the default (60), at risk under 45.
  const results = await api.product.feed(
    open(manager(TEAM), 'acme', 'Acme', day(0)), open(manager(TEAM), 'birch', 'Birch', day(0)),
    signal('acme', 'price.pressure', day(1, 10)), signal('acme', 'advice.ignored', day(1, 11)), signal('acme', 'scope.changed', day(1, 12)),
  );
  expect(results.every((r) => r.status === 'accepted')).toBe(true);
  api.product.clock.set(day(1, 13));
  await api.product.catchUp();
});
afterAll(() => api?.close());

describe('access to the policy by role', () => {
  const matrix: { route: string; call: (caller: Caller) => ReturnType<typeof call>; expect: Record<Caller, number> }[] = [
    { route: 'GET /v1/policy', call: (c) => call(c, 'GET', '/v1/policy'), expect: { viewer: 200, manager: 200, admin: 200, foreign: 200, none: 401 } },
    { route: 'PUT /v1/policy/draft', call: (c) => call(c, 'PUT', '/v1/policy/draft', { riskScore: { threshold: 45 } }, MERGE_PATCH), expect: { viewer: 403, manager: 200, admin: 200, foreign: 200, none: 401 } },
    { route: 'POST /v1/policy/what-if', call: (c) => call(c, 'POST', '/v1/policy/what-if', { document: documentOf(DEFAULT_POLICY) }), expect: { viewer: 403, manager: 202, admin: 202, foreign: 202, none: 401 } },
    { route: 'POST /v1/policy/activate', call: (c) => call(c, 'POST', '/v1/policy/activate', { reason: 'matrix', expectedVersion: 'not-the-active-one' }), expect: { viewer: 403, manager: 403, admin: 409, foreign: 409, none: 401 } },
  ];
  for (const { route, call: send, expect: expected } of matrix) {
    for (const caller of Object.keys(expected) as Caller[]) {
      it(`${route} as ${caller} → ${expected[caller]}`, async () => {
        const res = await send(caller);
        expect(res.status).toBe(expected[caller]);
        if (res.status >= 400) expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      });
    }
  }

  it('a what-if job is read by managers and admins of its team only', async () => {
    const started = await call('manager', 'POST', '/v1/policy/what-if', { document: documentOf(DEFAULT_POLICY) });
    expect(started.headers.get('location')).toBe(`/v1/policy/what-if/${started.body.id}`);
    expect((await call('admin', 'GET', `/v1/policy/what-if/${started.body.id}`)).status).toBe(200);
    expect((await call('viewer', 'GET', `/v1/policy/what-if/${started.body.id}`)).status).toBe(403);
    expect((await call('foreign', 'GET', `/v1/policy/what-if/${started.body.id}`)).status).toBe(404);
  });
});

describe('a team tunes its policy', () => {
  it('a draft that breaks a bound is refused invalid_policy naming the field, as a patch or a whole document', async () => {
    const patched = await call('manager', 'PUT', '/v1/policy/draft', { riskScore: { threshold: 500 } }, MERGE_PATCH);
    expect(patched).toMatchObject({ status: 400, body: { code: 'invalid_policy', field: 'riskScore.threshold' } });
    const whole = documentOf(DEFAULT_POLICY) as Record<string, unknown>;
    delete whole.coolingOffHours;
    expect(await call('manager', 'PUT', '/v1/policy/draft', whole)).toMatchObject({ status: 400, body: { code: 'invalid_policy', field: 'coolingOffHours' } });
    const ruleFive = await call('manager', 'PUT', '/v1/policy/draft', { riskScore: { weights: { disrespect: 70 } } }, MERGE_PATCH);
    expect(ruleFive).toMatchObject({ status: 400, body: { code: 'invalid_policy', field: 'riskScore.weights.disrespect' } });
  });

  it('policy 5: a lower threshold in a what-if names the client it would put at risk, and when', async () => {
    const drafted = await call('manager', 'PUT', '/v1/policy/draft', { riskScore: { threshold: 45 } }, MERGE_PATCH);
    expect(drafted).toMatchObject({ status: 200, body: { active: { version: DEFAULT_POLICY.version, number: 0 }, draft: { changes: { riskScore: { threshold: 45 } } } } });
    const started = await call('manager', 'POST', '/v1/policy/what-if', {});
    expect(started).toMatchObject({ status: 202, body: { status: 'running', progress: { phase: expect.any(String) } } });
    const job = await finished('manager', String(started.body.id));
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({
      unchanged: 1,
      changed: [{
        relationshipId: 'acme',
        before: { state: 'healthy', phase: null, reasonCodes: [] },
        after: { state: 'at_risk', phase: null, reasonCodes: ['ignored_advice', 'price_pressure', 'scope_changes'] },
        atRiskMoments: { before: [], after: [{ at: new Date(day(1, 12)).toISOString(), change: 'entered', other: 'healthy' }], firstEntry: 'newly' },
      }],
    });
  });

  it('an admin activates it with a reason; a stale activation gets version_conflict; decisions record the new version', async () => {
    const activated = await call('admin', 'POST', '/v1/policy/activate', { reason: 'we act earlier', expectedVersion: DEFAULT_POLICY.version });
    expect(activated).toMatchObject({ status: 200, body: { active: { version: `${TEAM}/1`, number: 1, document: { riskScore: { threshold: 45 } } }, draft: null } });
    expect(activated.body.history[0]).toMatchObject({ version: `${TEAM}/1`, reason: 'we act earlier', activatedBy: { id: 'u-admin', role: 'admin' } });

    await call('manager', 'PUT', '/v1/policy/draft', { riskScore: { threshold: 50 } }, MERGE_PATCH);
    const stale = await call('admin', 'POST', '/v1/policy/activate', { reason: 'also', expectedVersion: DEFAULT_POLICY.version });
    expect(stale).toMatchObject({ status: 409, body: { code: 'version_conflict', field: 'expectedVersion' } });

    const decided = await call('manager', 'POST', '/v1/signals', signal('acme', 'meeting.missed', day(1, 14)));
    expect(decided).toMatchObject({ status: 202, body: { view: { state: 'at_risk' } } });
    expect(new Set((decided.body.events as unknown as { policyVersion: string }[]).map((e) => e.policyVersion))).toEqual(new Set([`${TEAM}/1`]));
    const read = await call('viewer', 'GET', '/v1/policy');
    expect(read.body.fields).toContainEqual(expect.objectContaining({ field: 'riskScore.threshold', min: expect.any(Number), max: expect.any(Number), meaning: expect.any(String) }));
  });

  it('the OpenAPI document describes the policy routes and the policy document', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    for (const path of ['/v1/policy', '/v1/policy/draft', '/v1/policy/what-if', '/v1/policy/what-if/{id}', '/v1/policy/activate']) expect(doc.paths[path], path).toBeDefined();
    expect(doc.paths['/v1/policy/draft'].put.requestBody.content['application/json'].schema.properties.riskScore.properties.threshold).toMatchObject({ minimum: 1, maximum: 100 });
  });
});
