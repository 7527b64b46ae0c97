/**
 * logging.ts with the real electron-log over the electron stand-in: the log goes to the file in the logs
 * folder Electron names, at info level, rotated at 5 MiB; electron-log's own IPC channel is removed (only
 * the contract crosses the boundary); the console is silent in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { electron, ipcMain } from '../support/electron-stand-in.js';
import { tempDir } from '../support/paths.js';
import log from 'electron-log/main';
import { LOG_MAX_BYTES, setupLogging } from '../../electron/main/logging.js';

const userData = tempDir('octroi-logging-');
electron.paths.userData = userData;
electron.paths.logs = path.join(userData, 'logs');
// As in a packaged app: the console stays quiet (the rotation test writes megabytes).
beforeEach(() => vi.stubEnv('NODE_ENV', 'production'));
afterEach(() => vi.unstubAllEnvs());
afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('setupLogging', () => {
  it('removes the IPC channel electron-log opens on import: nothing but the contract reaches main', () => {
    // electron-log registered its channel on our ipcMain when it was imported (proof it runs on the stand-in).
    expect(ipcMain.listenerCount('__ELECTRON_LOG__')).toBe(1);
    expect(ipcMain.handlers.has('__ELECTRON_LOG__')).toBe(true);
    setupLogging();
    expect(ipcMain.listenerCount('__ELECTRON_LOG__')).toBe(0);
    expect(ipcMain.handlers.has('__ELECTRON_LOG__')).toBe(false);
  });

  it('writes info and above, with their details, to main.log in the logs folder', () => {
    const logger = setupLogging();
    logger.info('Octroi starting', { db: '/data/branch.db' });
    logger.warn('security: link refused', { url: 'file:///etc/passwd' });
    logger.error('start-up failed', { error: 'The model file is damaged' });
    log.debug('a debug line');
    const file = path.join(userData, 'logs', 'main.log');
    expect(logger.file()).toBe(file);
    expect(logger.folder()).toBe(path.dirname(file));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/\[info\]\s+Octroi starting \{ db: '\/data\/branch\.db' \}/);
    expect(text).toMatch(/\[warn\]\s+security: link refused \{ url: 'file:\/\/\/etc\/passwd' \}/);
    expect(text).toMatch(/\[error\]\s+start-up failed \{ error: 'The model file is damaged' \}/);
    expect(text).not.toContain('a debug line');
  });

  it('rotates the file at 5 MiB: main.old.log keeps the previous one, the disk never fills', () => {
    const logger = setupLogging();
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    const line = 'x'.repeat(64 * 1024);
    for (let i = 0; i < LOG_MAX_BYTES / line.length + 2; i++) logger.info(line);
    const folder = logger.folder()!;
    expect(fs.existsSync(path.join(folder, 'main.old.log'))).toBe(true);
    expect(fs.statSync(path.join(folder, 'main.log')).size).toBeLessThan(LOG_MAX_BYTES);
  });

  it('keeps the console quiet in production, and logs to it in development', () => {
    setupLogging();
    expect(log.transports.console.level).toBe(false);
    vi.stubEnv('NODE_ENV', 'development');
    setupLogging();
    expect(log.transports.console.level).toBe('info');
  });
});
