/**
 * electron-desktop.ts (the handlers' DesktopPort) against the electron stand-in: file dialogs attached to
 * the main window, a save dialog that takes only a base name from the handler; PDFs rendered in a hidden,
 * sandboxed window without preload or JavaScript, from a private temporary file that is removed after
 * (success, failure or timeout); events sent only when they belong to the contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { app, BrowserWindow, electron } from '../support/electron-stand-in.js';
import { recordingLogger } from '../support/recording-logger.js';
import { createElectronDesktop, renderPdfInHiddenWindow } from '../../electron/main/electron-desktop.js';
import type { EventOf } from '../../electron/shared/contract.js';

const DOCUMENTS = path.join(path.sep, 'home', 'agent', 'Documents');

let logger: ReturnType<typeof recordingLogger>;
let mainWindow: InstanceType<typeof BrowserWindow> | null;
const desktop = () => createElectronDesktop(() => mainWindow as unknown as Electron.BrowserWindow | null, logger);

beforeEach(() => {
  electron.reset();
  app.becomeReady();
  electron.paths.documents = DOCUMENTS;
  logger = recordingLogger();
  mainWindow = new BrowserWindow({});
});

describe('file dialogs', () => {
  it('asks for files to open over the main window, several at once, filtered by extension', async () => {
    electron.dialogAnswers.push({ canceled: false, filePaths: ['/data/bureau.csv', '/data/application_train.csv'] });
    expect(await desktop().chooseFilesToOpen({ title: 'Importer', extensions: ['.csv', 'txt'] })).toEqual(['/data/bureau.csv', '/data/application_train.csv']);
    expect(electron.calls('dialog.showOpenDialog')).toEqual([
      [mainWindow, { title: 'Importer', properties: ['openFile', 'multiSelections'], filters: [{ name: 'CSV, TXT', extensions: ['csv', 'txt'] }] }],
    ]);
  });

  it('a cancelled dialog is no files / no path; without a window the dialog still opens, unattached', async () => {
    mainWindow = null;
    expect(await desktop().chooseFilesToOpen({ title: 'Importer', extensions: ['csv'] })).toEqual([]);
    expect(await desktop().chooseSaveFile({ title: 'Lettre', defaultName: 'x.pdf', extensions: ['pdf'] })).toBeNull();
    expect(electron.calls('dialog.showOpenDialog')[0]).toHaveLength(1);
    expect(electron.calls('dialog.showSaveDialog')[0]).toHaveLength(1);
  });

  it('proposes the save name in Documents, keeping only its base name (no path from a handler)', async () => {
    electron.dialogAnswers.push({ canceled: false, filePath: '/home/agent/Documents/lettre-100002.pdf' });
    expect(await desktop().chooseSaveFile({ title: 'Lettre', defaultName: '../../etc/lettre-100002.pdf', extensions: ['pdf'] })).toBe('/home/agent/Documents/lettre-100002.pdf');
    const [parent, options] = electron.calls('dialog.showSaveDialog')[0]!;
    expect(parent).toBe(mainWindow);
    expect(options).toEqual({ title: 'Lettre', defaultPath: path.join(DOCUMENTS, 'lettre-100002.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  });
});

describe('renderPdfInHiddenWindow', () => {
  const HTML = '<!doctype html><meta charset="utf-8"><title>Lettre</title><p>Madame, Monsieur,</p>';

  it('prints the page in a hidden window with the sandboxed preferences, no preload, no JavaScript, no DevTools', async () => {
    const pdf = await renderPdfInHiddenWindow(HTML, { isPackaged: false });
    const window = electron.windows.at(-1)!;
    expect(window.options).toMatchObject({ show: false, width: 794, height: 1123 });
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, devTools: false });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(electron.calls('webContents.printToPDF')).toEqual([[{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]]);
    expect(Buffer.from(pdf).toString()).toMatch(/^%PDF-1\.7 stand-in of file:\/\/.*letter\.html$/);
    expect(window.isDestroyed()).toBe(true);
  });

  it('writes the letter (client data) to a private temporary file and removes its folder afterwards', async () => {
    let seen: { path: string; mode: number; text: string } | null = null;
    const loadFile = BrowserWindow.prototype.loadFile;
    vi.spyOn(BrowserWindow.prototype, 'loadFile').mockImplementation(async function (this: InstanceType<typeof BrowserWindow>, file: string) {
      seen = { path: file, mode: fs.statSync(file).mode & 0o777, text: fs.readFileSync(file, 'utf8') };
      return loadFile.call(this, file);
    });
    await renderPdfInHiddenWindow(HTML, { isPackaged: true });
    vi.restoreAllMocks();
    expect(seen).not.toBeNull();
    expect(seen!.text).toBe(HTML);
    if (process.platform !== 'win32') expect(seen!.mode).toBe(0o600);
    expect(fs.existsSync(path.dirname(seen!.path))).toBe(false);
  });

  it('cleans up when the page cannot load', async () => {
    const files: string[] = [];
    vi.spyOn(BrowserWindow.prototype, 'loadFile').mockImplementation(async (file: string) => {
      files.push(file);
      throw new Error('ERR_FILE_NOT_FOUND');
    });
    await expect(renderPdfInHiddenWindow(HTML, { isPackaged: true })).rejects.toThrow('ERR_FILE_NOT_FOUND');
    vi.restoreAllMocks();
    expect(electron.windows.at(-1)!.isDestroyed()).toBe(true);
    expect(files).toHaveLength(1);
    expect(fs.existsSync(path.dirname(files[0]!))).toBe(false);
  });

  describe('a page that never finishes printing', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('is abandoned after 30 s, its window destroyed', async () => {
      electron.printToPdfDelayMs = 120_000;
      const rendering = renderPdfInHiddenWindow(HTML, { isPackaged: true });
      const outcome = expect(rendering).rejects.toThrow('PDF rendering took more than 30 s');
      await vi.advanceTimersByTimeAsync(30_000);
      await outcome;
      expect(electron.windows.at(-1)!.isDestroyed()).toBe(true);
    });
  });
});

describe('emit', () => {
  const progress: EventOf<'import:progress'> = {
    importId: '2b1f9a3c-5d4e-4f60-8a7b-9c0d1e2f3a4b',
    phase: 'loading',
    file: 'bureau.csv',
    table: 'bureau',
    fileIndex: 1,
    fileCount: 2,
    bytesRead: 100,
    bytesTotal: 1000,
    rowsRead: 12,
    message: null,
  };

  it('sends a contract event with a valid payload to the main window', () => {
    desktop().emit('import:progress', progress);
    expect(mainWindow!.webContents.sent).toEqual([{ channel: 'import:progress', args: [progress] }]);
  });

  it('sends nothing outside the contract (unknown event, payload not matching its schema), and logs it', () => {
    const port = desktop() as unknown as { emit(event: string, payload: unknown): void };
    port.emit('debug:dump', { secrets: true });
    port.emit('import:progress', { ...progress, phase: 'exploded' });
    expect(mainWindow!.webContents.sent).toEqual([]);
    expect(logger.messages('error')).toEqual(['desktop: event outside the contract not sent', 'desktop: event outside the contract not sent']);
  });

  it('drops events while there is no window, or after it closed', () => {
    mainWindow!.close();
    desktop().emit('import:progress', progress);
    mainWindow = null;
    desktop().emit('import:progress', progress);
    expect(electron.calls('webContents.send')).toEqual([]);
  });
});
