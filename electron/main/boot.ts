/**
 * The ONE boot sequence of the main process, in order: log file, crash handlers, single-instance lock,
 * app:// scheme, window hardening; then, once Electron is ready: menu, window (loading page), services
 * (the demo database is built on first start), IPC router + handlers (every contract channel checked) +
 * ipcMain bridge, renderer. Handlers are registered before the renderer loads, so its first calls find
 * them (Fiddle's rule); a build missing one is refused with the error page, never served.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, Menu, safeStorage, shell, type BrowserWindow } from 'electron';
import { trustedPublicKeys } from '../../model/keys/trusted-keys.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import { menuTemplate } from './app-menu.js';
import { exportKeyArgument, resolveAppPaths, type AppPaths } from './app-paths.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { MissingHandlersError, channelsWithoutHandler } from './channel-coverage.js';
import { registerForwarders, startDataWorker, type DataWorker } from './data-worker/client.js';
import { appDatabaseKey, exportAppDatabaseKey } from './database-key-store.js';
import { createElectronDesktop } from './electron-desktop.js';
import { installFatalErrorHandlers, showFatalError } from './fatal-errors.js';
import { installWindowHardening } from './harden-window.js';
import { createIpcRouter, trustedSender } from './ipc-handle.js';
import { bridgeIpcMain } from './ipc-main-bridge.js';
import { setupLogging, type AppLogger } from './logging.js';
import { createMainWindow } from './main-window.js';
import { APP_ENTRY_URL } from './security.js';
import { loadingPageUrl } from './status-pages.js';

const CANNOT_START = 'Octroi ne peut pas démarrer / Octroi cannot start';

/** Where the app's files are. */
export interface BootOptions {
  /** The folder holding dist-electron/ and renderer/dist: the repository in development, app.asar when packaged. */
  appRoot: string;
}

/** Starts the desktop app. */
export function boot(options: BootOptions): void {
  const logger = setupLogging();
  let mainWindow: BrowserWindow | null = null;
  let services: DataWorker | null = null;
  let modelVersion = '—';
  let disposeBridge: () => void = () => undefined;
  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  installFatalErrorHandlers(logger, getWindow);

  // One instance per user session: two would share (and fight over) one database file and one window state.
  if (!app.requestSingleInstanceLock()) {
    logger.info('another instance is already running: it gets the focus, this one quits');
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // Every renderer sandboxed, even one created without our preferences.
  // https://www.electronjs.org/docs/latest/tutorial/sandbox#enabling-the-sandbox-globally
  app.enableSandbox();
  registerAppScheme();
  installWindowHardening({ isPackaged: app.isPackaged, logger });

  let paths: AppPaths;
  try {
    paths = resolveAppPaths({
      argv: process.argv,
      env: process.env,
      isPackaged: app.isPackaged,
      userData: app.getPath('userData'),
      resourcesPath: process.resourcesPath,
      appRoot: options.appRoot,
    });
  } catch (error) {
    logger.error('bad command line', { error: String(error) });
    showFatalError(CANNOT_START, error, logger, null);
    app.exit(2);
    return;
  }
  logger.info('Octroi starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    packaged: app.isPackaged,
    db: paths.dbPath,
    dbSource: paths.dbSource,
    model: paths.modelPath,
    trustedKeys: process.env.OCTROI_TRUSTED_KEYS ? 'OCTROI_TRUSTED_KEYS' : app.isPackaged ? 'machine folder' : 'machine folder, else the DEMO key',
  });

  // A single-window app: closing the window quits (on macOS too), so the database is always closed cleanly.
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !services) return;
    event.preventDefault();
    closing = true;
    disposeBridge();
    const open = services;
    services = null;
    open
      .close()
      .catch((error: unknown) => logger.error('closing the services failed', { error: String(error) }))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => start(paths, logger))
    .catch((error: unknown) => {
      logger.error('start-up failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      showFatalError(CANNOT_START, error, logger, getWindow());
    });

  async function start(paths: AppPaths, logger: AppLogger): Promise<void> {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          isPackaged: app.isPackaged,
          platform: process.platform,
          showAbout: () => void showAbout(paths),
          openLogsFolder: () => {
            const folder = logger.folder();
            if (folder) void shell.openPath(folder);
          },
        }),
      ),
    );
    const window = createMainWindow({
      preloadPath: paths.preloadPath,
      userData: app.getPath('userData'),
      isPackaged: app.isPackaged,
      onStateSaveError: (error) => logger.warn('window state not saved', { error: String(error) }),
    });
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    await window.loadURL(loadingPageUrl(null));

    if (!fs.existsSync(path.join(paths.rendererDir, 'index.html'))) {
      throw new Error(`The user interface is missing from this build (${path.join(paths.rendererDir, 'index.html')}). Build it with npm run build:renderer.`);
    }
    // The database key (safeStorage is usable once Electron is ready) and the model keys: database-key-store.ts, trusted-keys.ts.
    const dbKey = appDatabaseKey({ dbPath: paths.dbPath, env: process.env, storage: safeStorage });
    logger.info('database key', { source: dbKey.source, file: dbKey.file, created: dbKey.created });
    const exportKeyTo = exportKeyArgument(process.argv);
    if (exportKeyTo) {
      exportAppDatabaseKey(dbKey, paths.dbPath, exportKeyTo);
      logger.info('database key exported for IT', { to: exportKeyTo });
      app.quit();
      return;
    }
    // An installed app never trusts the DEMO key; with no key deployed the list is empty and the app opens with scoring disabled.
    const trustedKeys = trustedPublicKeys({ mode: app.isPackaged ? 'production' : 'development' });
    // The database, the model and every handler run in the data worker: this thread only routes.
    const opened = await startDataWorker({
      services: { dbPath: paths.dbPath, key: dbKey.key, modelPath: paths.modelPath, trustedKeys },
      // The bundled worker cannot ask Electron where the shipped model is: it is told.
      env: { ...process.env, OCTROI_SHIPPED_MODEL: SHIPPED_MODEL_PATH },
      logger,
      onStage: (stage) => {
        logger.info('demo database', { stage });
        getWindow()?.loadURL(loadingPageUrl(stage)).catch(() => undefined);
      },
    });
    if (!getWindow() || closing) {
      // The window was closed while the services opened: nothing to serve.
      await opened.close();
      logger.info('window closed during start-up: services closed again, nothing served');
      return;
    }
    services = opened;
    const started = opened.opened;
    modelVersion = started.modelVersion;
    logger.info('services open', { createdDemo: started.createdDemo, model: started.modelVersion, decisionLogIntact: started.auditAtStart.ok });
    for (const warning of started.warnings) logger.warn(warning);
    if (started.scoringDisabled) logger.warn(`scoring disabled: ${started.scoringDisabled}`);
    if (!started.auditAtStart.ok) logger.error('the decision log chain did not verify at start', { entries: started.auditAtStart.entries });
    opened.setDesktop(createElectronDesktop(getWindow, logger));

    const router = createIpcRouter({
      // Only the main frame of our window, at app://octroi/ (the loading and error pages are data: URLs: refused).
      isTrustedSender: trustedSender({ appUrl: APP_ENTRY_URL, isOurWebContents: (id) => getWindow()?.webContents.id === id }),
      logger,
    });
    const channels = registerForwarders(router, opened);
    const missing = channelsWithoutHandler(channels);
    if (missing.length > 0) {
      // Nothing is bridged or served: the error page (start's caller) says it, the log names the channels.
      logger.error('IPC: contract channels without a handler; the app is not served', { missing });
      throw new MissingHandlersError(missing);
    }
    disposeBridge = bridgeIpcMain(ipcMain, router);
    logger.info('IPC handlers registered', { channels: channels.length });

    await serveRenderer(paths.rendererDir, logger);
    await window.loadURL(APP_ENTRY_URL);
  }

  async function showAbout(paths: AppPaths): Promise<void> {
    if (services) modelVersion = (await services.status()).modelVersion;
    const window = getWindow();
    const options: Electron.MessageBoxOptions = {
      type: 'info',
      title: 'Octroi',
      message: `Octroi ${app.getVersion()}`,
      detail: [
        `Modèle / model: ${modelVersion}`,
        `Base / database: ${paths.dbPath}`,
        `Journal / log: ${logger.file() ?? '—'}`,
        `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
      ].join('\n'),
    };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  }
}
