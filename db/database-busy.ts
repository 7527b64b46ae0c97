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
