// What a failure while handling input says about the input. Decided here once, for the worker (and
// any caller that must choose between "try again later" and "this input cannot be processed"):
// - transient: the infrastructure is away or busy (connection refused or reset, timeouts, a server
//   shutting down, serialization failures and deadlocks, a broker away). The same work succeeds
//   later, so it is retried with back-off and the input is kept.
// - poison: the input itself cannot be processed: PostgreSQL refused its data (SQLSTATE class 22,
//   data exception, e.g. a NUL in text or a date out of range; class 54, program limit exceeded,
//   e.g. an index row too large), or the handler threw (a TypeError, a RangeError...). Trying
//   again fails the same way, so the input is dead-lettered and the rest goes on.
// Any other database or system error (permissions, a missing table) is the installation's, not
// the input's: it is retried like a transient one, and shows in the logs and metrics.
import { isTransientError } from '@offramp/event-store';

export type FailureKind = 'transient' | 'poison';

/** SQLSTATE classes whose errors are caused by the data of one input. */
const POISON_SQLSTATE_CLASSES = new Set(['22', '54']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Timeouts that carry no code: the `pg` pool waiting for a connection, a query or statement timing out. */
const TIMEOUTS = [/timeout exceeded when trying to connect/i, /query read timeout/i, /connection timeout/i, /timed out/i];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function failureKind(error: unknown): FailureKind {
  if (typeof error !== 'object' || error === null) return 'poison';
  const code = codeOf(error);
  if (code !== undefined && SQLSTATE.test(code) && POISON_SQLSTATE_CLASSES.has(code.slice(0, 2))) return 'poison';
  if (isTransientError(error)) return 'transient';
  if (error instanceof Error && TIMEOUTS.some((pattern) => pattern.test(error.message))) return 'transient';
  if (code !== undefined) return 'transient';
  const name = (error as { name?: unknown }).name;
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return 'transient';
  if (error instanceof AggregateError && error.errors.length > 0 && error.errors.every((e) => failureKind(e) === 'transient')) return 'transient';
  return 'poison';
}

/** A short description of a failure for a dead letter: its SQLSTATE when it has one, and its message. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  return `${error.name}${code ? ` ${code}` : ''}: ${error.message}`.slice(0, 1_000);
}
