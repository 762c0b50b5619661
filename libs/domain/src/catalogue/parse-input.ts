// Shape check of a raw signal or command (policy rules 20 and 23): the first problem found is
// refused with the field's dotted path. Decide never sees malformed input.
import type { z } from 'zod';
import type { CommandInput, Input, Refusal, SignalInput } from '../model';
import { COMMAND_DATA, commandEnvelope, type CommandType } from './commands';
import { SIGNAL_DATA, signalEnvelope, type SignalType } from './signals';
import { valueProblem } from './value-limits';

export type ParseResult = { ok: true; input: Input } | { ok: false; refusal: Refusal };

type Kind = 'signal' | 'command';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `kind` decides; without it, an `actor` or `issuedAt` means a command. */
function kindOf(raw: Record<string, unknown>): Kind {
  if (raw.kind === 'signal' || raw.kind === 'command') return raw.kind;
  return 'actor' in raw || 'issuedAt' in raw ? 'command' : 'signal';
}

const codeOf = (kind: Kind) => (kind === 'signal' ? 'invalid_signal' : 'invalid_command');

function refuse(kind: Kind, field: string | undefined, problem: string): ParseResult {
  const what = kind === 'signal' ? 'signal' : 'command';
  const message = field ? `The ${what}'s ${field} ${problem}.` : `The ${what} ${problem}.`;
  return { ok: false, refusal: { code: codeOf(kind), message, ...(field ? { field } : {}) } };
}

function fromIssue(kind: Kind, issue: z.core.$ZodIssue, prefix: string): ParseResult {
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const missing = issue.code === 'invalid_type' && / undefined$/.test(issue.message);
  const problem = missing ? 'is missing' : `is invalid (${issue.message.replace(/^Invalid input: /, '')})`;
  return refuse(kind, field || undefined, problem);
}

/** Rule 11: a review date on or before the day the repair starts is no plan. */
function reviewOnProblem(data: Record<string, unknown>, issuedAt: string): boolean {
  return typeof data.reviewOn === 'string' && Date.parse(`${data.reviewOn}T00:00:00Z`) <= Date.parse(issuedAt);
}

export function parseInput(raw: unknown): ParseResult {
  if (!isRecord(raw)) return refuse('signal', undefined, 'is not a JSON object');
  const kind = kindOf(raw);
  if (raw.kind !== undefined && raw.kind !== kind) return refuse(kind, 'kind', 'must be "signal" or "command"');
  const outside = valueProblem(raw);
  if (outside) return refuse(kind, outside.field, outside.problem);
  const envelope = (kind === 'signal' ? signalEnvelope : commandEnvelope).safeParse(raw);
  if (!envelope.success) return fromIssue(kind, envelope.error.issues[0], '');
  const type = raw.type as string;
  const dataSchema = kind === 'signal' ? SIGNAL_DATA[type as SignalType] : COMMAND_DATA[type as CommandType];
  if (!dataSchema || !Object.hasOwn(kind === 'signal' ? SIGNAL_DATA : COMMAND_DATA, type)) {
    return refuse(kind, 'type', `"${type}" is not in the catalogue`);
  }
  const data = dataSchema.safeParse(raw.data);
  if (!data.success) return fromIssue(kind, data.error.issues[0], 'data');
  const parsed = data.data as Record<string, unknown>;
  if (kind === 'signal') {
    const e = envelope.data as Omit<SignalInput, 'kind' | 'data'>;
    const input: SignalInput = { kind, id: e.id, type, relationshipId: e.relationshipId, occurredAt: e.occurredAt, source: e.source, data: parsed };
    return { ok: true, input };
  }
  const e = envelope.data as Omit<CommandInput, 'kind' | 'data'>;
  if (type === 'repair.start' && reviewOnProblem(parsed, e.issuedAt)) {
    return refuse(kind, 'data.reviewOn', 'must be a day after issuedAt');
  }
  const input: CommandInput = {
    kind, id: e.id, type, relationshipId: e.relationshipId, issuedAt: e.issuedAt,
    actor: { id: e.actor.id, teamId: e.actor.teamId, role: e.actor.role },
    data: parsed,
    ...(e.override ? { override: { reason: e.override.reason } } : {}),
  };
  return { ok: true, input };
}
