// How a refused input is kept for the timeline, whether or not it could be parsed.
import { LIMITS, valueProblem, type Input, type Refusal } from '@offramp/domain';
import type { RefusalRecord } from '../ports';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string the refusal log can file under (an unparsed input's id may hold anything). */
const text = (value: unknown): string | undefined =>
  (typeof value === 'string' && value.length > 0 && value.length <= LIMITS.idLength && valueProblem(value) === null ? value : undefined);
const isoTime = (value: unknown): string | undefined => {
  const t = text(value);
  return t !== undefined && !Number.isNaN(Date.parse(t)) ? t : undefined;
};

const EXCERPT_CHARS = 2_000;

/**
 * The input as the refusal keeps it: as received when the store can hold it, else (NUL, a lone
 * surrogate, nesting or size beyond the catalogue's limits) a note with the beginning of its JSON
 * text made storable. The sender got the refusal; on Kafka the dead letter keeps the original.
 */
export function keptInput(raw: unknown): unknown {
  const problem = valueProblem(raw);
  if (!problem) return raw;
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = '(not serialisable)';
  }
  // JSON text has NUL and lone surrogates escaped; only the cut may split a surrogate pair.
  let excerpt = text.slice(0, EXCERPT_CHARS);
  if (/[\ud800-\udbff]$/.test(excerpt)) excerpt = excerpt.slice(0, -1);
  return { notKept: `${problem.field ? `${problem.field} ` : ''}${problem.problem}`, excerpt };
}

/**
 * Where a refusal is kept, given the team that owns the relationship (null: never opened). On the
 * relationship's timeline only when the relationship exists and the input is its team's (a signal,
 * or a command of a member); else in the audit log of the actor's own team, so a foreign team
 * leaves nothing on the owner's timeline, and a refusal for an id nobody opened yet does not
 * follow it to the team that opens it later.
 */
export function filedRefusal(record: RefusalRecord, ownerTeamId: string | null): RefusalRecord {
  if (ownerTeamId !== null && (record.inputKind !== 'command' || record.actorTeamId === ownerTeamId)) return record;
  return { ...record, filed: 'audit', auditTeamId: record.inputKind === 'command' ? record.actorTeamId ?? null : null };
}

export function inputTime(input: Input): string {
  return input.kind === 'signal' ? input.occurredAt : input.kind === 'command' ? input.issuedAt : input.dueAt;
}

export function refusalOfInput(input: Input, refusal: Refusal, raw: unknown): RefusalRecord {
  return {
    relationshipId: input.relationshipId,
    inputKind: input.kind,
    inputId: input.id,
    inputType: input.type,
    ...(input.kind === 'command' ? { actorId: input.actor.id, actorTeamId: input.actor.teamId } : {}),
    at: inputTime(input),
    refusal,
    input: keptInput(raw),
  };
}

/** The record of an input that did not parse, or null when it names no relationship to file it under. */
export function refusalOfRaw(raw: unknown, refusal: Refusal, now: Date): RefusalRecord | null {
  if (!isRecord(raw)) return null;
  const relationshipId = text(raw.relationshipId);
  if (relationshipId === undefined) return null;
  const looksLikeCommand = raw.kind === 'command' || (raw.kind !== 'signal' && ('actor' in raw || 'issuedAt' in raw));
  const actor = isRecord(raw.actor) ? text(raw.actor.id) : undefined;
  const actorTeam = isRecord(raw.actor) ? text(raw.actor.teamId) : undefined;
  return {
    relationshipId,
    inputKind: looksLikeCommand ? 'command' : 'signal',
    inputId: text(raw.id) ?? '',
    inputType: text(raw.type) ?? '',
    ...(actor !== undefined ? { actorId: actor } : {}),
    ...(actorTeam !== undefined ? { actorTeamId: actorTeam } : {}),
    at: isoTime(looksLikeCommand ? raw.issuedAt : raw.occurredAt) ?? now.toISOString(),
    refusal,
    input: keptInput(raw),
  };
}
