// How engine results and stored facts look on the wire.
import type { EventType } from '@offramp/domain';
import type { HandleResult, StoredEvent } from '@offramp/runtime';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error';
import type { outcomeSchema, presentedEventSchema } from '../openapi/schemas';

export const presentEvent = (e: StoredEvent): z.infer<typeof presentedEventSchema> => ({
  eventId: e.eventId,
  relationshipId: e.streamId,
  version: e.version,
  type: e.type as EventType,
  at: e.event.at,
  policyVersion: e.event.policyVersion,
  causedBy: e.event.causedBy,
  schemaVersion: e.event.schemaVersion ?? 1,
  ...(e.event.trace ? { trace: e.event.trace } : {}),
  data: e.event.data,
});

export type InputOutcome = z.infer<typeof outcomeSchema>;

/** Accepted and duplicate inputs answer 202; a refusal becomes the error its code maps to. */
export function outcomeOf(result: HandleResult): InputOutcome {
  if (result.status === 'refused') throw ApiError.fromRefusal(result.refusal);
  if (result.status === 'duplicate') return { status: 'duplicate', events: [] };
  return {
    status: 'accepted',
    relationshipId: result.view.relationshipId,
    version: result.events.at(-1)?.version ?? 0,
    events: result.events.map(presentEvent),
    view: result.view,
  };
}

/** One entry of a batch of signals: refusals stay in the list instead of failing the batch. */
export function itemOutcomeOf(result: HandleResult, index: number) {
  try {
    return { index, ...outcomeOf(result) };
  } catch (e) {
    return { index, status: 'refused' as const, ...(e as ApiError).body };
  }
}

/** `If-Match: "7"` (or 7, or W/"7") or a numeric `expectedVersion` in the body. */
export function expectedVersionOf(ifMatch: string | undefined, body: Record<string, unknown>): number | undefined {
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match) throw new ApiError('invalid_command', 'If-Match must be a relationship version such as "3"', 'If-Match');
    return Number(match[1]);
  }
  const { expectedVersion } = body;
  if (expectedVersion === undefined) return undefined;
  if (!Number.isInteger(expectedVersion) || (expectedVersion as number) < 0) {
    throw new ApiError('invalid_command', 'expectedVersion must be a non-negative integer', 'expectedVersion');
  }
  return expectedVersion as number;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
