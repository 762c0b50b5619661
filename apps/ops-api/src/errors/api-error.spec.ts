import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '@offramp/domain';
import { ApiError, httpStatusOf } from './api-error';

describe('error codes to HTTP status', () => {
  it('maps the contract\'s codes as the contract says', () => {
    expect(httpStatusOf('invalid_command')).toBe(400);
    expect(httpStatusOf('invalid_signal')).toBe(400);
    expect(httpStatusOf('forbidden')).toBe(403);
    expect(httpStatusOf('not_found')).toBe(404);
    for (const rule of ['wrong_state', 'cooling_off', 'receivables_outstanding', 'contract_not_reviewed', 'checklist_incomplete', 'version_conflict'] as const) {
      expect(httpStatusOf(rule)).toBe(409);
    }
  });

  it('gives every refusal code a 4xx', () => {
    for (const code of REFUSAL_CODES) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });

  it('keeps `field` only when there is one', () => {
    expect(ApiError.fromRefusal({ code: 'invalid_command', message: 'm', field: 'data.reviewOn' }).body).toEqual({ code: 'invalid_command', message: 'm', field: 'data.reviewOn' });
    expect(new ApiError('unauthorized', 'no token').body).toEqual({ code: 'unauthorized', message: 'no token' });
  });
});
