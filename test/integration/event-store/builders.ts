// Small builders so the contract reads as facts about relationships, not as store plumbing.
import type { DomainEvent, TimerSpec } from '@offramp/domain';
import type { AppendRequest, RefusalRecord } from '@offramp/runtime';

const T0 = Date.parse('2025-03-03T09:00:00.000Z');
export const day = (n: number): string => new Date(T0 + n * 86_400_000).toISOString();

export function fact(type: string, relationshipId: string, data: Record<string, unknown> = {}): DomainEvent {
  return {
    type,
    relationshipId,
    at: day(0),
    policyVersion: 'policy-1',
    causedBy: { kind: 'signal', id: `${type}-${relationshipId}`, type: 'test.signal', source: 'test', at: day(0) },
    data,
  };
}

/** An append of `types` to `streamId`, the stream being at `expectedVersion`. */
export function appendTo(streamId: string, expectedVersion: number, types: string[], extra: Partial<AppendRequest> = {}): AppendRequest {
  return { streamId, expectedVersion, events: types.map((type) => fact(type, streamId)), ...extra };
}

export function timer(relationshipId: string, type: string, dueDay: number, id = `${relationshipId}:${type}`): TimerSpec {
  return { id, type, relationshipId, dueAt: day(dueDay), data: { reason: type } };
}

export function refusalOf(relationshipId: string, inputId: string): RefusalRecord {
  return {
    relationshipId,
    inputKind: 'command',
    inputId,
    inputType: 'relationship.serveNotice',
    actorId: 'ana',
    at: day(1),
    refusal: { code: 'wrong_state', message: 'notice can only be served from notice/preparing' },
    input: { id: inputId, type: 'relationship.serveNotice', data: {} },
  };
}
