/**
 * fatal-errors.ts against the electron stand-in: an error outside a handler is logged and shown — the
 * window gets the error page (never stays white or on the loading page), a dialog says it (at most one per
 * 10 s), and nothing here ever throws. Process-level handlers are captured from process.on rather than
 * installed, so the test runner's own handlers stay in charge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { app, BrowserWindow, dialog, ElectronEvent, electron, WebContentsStandIn } from '../support/electron-stand-in.js';
import { dataPageText, isErrorPage } from '../support/data-page.js';
import { recordingLogger } from '../support/recording-logger.js';
import { installFatalErrorHandlers, showFatalError } from '../../electron/main/fatal-errors.js';
import { loadingPageUrl } from '../../electron/main/status-pages.js';

const LOG_FILE = '/home/agent/.config/Octroi/logs/main.log';


// Only Date is faked: each test starts an hour after the previous one, so the dialog interval never carries over.
let clock = Date.now();
beforeEach(() => {
  electron.reset();
  app.becomeReady();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 3_600_000;
  vi.setSystemTime(clock);
});
afterEach(() => vi.useRealTimers());

describe('showFatalError', () => {
  it('replaces the page with the error page, shows a hidden window, and says it in a dialog naming the log', () => {
    const logger = recordingLogger(LOG_FILE);
    const window = new BrowserWindow({ show: false });
    showFatalError('Octroi cannot start', new Error('The model file is damaged <script>alert(1)</script>'), logger, window as unknown as Electron.BrowserWindow);
    const page = dataPageText(window.currentUrl());
    expect(isErrorPage(window.currentUrl())).toBe(true);
    expect(page).toContain('<h1>Octroi cannot start</h1>');
    expect(page).toContain('The model file is damaged &#60;script&#62;');
    expect(page).not.toContain('<script>');
    expect(page).toContain(LOG_FILE);
    expect(window.isVisible()).toBe(true);
    expect(electron.calls('dialog.showErrorBox')).toEqual([['Octroi cannot start', `The model file is damaged <script>alert(1)</script>\n\nJournal / log: ${LOG_FILE}`]]);
    // The stack trace goes to the log (the caller's), never on screen.
    expect(page).not.toMatch(/\bat .*fatal-errors\.test\.ts/);
  });

  it('shows only the dialog when there is no window, or it is destroyed', () => {
    const logger = recordingLogger();
    showFatalError('no window', new Error('boom'), logger, null);
    vi.setSystemTime(Date.now() + 11_000);
    const window = new BrowserWindow({});
    window.destroy();
    showFatalError('destroyed window', 'a string reason', logger, window as unknown as Electron.BrowserWindow);
    expect(window.loads).toEqual([]);
    expect(electron.calls('dialog.showErrorBox').map((args) => args[0])).toEqual(['no window', 'destroyed window']);
  });

  it('opens at most one dialog in 10 s (a failing timer cannot bury the user), the page still updates', () => {
    const logger = recordingLogger();
    const window = new BrowserWindow({});
    for (let i = 0; i < 5; i++) showFatalError(`error ${i}`, new Error(`e${i}`), logger, window as unknown as Electron.BrowserWindow);
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(1);
    expect(dataPageText(window.currentUrl())).toContain('error 4');
    vi.setSystemTime(Date.now() + 10_001);
    showFatalError('later', new Error('again'), logger, window as unknown as Electron.BrowserWindow);
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(2);
  });

  it('never throws: not when the page fails to load, nor when the dialog itself fails', async () => {
    const logger = recordingLogger();
    const window = new BrowserWindow({});
    vi.spyOn(window, 'loadURL').mockRejectedValue(new Error('ERR_ABORTED'));
    vi.spyOn(dialog, 'showErrorBox').mockImplementation(() => {
      throw new Error('no display');
    });
    expect(() => showFatalError('t', new Error('x'), logger, window as unknown as Electron.BrowserWindow)).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    vi.restoreAllMocks();
  });
});

describe('installFatalErrorHandlers', () => {
  let processHandlers: Map<string, (value: unknown) => void>;
  let logger: ReturnType<typeof recordingLogger>;
  let window: InstanceType<typeof BrowserWindow> | null;

  beforeEach(() => {
    processHandlers = new Map();
    vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (value: unknown) => void) => {
      processHandlers.set(event, listener);
      return process;
    }) as typeof process.on);
    logger = recordingLogger(LOG_FILE);
    window = new BrowserWindow({ show: false });
    installFatalErrorHandlers(logger, () => window as unknown as Electron.BrowserWindow);
  });
  afterEach(() => vi.restoreAllMocks());

  it('handles uncaught exceptions and unhandled rejections of main', () => {
    expect([...processHandlers.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
  });

  it('at start-up (loading page shown), an uncaught exception replaces the loading page with the error page', async () => {
    await window!.loadURL(loadingPageUrl('importing'));
    processHandlers.get('uncaughtException')!(new Error('disk full'));
    expect(isErrorPage(window!.currentUrl())).toBe(true);
    expect(dataPageText(window!.currentUrl())).toContain('disk full');
    expect(logger.lines[0]).toMatchObject({ level: 'error', message: 'uncaught exception in main' });
    expect(String(logger.lines[0]!.details!.error)).toContain('disk full');
  });

  it('while the app page is up, an unhandled rejection is a dialog and the page (the user’s work) stays', async () => {
    await window!.loadURL('app://octroi/index.html');
    processHandlers.get('unhandledRejection')!(new Error('timer failed'));
    expect(window!.currentUrl()).toBe('app://octroi/index.html');
    expect(logger.messages('error')).toEqual(['unhandled promise rejection in main']);
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(1);
  });

  it('a crashed or killed page of the main window becomes the error page; a clean exit or another page does not', async () => {
    await window!.loadURL('app://octroi/index.html');
    app.emit('render-process-gone', new ElectronEvent(), window!.webContents, { reason: 'clean-exit', exitCode: 0 });
    expect(window!.currentUrl()).toBe('app://octroi/index.html');
    const pdfWindow = new WebContentsStandIn();
    app.emit('render-process-gone', new ElectronEvent(), pdfWindow, { reason: 'crashed', exitCode: 139 });
    expect(window!.currentUrl()).toBe('app://octroi/index.html');
    app.emit('render-process-gone', new ElectronEvent(), window!.webContents, { reason: 'oom', exitCode: -1 });
    expect(isErrorPage(window!.currentUrl())).toBe(true);
    expect(dataPageText(window!.currentUrl())).toContain('Renderer oom (exit code -1). Use View › Reload.');
    expect(logger.messages('error')).toEqual(['renderer process gone', 'renderer process gone', 'renderer process gone']);
  });

  it('a dead utility process is told; a GPU restart or a kill is only logged', () => {
    app.emit('child-process-gone', new ElectronEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    app.emit('child-process-gone', new ElectronEvent(), { type: 'Utility', reason: 'killed', exitCode: 9, name: 'x' });
    expect(electron.calls('dialog.showErrorBox')).toEqual([]);
    app.emit('child-process-gone', new ElectronEvent(), { type: 'Utility', reason: 'crashed', exitCode: 1, name: 'scoring' });
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(1);
    expect(logger.lines.filter((line) => line.message === 'child process gone').map((line) => line.details)).toEqual([
      { type: 'GPU', reason: 'crashed', exitCode: 1, name: null },
      { type: 'Utility', reason: 'killed', exitCode: 9, name: 'x' },
      { type: 'Utility', reason: 'crashed', exitCode: 1, name: 'scoring' },
    ]);
  });

  it('with no window yet, an exception is still logged and told', () => {
    window = null;
    processHandlers.get('uncaughtException')!(new Error('before the window'));
    expect(logger.messages('error')).toEqual(['uncaught exception in main']);
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(1);
  });
});
