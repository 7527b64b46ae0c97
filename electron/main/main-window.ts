/** The one main window: created with the secure preferences, placed where it was last time, its state saved on close. */
import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { secureWebPreferences } from './security.js';
import { clampWindowState, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState, WINDOW_STATE_FILE } from './window-state.js';

/** Options of createMainWindow. */
export interface MainWindowOptions {
  preloadPath: string;
  userData: string;
  isPackaged: boolean;
  onStateSaveError(error: unknown): void;
}

/** Creates the main window (hidden until its first paint, so no white flash) with its saved bounds. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const stateFile = path.join(options.userData, WINDOW_STATE_FILE);
  const state = clampWindowState(
    loadWindowState(stateFile),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: Math.min(MIN_WIDTH, state.bounds.width),
    minHeight: Math.min(MIN_HEIGHT, state.bounds.height),
    show: false,
    title: 'Octroi',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(options.preloadPath, { isPackaged: options.isPackaged }),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      saveWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      options.onStateSaveError(error);
    }
  });
  return window;
}
