// Shape check of a raw signal or command (policy rules 20 and 23): the first problem found is
// refused with the field's dotted path. Decide never sees malformed input.
import type { z } from 'zod';
import type { CommandData, CommandInput, Input, SignalData, SignalInput } from '../inputs';
import type { Refusal } from '../model';
import { COMMAND_DATA, commandEnvelope, typedCommandData, type CommandType } from './commands';
import { SIGNAL_DATA, signalEnvelope, typedSignalData, type SignalType } from './signals';
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
function reviewOnProblem(reviewOn: string, issuedAt: string): boolean {
  return Date.parse(`${reviewOn}T00:00:00Z`) <= Date.parse(issuedAt);
}

export function parseInput(raw: unknown): ParseResult {
  if (!isRecord(raw)) return refuse('signal', undefined, 'is not a JSON object');
  const kind = kindOf(raw);
  if (raw.kind !== undefined && raw.kind !== kind) return refuse(kind, 'kind', 'must be "signal" or "command"');
  const outside = valueProblem(raw);
  if (outside) return refuse(kind, outside.field, outside.problem);
  return kind === 'signal' ? parseSignal(raw) : parseCommand(raw);
}

const notInCatalogue = (kind: Kind, type: string) => refuse(kind, 'type', `"${type}" is not in the catalogue`);

function parseSignal(raw: Record<string, unknown>): ParseResult {
  const envelope = signalEnvelope.safeParse(raw);
  if (!envelope.success) return fromIssue('signal', envelope.error.issues[0], '');
  const e = envelope.data;
  if (!Object.hasOwn(SIGNAL_DATA, e.type)) return notInCatalogue('signal', e.type);
  const typed = typedSignalData.safeParse({ type: e.type, data: e.data });
  if (!typed.success) return fromIssue('signal', typed.error.issues[0], '');
  return { ok: true, input: signalOf(e, typed.data) };
}

function parseCommand(raw: Record<string, unknown>): ParseResult {
  const envelope = commandEnvelope.safeParse(raw);
  if (!envelope.success) return fromIssue('command', envelope.error.issues[0], '');
  const e = envelope.data;
  if (!Object.hasOwn(COMMAND_DATA, e.type)) return notInCatalogue('command', e.type);
  const typed = typedCommandData.safeParse({ type: e.type, data: e.data });
  if (!typed.success) return fromIssue('command', typed.error.issues[0], '');
  if (typed.data.type === 'repair.start' && reviewOnProblem(typed.data.data.reviewOn, e.issuedAt)) {
    return refuse('command', 'data.reviewOn', 'must be a day after issuedAt');
  }
  return { ok: true, input: commandOf(e, typed.data) };
}

type SignalEnvelope = z.infer<typeof signalEnvelope>;
type CommandEnvelope = z.infer<typeof commandEnvelope>;

const signalOf = <T extends SignalType>(e: SignalEnvelope, typed: { type: T; data: SignalData<T> }): SignalInput<T> =>
  ({ kind: 'signal', id: e.id, type: typed.type, relationshipId: e.relationshipId, occurredAt: e.occurredAt, source: e.source, data: typed.data });

const commandOf = <T extends CommandType>(e: CommandEnvelope, typed: { type: T; data: CommandData<T> }): CommandInput<T> => ({
  kind: 'command', id: e.id, type: typed.type, relationshipId: e.relationshipId, issuedAt: e.issuedAt,
  actor: { id: e.actor.id, teamId: e.actor.teamId, role: e.actor.role },
  data: typed.data,
  ...(e.override ? { override: { reason: e.override.reason } } : {}),
});
