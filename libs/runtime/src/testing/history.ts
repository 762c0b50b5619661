// Small builders for engine specs: raw signals and commands as other systems send them.
import type { Actor } from '@offramp/domain';

export const manager: Actor = { id: 'u-sofia.marin', teamId: 'team-north', role: 'manager' };

/** An ISO time in March 2026 (2026-03-02 is a Monday). */
export const march = (day: number, hm = '10:00'): string => `2026-03-${String(day).padStart(2, '0')}T${hm}:00Z`;

let sequence = 0;
const nextId = (prefix: string): string => `${prefix}-${++sequence}`;

export function command(
  relationshipId: string, type: string, issuedAt: string, data: Record<string, unknown> = {},
  options: { actor?: Actor; id?: string; override?: string } = {},
): Record<string, unknown> {
  return {
    kind: 'command', id: options.id ?? nextId('ops'), type, relationshipId, issuedAt, actor: options.actor ?? manager, data,
    ...(options.override ? { override: { reason: options.override } } : {}),
  };
}

export function signal(
  relationshipId: string, type: string, occurredAt: string, data: Record<string, unknown> = {},
  options: { id?: string; source?: string } = {},
): Record<string, unknown> {
  return { kind: 'signal', id: options.id ?? nextId('sig'), type, relationshipId, occurredAt, source: options.source ?? 'crm', data };
}

export const opened = (relationshipId: string, at = march(2, '09:00'), data: Record<string, unknown> = {}): Record<string, unknown> =>
  command(relationshipId, 'relationship.open', at, { clientName: relationshipId, teamId: manager.teamId, ...data });
