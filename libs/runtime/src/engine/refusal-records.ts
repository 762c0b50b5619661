// How a refused input is kept for the timeline, whether or not it could be parsed.
import type { Input, Refusal } from '@offramp/domain';
import type { RefusalRecord } from '../ports';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const isoTime = (value: unknown): string | undefined => {
  const t = text(value);
  return t !== undefined && !Number.isNaN(Date.parse(t)) ? t : undefined;
};

export function inputTime(input: Input): string {
  return input.kind === 'signal' ? input.occurredAt : input.kind === 'command' ? input.issuedAt : input.dueAt;
}

export function refusalOfInput(input: Input, refusal: Refusal, raw: unknown): RefusalRecord {
  return {
    relationshipId: input.relationshipId,
    inputKind: input.kind,
    inputId: input.id,
    inputType: input.type,
    ...(input.kind === 'command' ? { actorId: input.actor.id } : {}),
    at: inputTime(input),
    refusal,
    input: raw,
  };
}

/** The record of an input that did not parse, or null when it names no relationship to file it under. */
export function refusalOfRaw(raw: unknown, refusal: Refusal, now: Date): RefusalRecord | null {
  if (!isRecord(raw)) return null;
  const relationshipId = text(raw.relationshipId);
  if (relationshipId === undefined) return null;
  const looksLikeCommand = raw.kind === 'command' || (raw.kind !== 'signal' && ('actor' in raw || 'issuedAt' in raw));
  const actor = isRecord(raw.actor) ? text(raw.actor.id) : undefined;
  return {
    relationshipId,
    inputKind: looksLikeCommand ? 'command' : 'signal',
    inputId: text(raw.id) ?? '',
    inputType: text(raw.type) ?? '',
    ...(actor !== undefined ? { actorId: actor } : {}),
    at: isoTime(looksLikeCommand ? raw.issuedAt : raw.occurredAt) ?? now.toISOString(),
    refusal,
    input: raw,
  };
}
