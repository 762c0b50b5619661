// Who may call what (every route × viewer, manager, admin, another team, no token), the OpenAPI
// and AsyncAPI documents against the routes the app really serves, and the API's metrics.
import { Parser } from '@asyncapi/parser';
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, SIGNAL_TYPES } from '@offramp/domain';
import { METRICS } from '@offramp/platform';
import { validatorsOf, type Document } from '../../support/document-validators';
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

  const operations = () => Object.entries<Loose>(doc.paths).flatMap(([path, item]) => Object.entries<Loose>(item).map(([method, op]) => ({ path, method, op, where: `${method.toUpperCase()} ${path}` })));
  const isPublic = (op: Loose) => Array.isArray(op.security) && op.security.length === 0;

  it('is an OpenAPI 3.1 document with a licence, a server, bearer auth and the error shape', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String), license: { name: expect.any(String) } });
    expect(doc.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    expect(Object.values(doc.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('describes every operation: a meaningful id, a summary, security, a 4xx with the error shape, schemas, path parameters', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op, where } of operations()) {
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, where).toEqual(expect.any(String));
      const clientErrors = Object.keys(op.responses).filter((status) => status.startsWith('4'));
      expect(clientErrors.length, `${where}: a 4xx response`).toBeGreaterThan(0);
      for (const status of clientErrors) expect(op.responses[status].content['application/json'].schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      if (path.startsWith('/v1')) {
        expect(op.security, where).toContainEqual(expect.objectContaining({ bearer: [] }));
        expect(clientErrors, where).toContain('401');
      } else {
        expect(isPublic(op), `${where}: public`).toBe(true);
      }
      const success = Object.entries<Loose>(op.responses).find(([status]) => status.startsWith('2'))![1];
      expect(success.content, `${where}: a described success body`).toBeDefined();
      for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        expect(op.parameters, where).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!.replace('"', '')], ref).toBeDefined();
  });

  it('names every operation for what it does, as a generated client calls it', () => {
    const named = Object.fromEntries(operations().map(({ op, where }) => [where, op.operationId]));
    expect(named).toMatchObject({
      'GET /v1/webhooks': 'listWebhooks', 'POST /v1/webhooks': 'createWebhook', 'DELETE /v1/webhooks/{id}': 'deleteWebhook',
      'GET /v1/webhooks/{id}/deliveries': 'listWebhookDeliveries', 'POST /v1/webhooks/{id}/test': 'testWebhook',
      'GET /v1/policy': 'getTeamPolicy', 'PUT /v1/policy/draft': 'saveTeamPolicyDraft', 'POST /v1/policy/what-if': 'startPolicyWhatIf',
      'GET /v1/policy/what-if/{id}': 'getPolicyWhatIf', 'POST /v1/policy/activate': 'activateTeamPolicy',
      'GET /v1/audit': 'listAuditEntries', 'POST /v1/commands': 'sendCommand', 'GET /v1/relationships/{id}': 'getRelationship',
      'GET /health': 'getHealth', 'GET /ready': 'getReadiness', 'GET /metrics': 'getMetrics',
    });
    // One tag per operation, each declared with its description.
    const declared = new Set<string>((doc.tags as unknown as { name: string }[]).map((tag) => tag.name));
    for (const { op, where } of operations()) {
      expect(op.tags, where).toHaveLength(1);
      expect(declared.has(String(op.tags[0])), `${where}: tag ${String(op.tags[0])} declared`).toBe(true);
    }
  });

  it('types every command and signal body by type, from the catalogue', () => {
    const commandBody = doc.components.schemas.CommandBody;
    expect(commandBody.oneOf.map((s: Loose) => s.$ref)).toEqual(COMMAND_TYPES.map((t) => `#/components/schemas/CommandBody.${t}`));
    expect(doc.components.schemas['CommandBody.notice.serve'].properties.data.required).toEqual(['reason', 'channel']);
    expect(doc.components.schemas['CommandBody.notice.serve'].properties).not.toHaveProperty('actor');
    expect(doc.components.schemas.AnySignal.oneOf).toHaveLength(SIGNAL_TYPES.length);
  });

  it('has examples that each validate against their own schema', () => {
    const validators = validatorsOf(doc as unknown as Document);
    let checked = 0;
    for (const { op, where } of operations()) {
      for (const [type, media] of Object.entries<Loose>(op.requestBody?.content ?? {})) {
        for (const [name, example] of Object.entries<Loose>(media.examples ?? {})) {
          expect(validators.problems(media.schema, example.value), `${where} ${type} ${name}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(COMMAND_TYPES.length + SIGNAL_TYPES.length);
  });

  it('documents the routes the app serves, and the operations endpoints every process serves', () => {
    const router = api.app.getHttpAdapter().getInstance().router as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    const served = router.stack
      .filter((layer) => layer.route && (layer.route.path.startsWith('/v1') || layer.route.path === '/asyncapi.json'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    const operationsEndpoints = ['GET /health', 'GET /ready', 'GET /metrics', 'GET /openapi.json'];
    const documented = operations().map(({ where }) => where);
    expect(documented.filter((d) => !operationsEndpoints.includes(d)).sort()).toEqual([...new Set(served)].sort());
    expect(documented).toEqual(expect.arrayContaining([...operationsEndpoints, 'POST /v1/commands', 'POST /v1/signals', 'GET /v1/relationships/{id}', 'GET /v1/relationships/{id}/timeline', 'GET /v1/at-risk']));
  });

  it('is browsable at /docs', async () => {
    const res = await api.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('the AsyncAPI document', () => {
  it('is served at /asyncapi.json without a token and parses as AsyncAPI 3 with no error', async () => {
    const res = await api.call('GET', '/asyncapi.json');
    expect(res.status).toBe(200);
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(res.body));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => d.message)).toEqual([]);
    expect(document?.channels().all().map((c) => c.address())).toContain('offramp.relationship-events');
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
