/**
 * The DesktopPort of the handlers, implemented with Electron: native file dialogs attached to the main
 * window, HTML → PDF through a hidden sandboxed window's printToPDF, events with webContents.send.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { EVENTS, isEventChannel } from '../shared/contract.js';
import type { DesktopPort } from './handlers/handler-services.js';
import type { IpcLogger } from './ipc-handle.js';
import { secureWebPreferences } from './security.js';

/** How long a PDF may take to render before it is abandoned. */
const PDF_TIMEOUT_MS = 30_000;

function filters(extensions: string[]): Electron.FileFilter[] {
  const clean = extensions.map((e) => e.replace(/^\./, '')).filter(Boolean);
  return clean.length ? [{ name: clean.map((e) => e.toUpperCase()).join(', '), extensions: clean }] : [];
}

/**
 * Renders a self-contained HTML page to A4 PDF bytes. The page is written to a private temporary folder
 * (a data: URL is limited in size, and a letter may embed images) and loaded in a hidden window without
 * preload, without JavaScript and with the same sandboxed preferences as the app; the folder is removed
 * afterwards (the letter holds client data).
 */
export async function renderPdfInHiddenWindow(html: string, options: { isPackaged: boolean }): Promise<Uint8Array> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-pdf-'));
  const file = path.join(folder, 'letter.html');
  const window = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...secureWebPreferences(undefined, options), devTools: false, javascript: false },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    fs.writeFileSync(file, html, { encoding: 'utf8', mode: 0o600 });
    const rendering = (async () => {
      await window.loadFile(file);
      return window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    })();
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`PDF rendering took more than ${PDF_TIMEOUT_MS / 1000} s`)), PDF_TIMEOUT_MS);
    });
    const pdf = await Promise.race([rendering, timeout]);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The DesktopPort over the main window (`getWindow` returns it, or null while there is none). */
export function createElectronDesktop(getWindow: () => BrowserWindow | null, logger: IpcLogger): DesktopPort {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    async chooseFilesToOpen({ title, extensions }) {
      const options: Electron.OpenDialogOptions = { title, properties: ['openFile', 'multiSelections'], filters: filters(extensions) };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSaveFile({ title, defaultName, extensions }) {
      // The default name comes from a handler; only its base name is used (no path from anywhere else).
      const options: Electron.SaveDialogOptions = { title, defaultPath: path.join(app.getPath('documents'), path.basename(defaultName)), filters: filters(extensions) };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    renderPdf: (html) => renderPdfInHiddenWindow(html, { isPackaged: app.isPackaged }),
    emit(event, payload) {
      if (!isEventChannel(event) || !EVENTS[event].safeParse(payload).success) {
        logger.error('desktop: event outside the contract not sent', { event: String(event) });
        return;
      }
      const window = parent();
      if (window && !window.webContents.isDestroyed()) window.webContents.send(event, payload);
    },
  };
}
