/**
 * What happens when something goes wrong outside a handler: logged, and shown to the user (a dialog, and
 * an error page in the window instead of a white screen). Handler errors never come here: the IPC router
 * turns them into error envelopes.
 */
import { app, BrowserWindow, dialog } from 'electron';
import type { AppLogger } from './logging.js';
import { isAppUrl } from './security.js';
import { errorPageUrl } from './status-pages.js';

/** At most one dialog in this interval: a failing timer must not bury the user under dialogs (all go to the log). */
const DIALOG_INTERVAL_MS = 10_000;
let lastDialog = -Infinity;

/** For the log: the stack when there is one. */
const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));
/** For the user: the message only (the stack trace is in the log, which the page names). */
const userText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Shows an error: in the main window as a page when there is one, always as a dialog. Never throws.
 * The caller has logged it (with its stack); the user sees its message and where the log is.
 */
export function showFatalError(title: string, error: unknown, logger: AppLogger, window: BrowserWindow | null): void {
  const details = userText(error);
  try {
    if (window && !window.isDestroyed()) {
      void window.loadURL(errorPageUrl(title, details, logger.file())).catch(() => undefined);
      if (!window.isVisible()) window.show();
    }
  } catch {
    // The window is going away: the dialog below still says it.
  }
  const now = Date.now();
  if (now - lastDialog < DIALOG_INTERVAL_MS) return;
  lastDialog = now;
  try {
    // showErrorBox is synchronous and safe before 'ready' (on Linux it then prints to stderr).
    dialog.showErrorBox(title, `${details.split('\n')[0]}\n\n${logger.file() ? `Journal / log: ${logger.file()}` : ''}`);
  } catch {
    // Nothing left to show it with; it is in the log.
  }
}

/**
 * Installs the process-level handlers: uncaught exceptions and unhandled rejections in main, a renderer
 * that crashed or was killed, a child process (GPU, utility) that died. `getWindow` returns the main
 * window, or null.
 */
export function installFatalErrorHandlers(logger: AppLogger, getWindow: () => BrowserWindow | null): void {
  // While the app's page is up, an error in main is shown in a dialog and the page (the user's work) stays;
  // before that (start-up), the window shows the error page instead of the loading page.
  const windowToReplace = () => {
    const window = getWindow();
    return window && !window.isDestroyed() && !isAppUrl(window.webContents.getURL()) ? window : null;
  };
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception in main', { error: describe(error) });
    showFatalError('Octroi : erreur inattendue / unexpected error', error, logger, windowToReplace());
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection in main', { error: describe(reason) });
    showFatalError('Octroi : erreur inattendue / unexpected error', reason, logger, windowToReplace());
  });
  app.on('render-process-gone', (_event, contents, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode, url: contents.getURL().slice(0, 200) });
    if (details.reason === 'clean-exit') return;
    const window = getWindow();
    // Only the main window's page matters to the user (the hidden PDF window fails its own render call).
    if (window && !window.isDestroyed() && window.webContents === contents) {
      showFatalError('Octroi : la page s’est arrêtée / the page stopped', new Error(`Renderer ${details.reason} (exit code ${details.exitCode}). Use View › Reload.`), logger, window);
    }
  });
  app.on('child-process-gone', (_event, details) => {
    logger.error('child process gone', { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? null });
    // Chromium restarts a crashed GPU process by itself; a utility process crash is worth telling.
    if (details.reason !== 'clean-exit' && details.reason !== 'killed' && details.type !== 'GPU') {
      showFatalError('Octroi : un processus s’est arrêté / a process stopped', new Error(`${details.type} process ${details.reason} (exit code ${details.exitCode})`), logger, getWindow());
    }
  });
}
