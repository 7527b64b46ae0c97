/**
 * main-window.ts against the electron stand-in: the one window is created with the secure preferences
 * and the preload, hidden until its first paint (no white flash), where it was last time (clamped to the
 * screens of now), and saves its state when it closes; a state that cannot be saved is reported, never
 * thrown at the user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { app, electron, type BrowserWindowStandIn } from '../support/electron-stand-in.js';
import { tempDir } from '../support/paths.js';
import { createMainWindow } from '../../electron/main/main-window.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_HEIGHT, MIN_WIDTH, WINDOW_STATE_FILE } from '../../electron/main/window-state.js';
import { secureWebPreferences } from '../../electron/main/security.js';

const PRELOAD = '/opt/Octroi/resources/app.asar/dist-electron/preload.cjs';
let userData: string;
let saveErrors: unknown[];

/** The window createMainWindow makes (a stand-in window: its options and bounds can be inspected). */
function open(isPackaged = true): BrowserWindowStandIn {
  return createMainWindow({ preloadPath: PRELOAD, userData, isPackaged, onStateSaveError: (error) => saveErrors.push(error) }) as unknown as BrowserWindowStandIn;
}

beforeEach(() => {
  electron.reset();
  app.becomeReady();
  userData = tempDir('octroi-main-window-');
  saveErrors = [];
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('createMainWindow', () => {
  it('creates the window with every security preference set, the preload, and no DevTools when packaged', () => {
    const window = open(true);
    const prefs = electron.windows[0]!.options.webPreferences!;
    // The one definition (its values are pinned in security.test.ts), with DevTools off when packaged.
    expect(prefs).toMatchObject({ ...secureWebPreferences(PRELOAD, { isPackaged: true }), devTools: false });
    expect(electron.windows).toEqual([window]);
    open(false);
    expect(electron.windows[1]!.options.webPreferences!.devTools).toBe(true);
  });

  it('stays hidden until its first paint, then shows', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('first start: the default size, centred on the primary screen, with a minimum size', () => {
    open();
    const { options } = electron.windows[0]!;
    expect(options).toMatchObject({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, x: (1920 - DEFAULT_WIDTH) / 2, y: (1040 - DEFAULT_HEIGHT) / 2, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
  });

  it('saves its bounds on close and opens there next time, maximised if it was', () => {
    const first = open();
    first.bounds = { x: 2000, y: 100, width: 1500, height: 900 };
    first.maximize();
    first.close();
    expect(JSON.parse(fs.readFileSync(path.join(userData, WINDOW_STATE_FILE), 'utf8'))).toEqual({ bounds: { x: 2000, y: 100, width: 1500, height: 900 }, maximized: true });

    electron.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1920, y: 0, width: 2560, height: 1400 }];
    const second = open();
    expect(second.options).toMatchObject({ x: 2000, y: 100, width: 1500, height: 900 });
    expect(second.isMaximized()).toBe(true);
  });

  it('comes back onto the screen when the monitor it was on is gone', () => {
    fs.writeFileSync(path.join(userData, WINDOW_STATE_FILE), JSON.stringify({ bounds: { x: 3000, y: 100, width: 1200, height: 800 }, maximized: false }));
    const window = open();
    const { x, y, width, height } = window.options as { x: number; y: number; width: number; height: number };
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(1920);
    expect(y + height).toBeLessThanOrEqual(1040);
  });

  it('reports a state it cannot save instead of throwing (a read-only profile)', () => {
    fs.mkdirSync(path.join(userData, WINDOW_STATE_FILE));
    const window = open();
    expect(() => window.close()).not.toThrow();
    expect(saveErrors).toHaveLength(1);
  });

  it('ignores a damaged state file (defaults, no error)', () => {
    fs.writeFileSync(path.join(userData, WINDOW_STATE_FILE), '{"bounds": {"x": "left"}');
    const window = open();
    expect(window.options).toMatchObject({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });
});
