// Who may call what (every route × viewer, manager, admin, another team, no token), the OpenAPI
// document against the routes the app really serves, and the API's metrics.
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '@offramp/platform';
import { day, manager, open, signal } from '../../integration/read-models/builders';
import { startOpsApi, type Loose, type OpsApi } from './ops-api-app';

let api: OpsApi;
const TEAM = 'team-quay';

beforeAll(async () => {
  api = await startOpsApi('ops_api_access');
  const [opened] = await api.product.feed(open(manager(TEAM), 'acme', 'Acme', day(0)), signal('acme', 'scope.changed', day(1)));
  expect(opened!.status).toBe('accepted');
  await api.product.catchUp();
});
afterAll(() => api?.close());

type Caller = 'viewer' | 'manager' | 'admin' | 'foreign' | 'none' | 'forged';
const tokenOf = (caller: Caller): string | undefined => {
  if (caller === 'none') return undefined;
  if (caller === 'forged') return `${api.tokenFor('x', TEAM, 'admin').slice(0, -4)}AAAA`;
  return caller === 'foreign' ? api.tokenFor('u-other', 'team-other', 'admin') : api.tokenFor(`u-${caller}`, TEAM, caller);
};

let seq = 0;
/** A command the rules refuse (`wrong_state`), so that passing the access check is visible as 409 and changes nothing. */
const harmlessCommand = () => ({ id: `matrix-${++seq}`, type: 'repair.conclude', relationshipId: 'acme', issuedAt: day(2), data: { outcome: 'improved' } });
const goodSign = () => signal('acme', 'meeting.held', day(2), { prepared: true }, `matrix-signal-${++seq}`);

const READS = ['/v1/relationships', '/v1/at-risk', '/v1/board', '/v1/notice', '/v1/pareto', '/v1/exit-lessons'];

const matrix: { route: string; call: () => [string, string, unknown?]; expect: Record<Caller, number> }[] = [
  { route: 'POST /v1/commands', call: () => ['POST', '/v1/commands', harmlessCommand()], expect: { viewer: 403, manager: 409, admin: 409, foreign: 403, none: 401, forged: 401 } },
  { route: 'POST /v1/signals', call: () => ['POST', '/v1/signals', goodSign()], expect: { viewer: 403, manager: 202, admin: 202, foreign: 403, none: 401, forged: 401 } },
  { route: 'GET /v1/relationships/{id}', call: () => ['GET', '/v1/relationships/acme'], expect: { viewer: 200, manager: 200, admin: 200, foreign: 404, none: 401, forged: 401 } },
  { route: 'GET /v1/relationships/{id}/timeline', call: () => ['GET', '/v1/relationships/acme/timeline'], expect: { viewer: 200, manager: 200, admin: 200, foreign: 404, none: 401, forged: 401 } },
  ...READS.map((path) => ({ route: `GET ${path}`, call: (): [string, string] => ['GET', path], expect: { viewer: 200, manager: 200, admin: 200, foreign: 200, none: 401, forged: 401 } })),
];

describe('access by role and team', () => {
  for (const { route, call, expect: expected } of matrix) {
    for (const caller of Object.keys(expected) as Caller[]) {
      it(`${route} as ${caller} → ${expected[caller]}`, async () => {
        const [method, path, body] = call();
        const res = await api.call(method, path, { token: tokenOf(caller), body });
        expect(res.status).toBe(expected[caller]);
        if (res.status >= 400) expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        if (caller === 'foreign') expect(JSON.stringify(res.body)).not.toContain('Acme');
      });
    }
  }

  it('shows the team its own relationships in every list', async () => {
    const board = await api.call('GET', '/v1/board', { token: tokenOf('viewer') });
    expect(board.body.relationships.items[0]).toMatchObject({ relationshipId: 'acme', clientName: 'Acme' });
  });
});

describe('policy 20 and 23: a signal is checked for its shape before its sender', () => {
  const malformed = () => signal('acme', 'meeting.held', day(2), {}, `shape-${++seq}`);
  for (const caller of ['viewer', 'foreign', 'manager'] as Caller[]) {
    it(`a malformed signal from a ${caller} is invalid_signal naming the field`, async () => {
      const res = await api.call('POST', '/v1/signals', { token: tokenOf(caller), body: malformed() });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_signal', field: 'data.prepared' });
    });
  }
  it('policy 29: relationship.open with an unknown time zone is invalid_command naming data.agreedHours.timeZone', async () => {
    const body = {
      id: `zone-${++seq}`, type: 'relationship.open', relationshipId: `zone-${seq}`, issuedAt: day(2),
      data: { clientName: 'Zone Ltd', teamId: TEAM, agreedHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'Mars/Olympus_Mons' } },
    };
    const res = await api.call('POST', '/v1/commands', { token: tokenOf('manager'), body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_command', field: 'data.agreedHours.timeZone' });
  });
  it('item by item in an array: the malformed one invalid_signal, the well-formed one from a viewer forbidden', async () => {
    const res = await api.call('POST', '/v1/signals', { token: tokenOf('viewer'), body: [malformed(), goodSign()] });
    expect(res.status).toBe(202);
    expect(res.body.results).toMatchObject([{ index: 0, status: 'refused', code: 'invalid_signal', field: 'data.prepared' }, { index: 1, status: 'refused', code: 'forbidden' }]);
  });
});

describe('the OpenAPI document', () => {
  let doc: Loose;
  beforeAll(async () => {
    const res = await api.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('is an OpenAPI 3 document with bearer auth and the error shape', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.values(doc.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('describes every operation: summary, bearer security, responses with schemas, path parameters', () => {
    for (const [path, item] of Object.entries<Loose>(doc.paths)) {
      for (const [method, op] of Object.entries<Loose>(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.summary, where).toEqual(expect.any(String));
        expect(op.security, where).toContainEqual(expect.objectContaining({ bearer: [] }));
        expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401']));
        expect(op.responses['401'].content['application/json'].schema.properties.code, where).toBeDefined();
        const success = Object.entries<Loose>(op.responses).find(([status]) => status.startsWith('2'))![1];
        const schema = success.content['application/json'].schema;
        expect(schema.properties ?? schema.oneOf, `${where}: a described success body`).toBeDefined();
        for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
          expect(op.parameters, where).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
        }
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!.replace('"', '')], ref).toBeDefined();
  });

  it('lists exactly the routes the app serves (besides its own docs and the operations endpoints)', () => {
    const router = api.app.getHttpAdapter().getInstance().router as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    const served = router.stack
      .filter((layer) => layer.route && layer.route.path.startsWith('/v1'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    expect(documented).toEqual(expect.arrayContaining(['POST /v1/commands', 'POST /v1/signals', 'GET /v1/relationships/{id}', 'GET /v1/relationships/{id}/timeline', 'GET /v1/at-risk']));
  });

  it('is browsable at /docs', async () => {
    const res = await api.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('metrics', () => {
  it('counts inputs by outcome, refusals by code and decision latency on the shared registry', async () => {
    const metrics = await api.app.get<Registry>(METRICS).metrics();
    const sample = (name: string, labels: string) => new RegExp(`^${name}\\{[^}]*${labels}[^}]*\\} [1-9]`, 'm');
    expect(metrics).toMatch(sample('offramp_api_inputs_total', 'kind="signal",outcome="accepted"'));
    expect(metrics).toMatch(sample('offramp_api_refusals_total', 'code="wrong_state"'));
    expect(metrics).toMatch(sample('offramp_api_decision_seconds_count', 'kind="command"'));
  });
});
