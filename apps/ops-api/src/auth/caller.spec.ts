import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { canWrite, signToken, verifyToken } from './caller';

const SECRET = 'a-secret-long-enough-for-the-tests-0123456789';

describe('bearer tokens', () => {
  it('carry who, which team and which role', () =>
    expect(verifyToken(signToken({ sub: 'u-1', teamId: 'north', role: 'manager' }, SECRET), SECRET)).toEqual({ id: 'u-1', teamId: 'north', role: 'manager' }));

  it('are refused when signed with another secret, expired, or missing a claim', () => {
    expect(verifyToken(signToken({ sub: 'u-1', teamId: 'north', role: 'admin' }, 'another-secret-entirely-0123456789'), SECRET)).toBeNull();
    expect(verifyToken(jwt.sign({ teamId: 'north', role: 'admin', sub: 'u', exp: 1 }, SECRET), SECRET)).toBeNull();
    expect(verifyToken(jwt.sign({ teamId: 'north', sub: 'u' }, SECRET), SECRET)).toBeNull();
    expect(verifyToken(jwt.sign({ teamId: 'north', role: 'owner', sub: 'u' }, SECRET), SECRET)).toBeNull();
  });

  it('are refused when not HS256', () =>
    expect(verifyToken(jwt.sign({ teamId: 'north', role: 'admin', sub: 'u' }, SECRET, { algorithm: 'HS512' }), SECRET)).toBeNull());

  it('let viewers only read', () => {
    expect(canWrite({ id: 'v', teamId: 't', role: 'viewer' })).toBe(false);
    expect(canWrite({ id: 'm', teamId: 't', role: 'manager' })).toBe(true);
  });
});
