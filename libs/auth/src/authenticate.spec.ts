import { describe, expect, it } from 'vitest';
import { adminRefusalOf, authenticate } from './authenticate';
import { signToken } from './tokens';

const SECRET = 'a-secret-long-enough-for-the-tests-0123456789';
const token = signToken({ sub: 'maria', teamId: 'north', role: 'manager' }, SECRET);

describe('authenticating a request', () => {
  it('knows the caller of a valid Authorization: Bearer header', () =>
    expect(authenticate({ authorization: `Bearer ${token}` }, SECRET)).toEqual({ ok: true, caller: { id: 'maria', teamId: 'north', role: 'manager' } }));

  it('refuses a request without a token, or with a forged one, as unauthorized', () => {
    expect(authenticate({}, SECRET)).toEqual({ ok: false, refusal: { code: 'unauthorized', message: 'a bearer token is required' } });
    expect(authenticate({ authorization: `Basic ${token}` }, SECRET)).toMatchObject({ ok: false, refusal: { code: 'unauthorized' } });
    expect(authenticate({ authorization: `Bearer ${signToken({ sub: 'maria', teamId: 'north', role: 'admin' }, 'another-secret-entirely-0123456789')}` }, SECRET))
      .toEqual({ ok: false, refusal: { code: 'unauthorized', message: 'the bearer token is invalid or expired' } });
  });

  it('refuses a token in the URL, even a valid one and even next to a valid header: URLs are kept in logs', () => {
    expect(authenticate({ query: { token } }, SECRET)).toMatchObject({ ok: false, refusal: { code: 'unauthorized', field: 'token' } });
    expect(authenticate({ authorization: `Bearer ${token}`, query: { access_token: token } }, SECRET)).toMatchObject({ ok: false, refusal: { code: 'unauthorized', field: 'access_token' } });
  });

  it('leaves what only admins may do to admins', () => {
    expect(adminRefusalOf({ id: 'a', teamId: 'north', role: 'admin' }, 'manages webhook subscriptions')).toBeNull();
    expect(adminRefusalOf({ id: 'm', teamId: 'north', role: 'manager' }, 'manages webhook subscriptions')).toEqual({ code: 'forbidden', message: 'only an admin manages webhook subscriptions' });
  });
});
