/**
 * The main window's position, size and maximised state, kept in a small JSON file in the user-data
 * folder between runs. Pure Node (no `electron` import): main passes in the screens' work areas.
 * A missing, corrupt or hand-edited file never stops the app: it falls back to the defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is kept: the normal (not maximised) bounds, and whether the window was maximised. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** The file name in the user-data folder. */
export const WINDOW_STATE_FILE = 'window-state.json';
/** The smallest window the layout is designed for. */
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
/** The size of a first window (centred by clampWindowState). */
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
/** How much of the window must lie on a screen for it to count as visible (title bar reachable). */
const MIN_VISIBLE = 100;

const coordinate = z.number().int().min(-100_000).max(100_000);
const WindowStateSchema = z
  .object({
    bounds: z.object({ x: coordinate, y: coordinate, width: z.number().int().min(1).max(100_000), height: z.number().int().min(1).max(100_000) }).strict(),
    maximized: z.boolean(),
  })
  .strict();

/** The state of a first start: default size, placed by clampWindowState. */
export function defaultWindowState(): WindowState {
  return { bounds: { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, maximized: false };
}

/** The saved state from `file`, or null when absent, unreadable or not a valid state (the caller uses the defaults). */
export function loadWindowState(file: string): WindowState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the state atomically (temporary file + rename: a crash never leaves half a file). */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = WindowStateSchema.parse({
    bounds: { x: Math.round(state.bounds.x), y: Math.round(state.bounds.y), width: Math.round(state.bounds.width), height: Math.round(state.bounds.height) },
    maximized: state.maximized,
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centredIn(area: Rect, width: number, height: number): Rect {
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * The state made usable on the current screens (`workAreas`, the first being the primary): no larger
 * than the screen it lands on, no smaller than the minimum the screen allows; a window that would be
 * (mostly) off every screen — a monitor unplugged since last time — is centred on the primary screen.
 */
export function clampWindowState(state: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  const wanted = state ?? defaultWindowState();
  // The screen the window is mostly on (the primary when it is on none).
  let screen = primary;
  let best = -1;
  for (const area of workAreas) {
    const { width, height } = overlap(wanted.bounds, area);
    if (width * height > best) {
      best = width * height;
      screen = area;
    }
  }
  const width = Math.max(Math.min(wanted.bounds.width, screen.width), Math.min(MIN_WIDTH, screen.width));
  const height = Math.max(Math.min(wanted.bounds.height, screen.height), Math.min(MIN_HEIGHT, screen.height));
  if (state === null) return { bounds: centredIn(primary, width, height), maximized: false };
  // On no screen at all (or barely: less than a title bar's worth): centred on the primary screen.
  const visible = overlap(wanted.bounds, screen);
  if (visible.width < Math.min(MIN_VISIBLE, width) || visible.height < Math.min(MIN_VISIBLE, height) / 2) {
    return { bounds: centredIn(primary, width, height), maximized: wanted.maximized };
  }
  // Otherwise pulled fully onto its screen: the title bar must never end above the top edge.
  const x = Math.min(Math.max(wanted.bounds.x, screen.x), screen.x + screen.width - width);
  const y = Math.min(Math.max(wanted.bounds.y, screen.y), screen.y + screen.height - height);
  return { bounds: { x, y, width, height }, maximized: wanted.maximized };
}
