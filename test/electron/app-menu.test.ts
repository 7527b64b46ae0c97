import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuActions } from '../../electron/main/app-menu.js';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

const actions = (over: Partial<MenuActions> = {}): MenuActions => ({
  isPackaged: true,
  platform: 'win32',
  showAbout: () => undefined,
  openLogsFolder: () => undefined,
  ...over,
});

describe('menuTemplate', () => {
  it('has no DevTools in a packaged build, and has them in development', () => {
    expect(roles(menuTemplate(actions()))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(actions({ isPackaged: false })))).toContain('toggleDevTools');
  });

  it('has the edit roles (copy/paste in forms), quit, reload and zoom', () => {
    expect(roles(menuTemplate(actions()))).toEqual(
      expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'resetZoom']),
    );
  });

  it('puts the app menu first on macOS', () => {
    expect(menuTemplate(actions({ platform: 'darwin' }))[0]).toEqual({ role: 'appMenu' });
  });

  it('wires Help to about and the logs folder', () => {
    const calls: string[] = [];
    const help = menuTemplate(actions({ showAbout: () => void calls.push('about'), openLogsFolder: () => void calls.push('logs') })).at(-1)!;
    for (const item of help.submenu as MenuItemConstructorOptions[]) (item.click as () => void)();
    expect(calls).toEqual(['about', 'logs']);
  });
});
