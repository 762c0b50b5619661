// Who is calling: the claims of a verified bearer token. Every read and write is scoped to `teamId`.
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

/** The caller behind a token, or null when it is missing, forged, expired or lacks a claim. */
export function verifyToken(token: string, secret: string): Caller | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    const parsed = claims.safeParse(payload);
    return parsed.success ? { id: parsed.data.sub, teamId: parsed.data.teamId, role: parsed.data.role } : null;
  } catch {
    return null;
  }
}

export const canWrite = (caller: Caller): boolean => caller.role !== 'viewer';
