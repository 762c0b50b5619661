// Who is asking, and what they may do: the one place an HTTP request's credentials are read and
// its 401s and 403s are worded. Callers turn a refusal into their error type (the ops API's
// ApiError, mapped to a status once); this module knows no transport.
import { bearerTokenOf, verifyToken, type Caller } from './tokens';

export interface AuthRefusal {
  code: 'unauthorized' | 'forbidden';
  message: string;
  field?: string;
}

/** What a request carries that may hold a credential. */
export interface Credentials {
  authorization?: string;
  query?: Record<string, unknown>;
}

/** Query parameters a client might put a token in; URLs end up in access logs and browser history. */
const TOKEN_PARAMETERS = ['token', 'access_token'];

export type Authentication = { ok: true; caller: Caller } | { ok: false; refusal: AuthRefusal };

/** The caller of a request that carries `Authorization: Bearer <JWT>`, and no token in its URL. */
export function authenticate(credentials: Credentials, secret: string): Authentication {
  const inUrl = TOKEN_PARAMETERS.find((name) => credentials.query?.[name] !== undefined);
  if (inUrl) {
    return { ok: false, refusal: { code: 'unauthorized', field: inUrl, message: 'a token in the URL is refused (URLs are kept in logs): send it as Authorization: Bearer <token>' } };
  }
  const token = bearerTokenOf(credentials.authorization);
  if (!token) return { ok: false, refusal: { code: 'unauthorized', message: 'a bearer token is required' } };
  const caller = verifyToken(token, secret);
  if (!caller) return { ok: false, refusal: { code: 'unauthorized', message: 'the bearer token is invalid or expired' } };
  return { ok: true, caller };
}

/** Viewers read; managers and admins also write. */
export const writeRefusalOf = (caller: Caller): AuthRefusal | null =>
  (caller.role === 'viewer' ? { code: 'forbidden', message: 'viewers may only read' } : null);

/** What only a team's admins may do, e.g. `manages webhook subscriptions`. */
export const adminRefusalOf = (caller: Caller, what: string): AuthRefusal | null =>
  (caller.role === 'admin' ? null : { code: 'forbidden', message: `only an admin ${what}` });
