// Bearer tokens: HS256 JWTs with the claims `sub`, `teamId` and `role` (contract.md, "Auth"). Signed
// and verified here only, for the ops API, Kafka commands when they must carry a token, and the CLI.
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Actor, Role } from '@offramp/domain';

export type Caller = Actor;

const claims = z.object({
  sub: z.string().min(1),
  teamId: z.string().min(1),
  role: z.enum(['viewer', 'manager', 'admin']),
});

export function signToken(caller: { sub: string; teamId: string; role: Role }, secret: string, expiresIn: `${number}${'s' | 'm' | 'h' | 'd'}` = '30d'): string {
  return jwt.sign({ teamId: caller.teamId, role: caller.role }, secret, { algorithm: 'HS256', subject: caller.sub, expiresIn });
}

/**
 * The secret as a key object, made once per secret: given a string, jsonwebtoken first tries it as
 * a public key and builds the secret key only when that throws, on every request.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 16) keys.clear();
    keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  }
  return key;
}

/** The caller behind a token, or null when it is missing, forged, expired or lacks a claim. */
export function verifyToken(token: string, secret: string): Caller | null {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'] });
    const parsed = claims.safeParse(payload);
    return parsed.success ? { id: parsed.data.sub, teamId: parsed.data.teamId, role: parsed.data.role } : null;
  } catch {
    return null;
  }
}

/** The token of an `Authorization: Bearer <token>` value, or null. */
export function bearerTokenOf(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

/** The caller of an `Authorization` value, or null when it carries no valid bearer token. */
export const callerOf = (authorization: string | undefined, secret: string): Caller | null => {
  const token = bearerTokenOf(authorization);
  return token === null ? null : verifyToken(token, secret);
};
