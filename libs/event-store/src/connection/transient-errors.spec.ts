import { describe, expect, it } from 'vitest';
import { withRetry } from './retry';
import { isTransientError } from './transient-errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('transient database errors', () => {
  it('are the ones a server going away or restarting gives', () => {
    expect(isTransientError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isTransientError(withCode('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('are never a broken rule or a bad statement', () => {
    expect(isTransientError(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isTransientError(withCode('42601', 'syntax error'))).toBe(false);
    expect(isTransientError('ECONNREFUSED')).toBe(false);
  });
});

describe('retrying', () => {
  const policy = { attempts: 3, initialDelayMs: 1, maxDelayMs: 1 };

  it('tries again after a transient error, up to the number of attempts', async () => {
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(withCode('ECONNRESET')) : Promise.resolve('done'));
    expect(await withRetry(policy, flaky)).toBe('done');

    calls = -10;
    await expect(withRetry(policy, flaky)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toBe(-7);
  });

  it('gives up at once on any other error', async () => {
    let calls = 0;
    await expect(withRetry(policy, () => { calls++; return Promise.reject(withCode('23505')); })).rejects.toMatchObject({ code: '23505' });
    expect(calls).toBe(1);
  });
});
