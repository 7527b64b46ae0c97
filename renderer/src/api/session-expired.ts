/**
 * One signal for "main says nobody is signed in": any verb answering 'unauthenticated' (session locked
 * for inactivity, signed out elsewhere) triggers it, and the app shows the sign-in screen again.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls `listener` whenever a verb answers 'unauthenticated'; returns the unsubscribe. */
export function onSessionExpired(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports an 'unauthenticated' answer. */
export function reportSessionExpired(): void {
  for (const listener of listeners) listener();
}
