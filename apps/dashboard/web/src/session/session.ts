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

export function signIn(token: string): Session | null {
  const session = sessionOf(token.trim());
  if (session) sessionStorage.setItem(KEY, session.token);
  return session;
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

export const canAct = (session: Session): boolean => session.role !== 'viewer';
export const canOverride = (session: Session): boolean => session.role === 'admin';
