/**
 * The main process's log file (electron-log): <userData>/logs/main.log on Windows and Linux,
 * ~/Library/Logs/Octroi/main.log on macOS. What support reads when a branch calls: start-up, paths,
 * refused IPC, security refusals, crashes. No client data is logged (the router logs channels and error
 * codes, not payloads).
 */
import path from 'node:path';
import { ipcMain } from 'electron';
import log from 'electron-log/main';
import type { IpcLogger } from './ipc-handle.js';

/** Largest log file before rotation, in bytes. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

/** The logger main uses everywhere, and where its file is. */
export interface AppLogger extends IpcLogger {
  info(message: string, details?: Record<string, unknown>): void;
  /** The current log file (for error pages and Help › Open the logs folder). */
  file(): string | null;
  folder(): string | null;
}

/** Configures electron-log's file transport and returns the app's logger. Call first, before anything can fail. */
export function setupLogging(): AppLogger {
  // Rotation: at LOG_MAX_BYTES the file becomes main.old.log and a new one starts, so the log of a
  // workstation that runs for months never fills its disk, and the last ~10 MB are always there for support.
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.NODE_ENV === 'production' ? false : 'info';
  // electron-log listens on an IPC channel of its own for renderer logging on import. The renderer does
  // not log through it (the preload exposes only the contract), so it is removed: nothing outside the
  // contract crosses the boundary.
  ipcMain.removeAllListeners('__ELECTRON_LOG__');
  ipcMain.removeHandler('__ELECTRON_LOG__');
  const file = () => {
    try {
      return log.transports.file.getFile().path;
    } catch {
      return null;
    }
  };
  return {
    info: (message, details) => log.info(message, details ?? ''),
    warn: (message, details) => log.warn(message, details ?? ''),
    error: (message, details) => log.error(message, details ?? ''),
    file,
    folder: () => {
      const current = file();
      return current ? path.dirname(current) : null;
    },
  };
}
