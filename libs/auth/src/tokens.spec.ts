import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { writeRefusalOf } from './authenticate';
import { signToken, verifyToken } from './tokens';

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
    expect(writeRefusalOf({ id: 'v', teamId: 't', role: 'viewer' })).toEqual({ code: 'forbidden', message: 'viewers may only read' });
    expect(writeRefusalOf({ id: 'm', teamId: 't', role: 'manager' })).toBeNull();
  });
});
