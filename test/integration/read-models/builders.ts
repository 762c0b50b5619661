// Inputs in the domain's words, for read-model and API tests: a day of the scenario, a signal,
// a command by someone of a team.
import type { Actor } from '@offramp/domain';

const START = Date.parse('2026-03-02T09:00:00Z');

/** ISO time of day `n` of the scenario (day 0 is Monday 2026-03-02), at hour `h` UTC. */
export const day = (n: number, h = 9): string => new Date(START + n * 86_400_000 + (h - 9) * 3_600_000).toISOString();
/** The date part of `day(n)`. */
export const date = (n: number): string => day(n).slice(0, 10);

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export function signal(relationshipId: string, type: string, at: string, data: Record<string, unknown> = {}, id = nextId('sig')) {
  return { kind: 'signal', id, type, relationshipId, occurredAt: at, source: 'test', data };
}

export function command(actor: Actor, relationshipId: string, type: string, at: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { kind: 'command', id: nextId('cmd'), type, relationshipId, issuedAt: at, actor, data, ...extra };
}

export const manager = (teamId: string, id = `${teamId}-manager`): Actor => ({ id, teamId, role: 'manager' });
export const admin = (teamId: string, id = `${teamId}-admin`): Actor => ({ id, teamId, role: 'admin' });

export const open = (actor: Actor, relationshipId: string, clientName: string, at: string, data: Record<string, unknown> = {}) =>
  command(actor, relationshipId, 'relationship.open', at, { clientName, teamId: actor.teamId, ...data });
