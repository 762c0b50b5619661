// Small builders for the inputs the Kafka tests send: a relationship opened, signals about it.
import { randomUUID } from 'node:crypto';

export const manager = { id: 'u-sofia', teamId: 'team-north', role: 'manager' as const };

export function opened(relationshipId: string, on = '2026-03-01T09:00:00Z') {
  return { id: `open-${relationshipId}`, type: 'relationship.open', relationshipId, issuedAt: on, actor: manager, data: { clientName: `Client ${relationshipId}`, teamId: manager.teamId } };
}

export function command(type: string, relationshipId: string, data: Record<string, unknown>, on = '2026-03-02T09:00:00Z') {
  return { id: `cmd-${randomUUID()}`, type, relationshipId, issuedAt: on, actor: manager, data };
}

export function signal(type: string, relationshipId: string, data: Record<string, unknown> = {}, on = '2026-03-02T09:00:00Z', id = `sig-${randomUUID()}`) {
  return { id, type, relationshipId, occurredAt: on, source: 'test', data };
}

export const preparedMeeting = (relationshipId: string, on?: string, id?: string) => signal('meeting.held', relationshipId, { prepared: true }, on, id);

/** A message for the bus: keyed by its relationship, the input as JSON. */
export const asMessage = (input: { relationshipId: string }) => ({ key: input.relationshipId, value: JSON.stringify(input) });
