/**
 * "Another connection holds the lock": how better-sqlite3 reports SQLITE_BUSY / SQLITE_LOCKED (and their
 * extended codes, e.g. SQLITE_BUSY_SNAPSHOT). The app's connections do not busy-wait (a synchronous wait
 * would stop the thread that answers the window): callers see this at once and decide how to wait.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Sets the connection to answer SQLITE_BUSY at once instead of waiting synchronously (see isDatabaseBusy). */
export function neverBusyWait(db: { pragma(source: string): unknown }): void {
  db.pragma('busy_timeout = 0');
}

/**
 * Runs a short write (one transaction) now, or again after a pause while another program holds the lock,
 * without ever blocking the thread; past `waitMs` the busy error goes up. For background jobs.
 */
export async function whenNotBusy<T>(write: () => T, waitMs = 60_000, pauseMs = 100): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isDatabaseBusy(error) || Date.now() + pauseMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
