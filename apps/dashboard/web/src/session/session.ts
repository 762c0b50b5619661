// The bearer token: taken from `#token=` once, kept in sessionStorage only (gone when the tab
// closes), and forgotten on sign-out. The claims are read for display and for hiding controls;
// the API checks the signature on every call.
export type Role = 'viewer' | 'manager' | 'admin';
export interface Session { token: string; sub: string; teamId: string; role: Role; expiresAt: number | null }

const KEY = 'offramp.token';

function decodeClaims(token: string): Omit<Session, 'token'> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const { sub, teamId, role, exp } = json;
    if (typeof sub !== 'string' || typeof teamId !== 'string' || (role !== 'viewer' && role !== 'manager' && role !== 'admin')) return null;
    return { sub, teamId, role, expiresAt: typeof exp === 'number' ? exp * 1000 : null };
  } catch {
    return null;
  }
}

export function sessionOf(token: string): Session | null {
  const claims = decodeClaims(token);
  return claims && { token, ...claims };
}

/** Moves a `#token=` from the address bar into sessionStorage, then reads the stored one. */
export function restoreSession(): Session | null {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fromLink = hash.get('token');
  if (fromLink) {
    hash.delete('token');
    const rest = hash.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    if (sessionOf(fromLink)) sessionStorage.setItem(KEY, fromLink);
  }
  const stored = sessionStorage.getItem(KEY);
  const session = stored ? sessionOf(stored) : null;
  if (stored && (!session || (session.expiresAt !== null && session.expiresAt < Date.now()))) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

/**
 * The token in what a person pasted: the token itself, or the whole sign-in link
 * (`http://…/#token=…`), or its fragment alone.
 */
export function tokenOf(pasted: string): string {
  const text = pasted.trim();
  const hash = text.includes('#') ? text.slice(text.indexOf('#') + 1) : text.startsWith('token=') ? text : '';
  const fromLink = hash ? new URLSearchParams(hash).get('token') : null;
  return (fromLink ?? text).trim();
}

/** A sign-in link opened in a tab that is already open only changes the fragment: take it then too. */
export function onSignInLink(signedIn: (session: Session) => void): () => void {
  const listener = () => {
    if (!new URLSearchParams(window.location.hash.slice(1)).has('token')) return;
    const session = restoreSession();
    if (session) signedIn(session);
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function signIn(pasted: string): Session | null {
  const session = sessionOf(tokenOf(pasted));
  if (session) sessionStorage.setItem(KEY, session.token);
  return session;
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

export const canAct = (session: Session): boolean => session.role !== 'viewer';
export const canOverride = (session: Session): boolean => session.role === 'admin';
