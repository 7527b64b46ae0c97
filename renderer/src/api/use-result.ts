/**
 * Calls a verb and tracks its state for rendering: loading, the answer, or the error as data (an IPC
 * error is shown, never swallowed). Stale answers (the inputs changed while a call was in flight) are
 * dropped, so a quick switch between clients never shows the previous client's score.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError, Result } from '../../../electron/shared/errors';
import { reportSessionExpired } from './session-expired';

/** The state of one call. */
export type ResultState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: IpcError; data?: T };

/** Runs `call` whenever `deps` change; `reload` runs it again. `call` returning null = nothing to load. */
export function useResult<T>(call: () => Promise<Result<T>> | null, deps: readonly unknown[]): ResultState<T> & { reload: () => void } {
  const [state, setState] = useState<ResultState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const mine = ++generation.current;
    const pending = call();
    if (!pending) return;
    // Keep the previous data while loading: the screen does not flash empty between two clients.
    setState((previous) => ({ status: 'loading', data: previous.data }));
    pending.then(
      (result) => {
        if (mine !== generation.current) return;
        if (!result.ok && result.error.code === 'unauthenticated') reportSessionExpired();
        setState(result.ok ? { status: 'ok', data: result.value } : { status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState({ status: 'error', error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
      },
    );
  }, [...deps, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
