/** The signed-in user, for screens that adapt to the role (main checks the role again on every verb). */
import { createContext, useContext } from 'react';
import type { ResponseOf } from '../../../electron/shared/contract';

/** The user as auth:status gives it. */
export type SessionUser = NonNullable<ResponseOf<'auth:status'>['user']>;

/** The session given to every screen. */
export interface SessionState {
  user: SessionUser;
  signOut(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in user (inside <App>, which only renders screens once someone is signed in). */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in <App>');
  return session;
}

/** True for a manager. */
export function useIsManager(): boolean {
  return useSession().user.role === 'manager';
}
