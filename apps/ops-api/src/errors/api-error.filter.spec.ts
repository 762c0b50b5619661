// Which failures answer 5xx, and which are the client's (4xx), table-driven.
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from './api-error';
import { toApiError } from './api-error.filter';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const parser = (type: string, status: number) => Object.assign(new Error(type), { type, status, expose: true });
const post = { method: 'POST', path: '/v1/signals' };
const get = { method: 'GET', path: '/v1/relationships/x' };

describe('what answers 5xx', () => {
  it.each([
    ['the database refusing connections beyond the retry budget', withCode('ECONNREFUSED'), post, 503, 'unavailable'],
    ['the database shutting down', withCode('57P01'), get, 503, 'unavailable'],
    ['the database not accepting connections yet', withCode('57P03'), get, 503, 'unavailable'],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly'), post, 503, 'unavailable'],
    ['a pool timeout', new Error('timeout exceeded when trying to connect'), get, 503, 'unavailable'],
    ['a serialization failure after retries', withCode('40001'), post, 503, 'unavailable'],
    ['a bug (TypeError)', new TypeError("Cannot read properties of undefined (reading 'x')"), get, 500, 'internal'],
    ['a bug (RangeError)', new RangeError('Invalid time value'), post, 500, 'internal'],
  ])('%s: %s', (_, error, request, status, code) => {
    const answer = toApiError(error, request);
    expect([httpStatusOf(answer.code), answer.code]).toEqual([status, code]);
  });
});

describe('what is the client\'s and answers 4xx', () => {
  it.each([
    ['NUL in text (22021) on a signal', withCode('22021'), post, 400, 'invalid_signal'],
    ['a value out of range (22003) in a query', withCode('22003'), get, 400, 'invalid_query'],
    ['an index row too large (54000) on a command', withCode('54000'), { method: 'POST', path: '/v1/commands' }, 400, 'invalid_command'],
    ['a body that is not JSON', parser('entity.parse.failed', 400), post, 400, 'invalid_signal'],
    ['a body too large', parser('entity.too.large', 413), post, 413, 'payload_too_large'],
    ['an unknown charset', parser('charset.unsupported', 415), post, 415, 'unsupported_media_type'],
    ['an unknown Content-Encoding', parser('encoding.unsupported', 415), post, 415, 'unsupported_media_type'],
    ['a plain body said to be gzip', withCode('Z_DATA_ERROR'), post, 415, 'unsupported_media_type'],
  ])('%s', (_, error, request, status, code) => {
    if (code === 'unsupported_media_type' && (error as { code?: string }).code) Object.assign(error, { errno: -3 });
    const answer = toApiError(error, request);
    expect([httpStatusOf(answer.code), answer.code]).toEqual([status, code]);
  });
});
