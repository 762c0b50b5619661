// Shape check of a raw signal or command (policy rules 20 and 23): the first problem found is
// refused with the field's dotted path. Decide never sees malformed input. Signals and commands
// are checked the same way: the kind's envelope, then its type's `data` schema (selected by
// `type`, so an input is parsed once by the schemas that apply to it).
import type { z } from 'zod';
import type { CommandData, CommandInput, Input, SignalData, SignalInput } from '../inputs';
import type { Refusal } from '../model';
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

function refuse(kind: Kind, field: string | undefined, problem: string): { ok: false; refusal: Refusal } {
  const what = kind === 'signal' ? 'signal' : 'command';
  const message = field ? `The ${what}'s ${field} ${problem}.` : `The ${what} ${problem}.`;
  return { ok: false, refusal: { code: codeOf(kind), message, ...(field ? { field } : {}) } };
}

function fromIssue(kind: Kind, issue: z.core.$ZodIssue, prefix: string): { ok: false; refusal: Refusal } {
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

/** The envelope's problem, a type outside the catalogue, or the type's data problem; null when all hold. */
function shapeProblem<E extends { type: string; data: unknown }, T extends string, D>(
  kind: Kind, envelope: z.ZodSafeParseResult<E>, isType: (type: string) => type is T, dataOf: (type: T, data: unknown) => z.ZodSafeParseResult<D>,
): { ok: false; refusal: Refusal } | { ok: true; envelope: E; type: T; data: D } {
  if (!envelope.success) return fromIssue(kind, envelope.error.issues[0], '');
  const { type } = envelope.data;
  if (!isType(type)) return refuse(kind, 'type', `"${type}" is not in the catalogue`);
  const data = dataOf(type, envelope.data.data);
  if (!data.success) return fromIssue(kind, data.error.issues[0], 'data');
  return { ok: true, envelope: envelope.data, type, data: data.data };
}

const isSignalType = (type: string): type is SignalType => Object.hasOwn(SIGNAL_DATA, type);
const isCommandType = (type: string): type is CommandType => Object.hasOwn(COMMAND_DATA, type);
// Each type's schema, as the schema of that type's data: indexed by a type, it parses that type's data.
const SIGNAL_DATA_OF: { [T in SignalType]: z.ZodType<SignalData<T>> } = SIGNAL_DATA;
const COMMAND_DATA_OF: { [T in CommandType]: z.ZodType<CommandData<T>> } = COMMAND_DATA;
const signalDataOf = <T extends SignalType>(type: T, data: unknown) => SIGNAL_DATA_OF[type].safeParse(data);
const commandDataOf = <T extends CommandType>(type: T, data: unknown) => COMMAND_DATA_OF[type].safeParse(data);

const isRepairStart = (typed: { type: CommandType; data: unknown }): typed is { type: 'repair.start'; data: CommandData<'repair.start'> } =>
  typed.type === 'repair.start';

function parseSignal(raw: Record<string, unknown>): ParseResult {
  const shape = shapeProblem('signal', signalEnvelope.safeParse(raw), isSignalType, signalDataOf);
  if (!shape.ok) return shape;
  return { ok: true, input: signalOf(shape.envelope, { type: shape.type, data: shape.data }) };
}

function parseCommand(raw: Record<string, unknown>): ParseResult {
  const shape = shapeProblem('command', commandEnvelope.safeParse(raw), isCommandType, commandDataOf);
  if (!shape.ok) return shape;
  const typed = { type: shape.type, data: shape.data };
  if (isRepairStart(typed) && reviewOnProblem(typed.data.reviewOn, shape.envelope.issuedAt)) {
    return refuse('command', 'data.reviewOn', 'must be a day after issuedAt');
  }
  return { ok: true, input: commandOf(shape.envelope, typed) };
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
