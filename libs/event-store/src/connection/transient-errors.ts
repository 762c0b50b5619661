// Errors after which the same work may simply be tried again: the server went away or is
// not accepting connections yet. Anything else (constraint, syntax, conflict) is final.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const TRANSIENT_MESSAGES = [/not queryable/i, /connection terminated/i, /terminating connection/i, /Connection ended/i, /the database system is (starting up|shutting down)/i];

export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isTransientError);
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message));
}
