// Hostile requests from outside, over HTTP, on real PostgreSQL: every client error is a 4xx with
// a code (never a 500), whatever the body, the headers, the path or the query hold.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsApi, type OpsApi } from './ops-api-app';

let api: OpsApi;
let token: string;

beforeAll(async () => {
  api = await startOpsApi('hostile_http');
  token = api.tokenFor('u-mia', 'team-harbor', 'manager');
  const open = await api.call('POST', '/v1/commands', { token, body: { id: 'open-harbor', type: 'relationship.open', relationshipId: 'harbor', issuedAt: '2026-03-02T09:00:00Z', data: { clientName: 'Harbor', teamId: 'team-harbor' } } });
  expect(open.status).toBe(202);
});
afterAll(() => api?.close());

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const signalText = (extra: string) => `{"id":"s-1","type":"scope.changed","relationshipId":"harbor","occurredAt":"2026-03-03T10:00:00Z","source":"crm","data":${extra}}`;
const commandBody = (id: string, data: Record<string, unknown>, type = 'relationship.open', relationshipId = 'globex') =>
  ({ id, type, relationshipId, issuedAt: '2026-03-02T09:00:00Z', data });

interface Shape { name: string; method: string; path: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; status: number; code: string }

const SHAPES: Shape[] = [
  { name: 'NUL in a signal id', method: 'POST', path: '/v1/signals', body: { id: 'a\u0000', type: 'meeting.missed', relationshipId: 'harbor', occurredAt: '2026-03-03T10:00:00Z', source: 'crm', data: {} }, status: 400, code: 'invalid_signal' },
  { name: 'NUL in the relationshipId of a signal', method: 'POST', path: '/v1/signals', body: { id: 'a', type: 'meeting.missed', relationshipId: 'har\u0000bor', occurredAt: '2026-03-03T10:00:00Z', source: 'crm', data: {} }, status: 400, code: 'invalid_signal' },
  { name: 'NUL in a command relationshipId', method: 'POST', path: '/v1/commands', body: commandBody('c-1', { clientName: 'G', teamId: 'team-harbor' }, 'relationship.open', 'glo\u0000bex'), status: 400, code: 'invalid_command' },
  { name: 'NUL in clientName', method: 'POST', path: '/v1/commands', body: commandBody('c-2', { clientName: 'G\u0000', teamId: 'team-harbor' }), status: 400, code: 'invalid_command' },
  { name: 'a lone surrogate', method: 'POST', path: '/v1/signals', rawBody: signalText('{"description":"\\ud800"}'), status: 400, code: 'invalid_signal' },
  { name: 'an id of 10,000 characters', method: 'POST', path: '/v1/signals', body: { id: 'x'.repeat(10_000), type: 'meeting.missed', relationshipId: 'harbor', occurredAt: '2026-03-03T10:00:00Z', source: 'crm', data: {} }, status: 400, code: 'invalid_signal' },
  { name: 'a relationshipId of 10,000 characters', method: 'POST', path: '/v1/commands', body: commandBody('c-3', { clientName: 'G', teamId: 'team-harbor' }, 'relationship.open', 'g'.repeat(10_000)), status: 400, code: 'invalid_command' },
  { name: 'message.sent at 9999-12-31T23:00:00Z', method: 'POST', path: '/v1/signals', body: { id: 'm-1', type: 'message.sent', relationshipId: 'harbor', occurredAt: '9999-12-31T23:00:00Z', source: 'chat', data: { messageId: 'm', channel: 'email' } }, status: 400, code: 'invalid_signal' },
  { name: 'dueOn 0000-01-01', method: 'POST', path: '/v1/signals', body: { id: 'i-1', type: 'invoice.issued', relationshipId: 'harbor', occurredAt: '2026-03-03T10:00:00Z', source: 'billing', data: { invoiceId: 'I', amount: 1, dueOn: '0000-01-01' } }, status: 400, code: 'invalid_signal' },
  { name: 'reviewOn 9999-12-31', method: 'POST', path: '/v1/commands', body: commandBody('c-4', { strategy: 'check_in_call', ownerId: 'u', reviewOn: '9999-12-31' }, 'repair.start', 'harbor'), status: 400, code: 'invalid_command' },
  { name: 'responseWindowHours 1e12', method: 'POST', path: '/v1/commands', body: commandBody('c-5', { clientName: 'G', teamId: 'team-harbor', responseWindowHours: 1e12 }), status: 400, code: 'invalid_command' },
  { name: 'nesting 5,000 deep', method: 'POST', path: '/v1/signals', rawBody: signalText(`{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`), status: 400, code: 'invalid_signal' },
  { name: 'nesting 2,500 deep in a command', method: 'POST', path: '/v1/commands', rawBody: `{"id":"c-6","type":"relationship.open","relationshipId":"globex","issuedAt":"2026-03-02T09:00:00Z","data":${deep(2_500)}}`, status: 400, code: 'invalid_command' },
  { name: 'nesting 10,000 deep, larger than the body limit', method: 'POST', path: '/v1/commands', rawBody: `{"data":${deep(10_000)}}`, status: 413, code: 'payload_too_large' },
  { name: 'Content-Encoding gzip on a plain body', method: 'POST', path: '/v1/signals', rawBody: signalText('{}'), headers: { 'content-encoding': 'gzip' }, status: 415, code: 'unsupported_media_type' },
  { name: 'Content-Encoding deflate on a plain body', method: 'POST', path: '/v1/signals', rawBody: signalText('{}'), headers: { 'content-encoding': 'deflate' }, status: 415, code: 'unsupported_media_type' },
  { name: 'Content-Encoding br on a plain body', method: 'POST', path: '/v1/signals', rawBody: signalText('{}'), headers: { 'content-encoding': 'br' }, status: 415, code: 'unsupported_media_type' },
  { name: 'a gzipped body (decoded)', method: 'POST', path: '/v1/signals', rawBody: gzipSync(signalText('{}')), headers: { 'content-encoding': 'gzip' }, status: 202, code: '' },
  { name: 'an unknown Content-Encoding', method: 'POST', path: '/v1/signals', rawBody: signalText('{}'), headers: { 'content-encoding': 'klingon' }, status: 415, code: 'unsupported_media_type' },
  { name: 'charset=klingon', method: 'POST', path: '/v1/signals', rawBody: signalText('{}'), headers: { 'content-type': 'application/json; charset=klingon' }, status: 415, code: 'unsupported_media_type' },
  { name: 'charset=latin1', method: 'POST', path: '/v1/commands', rawBody: '{}', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, status: 415, code: 'unsupported_media_type' },
  { name: 'NUL in the path', method: 'GET', path: '/v1/relationships/%00', status: 400, code: 'invalid_query' },
  { name: 'NUL in a timeline path', method: 'GET', path: '/v1/relationships/a%00b/timeline', status: 400, code: 'invalid_query' },
  { name: 'NUL in the query', method: 'GET', path: '/v1/relationships?q=%00', status: 400, code: 'invalid_query' },
  { name: 'a malformed percent-escape', method: 'GET', path: '/v1/relationships/%E0%A4%A', status: 400, code: 'invalid_query' },
  { name: 'a path id of 10,000 characters', method: 'GET', path: `/v1/relationships/${'x'.repeat(10_000)}`, status: 400, code: 'invalid_query' },
  { name: 'NUL in a query name', method: 'GET', path: '/v1/relationships?a%00=1', status: 400, code: 'invalid_query' },
  { name: 'a top-level array of commands', method: 'POST', path: '/v1/commands', rawBody: '[1,2,3]', status: 400, code: 'invalid_command' },
  { name: 'a JSON number too large', method: 'POST', path: '/v1/signals', rawBody: signalText('{"description":1e999}'), status: 400, code: 'invalid_signal' },
  { name: 'a __proto__ invoice id', method: 'POST', path: '/v1/signals', body: { id: 'p-1', type: 'invoice.issued', relationshipId: 'harbor', occurredAt: '2026-03-03T10:00:00Z', source: 'billing', data: { invoiceId: '__proto__', amount: 1, dueOn: '2026-03-20' } }, status: 202, code: '' },
];

describe('hostile requests', () => {
  it.each(SHAPES)('$name answers $status $code', async (shape) => {
    const res = await api.call(shape.method, shape.path, {
      token,
      ...(shape.body !== undefined ? { body: shape.body } : {}),
      ...(shape.rawBody !== undefined ? { rawBody: shape.rawBody as string } : {}),
      headers: shape.headers ?? {},
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(shape.status);
    if (shape.code) expect(res.body.code).toBe(shape.code);
    expect(res.headers.get('x-request-id')).toMatch(/\S/);
  });

  it('the engine keeps working after all of them', async () => {
    const res = await api.call('POST', '/v1/signals', { token, body: { id: 'after', type: 'meeting.held', relationshipId: 'harbor', occurredAt: '2026-03-04T10:00:00Z', source: 'cal', data: { prepared: true } } });
    expect(res.status).toBe(202);
  });
});
