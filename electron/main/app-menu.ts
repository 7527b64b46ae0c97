/**
 * The application menu as data (Electron's MenuItemConstructorOptions; type-only import, so tests check
 * it in Node): File (quit), Edit (the standard roles, so copy/paste work in forms), View (reload, zoom;
 * DevTools only in development), Help (about, open the logs folder).
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do (main supplies them). */
export interface MenuActions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  showAbout(): void;
  openLogsFolder(): void;
}

/** The menu template for Menu.buildFromTemplate. */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = actions.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  // DevTools give full control of the page and its IPC bridge: never in a packaged build.
  if (!actions.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'Fichier', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Quitter' }] },
    {
      label: 'Édition',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: 'Affichage', submenu: view },
    {
      label: 'Aide',
      submenu: [
        { label: 'À propos d’Octroi', click: () => actions.showAbout() },
        { label: 'Ouvrir le dossier des journaux', click: () => actions.openLogsFolder() },
      ],
    },
  ];
}
