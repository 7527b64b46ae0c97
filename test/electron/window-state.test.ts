import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clampWindowState,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  saveWindowState,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../electron/main/window-state.js';

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-window-state-'));
  file = path.join(dir, 'userData', WINDOW_STATE_FILE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadWindowState / saveWindowState', () => {
  it('round-trips through a real file (folder created, no temporary file left)', () => {
    saveWindowState(file, { bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual([WINDOW_STATE_FILE]);
  });

  it('returns null for a missing file', () => {
    expect(loadWindowState(file)).toBeNull();
  });

  it.each([
    ['corrupt JSON', '{"bounds": {"x": 1,'],
    ['empty file', ''],
    ['wrong shape', '{"x": 1, "y": 2}'],
    ['strings for numbers', '{"bounds":{"x":"1","y":0,"width":800,"height":600},"maximized":false}'],
    ['NaN-ish huge numbers', '{"bounds":{"x":1e308,"y":0,"width":800,"height":600},"maximized":false}'],
    ['zero size', '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}'],
    ['extra keys', '{"bounds":{"x":0,"y":0,"width":800,"height":600},"maximized":false,"devTools":true}'],
  ])('returns null for %s (the app then uses the defaults)', (_name, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    expect(loadWindowState(file)).toBeNull();
    expect(clampWindowState(loadWindowState(file), [PRIMARY]).bounds).toEqual({
      x: (1920 - DEFAULT_WIDTH) / 2,
      y: (1040 - DEFAULT_HEIGHT) / 2,
      width: DEFAULT_WIDTH,
      height: DEFAULT_HEIGHT,
    });
  });

  it('refuses to save an invalid state', () => {
    expect(() => saveWindowState(file, { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 }, maximized: false })).toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('clampWindowState', () => {
  it('keeps a window that is on a screen', () => {
    const state = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: false };
    expect(clampWindowState(state, [PRIMARY])).toEqual(state);
  });

  it('keeps the maximised flag', () => {
    expect(clampWindowState({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true }, [PRIMARY]).maximized).toBe(true);
  });

  it('centres on the primary screen a window left on a monitor that is gone', () => {
    const onRight = { bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(clampWindowState(onRight, [PRIMARY, RIGHT])).toEqual(onRight);
    expect(clampWindowState(onRight, [PRIMARY]).bounds).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('pulls a window half off the screen back onto it (title bar never above the top)', () => {
    expect(clampWindowState({ bounds: { x: 1500, y: -200, width: 1000, height: 700 }, maximized: false }, [PRIMARY]).bounds).toEqual({
      x: 920,
      y: 0,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than its screen, but not below the minimum', () => {
    expect(clampWindowState({ bounds: { x: 0, y: 0, width: 5000, height: 3000 }, maximized: false }, [PRIMARY]).bounds).toEqual(PRIMARY);
    expect(clampWindowState({ bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }, [PRIMARY]).bounds).toEqual({
      x: 0,
      y: 0,
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    });
  });

  it('fits a screen smaller than the minimum size', () => {
    const tiny = { x: 0, y: 0, width: 800, height: 500 };
    expect(clampWindowState(null, [tiny]).bounds).toEqual(tiny);
  });

  it('works with no screen information', () => {
    expect(clampWindowState(null, []).bounds).toEqual({ x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });

  it('places a window on the screen it mostly overlaps, with negative coordinates (screen left of the primary)', () => {
    const left: Rect = { x: -1680, y: 0, width: 1680, height: 1010 };
    const state = { bounds: { x: -1500, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(clampWindowState(state, [PRIMARY, left])).toEqual(state);
  });
});
