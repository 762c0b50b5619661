import { createContext, useContext } from 'react';
import type { Session } from './session';

export interface SessionControls { session: Session; signOut(): void }

export const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}
