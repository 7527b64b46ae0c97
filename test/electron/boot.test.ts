/**
 * The boot sequence (boot.ts) against the electron stand-in, with the real services: a small synthetic
 * demo database, the shipped model, the real handlers, electron-log writing its file. Checks the order
 * that matters (single-instance lock before any window; sandbox, app:// scheme and hardening before
 * ready; every contract channel handled before the page loads), the second instance, the refusal of a
 * build missing a handler, and that a failed start shows the error page (never a white window) and logs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

/** Fault injection for the channel check: main's forwarders to the data worker leave out this channel when set. */
const fault = vi.hoisted(() => ({ skip: null as string | null }));
vi.mock('../../electron/main/data-worker/client.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/main/data-worker/client.js')>();
  return {
    ...actual,
    registerForwarders: (router: Parameters<typeof actual.registerForwarders>[0], worker: Parameters<typeof actual.registerForwarders>[1]) =>
      actual.registerForwarders(fault.skip === null ? router : { ...router, handle: (channel, handler) => (channel === fault.skip ? undefined : router.handle(channel, handler)) }, worker),
  };
});

import { app, electron, ipcMain, protocol, type BrowserWindowStandIn } from '../support/electron-stand-in.js';
import { dataPageText, isErrorPage } from '../support/data-page.js';
import { tempDir } from '../support/paths.js';
import log from 'electron-log/main';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { buildDemoDatabase } from '../../demo/demo-database.js';
import { demoKeyPath } from '../../demo/demo-database-key.js';
import { boot } from '../../electron/main/boot.js';
import { APP_ENTRY_URL } from '../../electron/main/security.js';
import { CHANNELS } from '../../electron/shared/contract.js';
import { DEMO_PUBLIC_KEY_PATH, demoKeyId, machineTrustedKeysDir } from '../../model/keys/trusted-keys.js';

const INDEX = '<!doctype html><title>Octroi</title>';
let base: string;
let appRoot: string;
let demoDb: string;
let userData: string;
let logOffset: number;
/** The file electron-log writes (it settles its folder on first use: the first test's <userData>/logs). */
const logFile = () => log.transports.file.getFile().path;

beforeAll(async () => {
  base = tempDir('octroi-boot-');
  appRoot = path.join(base, 'app');
  fs.mkdirSync(path.join(appRoot, 'renderer', 'dist'), { recursive: true });
  fs.writeFileSync(path.join(appRoot, 'renderer', 'dist', 'index.html'), INDEX);
  demoDb = path.join(base, 'demo.db');
  await buildDemoDatabase(demoDb, { clients: 60, seed: 3, activity: false });
}, 120_000);
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

let processHandlers: Map<string, unknown>;
// Each test an hour after the previous one (Date only): fatal-errors' one-dialog-per-10-s never carries over.
let clock = Date.UTC(2026, 11, 7, 9);
beforeEach(() => {
  electron.reset();
  clock += 3_600_000;
  vi.setSystemTime(clock);
  fault.skip = null;
  userData = fs.mkdtempSync(path.join(base, 'userData-'));
  // The database where the app looks first (<userData>/octroi.db): a copy of the small demo database.
  fs.copyFileSync(demoDb, path.join(userData, 'octroi.db'));
  electron.paths = { userData, logs: path.join(userData, 'logs'), documents: userData };
  vi.stubEnv('OCTROI_DB', '');
  // The demo database is encrypted with the DEMO key beside it: IT's key-file route gives it to the app.
  vi.stubEnv('OCTROI_DB_KEY_FILE', demoKeyPath(demoDb));
  vi.stubEnv('OCTROI_MODEL', SHIPPED_MODEL);
  vi.stubEnv('OCTROI_TRUSTED_KEYS', '');
  vi.stubEnv('NODE_ENV', 'production');
  // main's process-level handlers are kept, not installed: the test runner's own stay in charge.
  processHandlers = new Map();
  const on = process.on.bind(process);
  vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (...args: unknown[]) => void) => {
    if (event === 'uncaughtException' || event === 'unhandledRejection') processHandlers.set(event, listener);
    else on(event, listener);
    return process;
  }) as typeof process.on);
  logOffset = fs.existsSync(logFile()) ? fs.statSync(logFile()).size : 0;
});
afterEach(async () => {
  // Quit as the user would: will-quit closes the services, then the app quits.
  if (!electron.quitted && electron.exitCode === null) app.quit();
  await vi.waitFor(() => expect(electron.quitted || electron.exitCode !== null).toBe(true), { timeout: 30_000, interval: 20 });
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** What this test wrote to the log file. */
const logSinceStart = () => (fs.existsSync(logFile()) ? fs.readFileSync(logFile(), 'utf8').slice(logOffset) : '');

/** Boots, makes Electron ready, and waits until the window shows the app or the error page. */
async function bootAndWait(): Promise<BrowserWindowStandIn> {
  boot({ appRoot });
  app.becomeReady();
  await vi.waitFor(
    () => {
      const url = electron.windows[0]?.currentUrl();
      expect(url === APP_ENTRY_URL || isErrorPage(url)).toBe(true);
    },
    { timeout: 60_000, interval: 20 },
  );
  return electron.windows[0]!;
}

/** Runs the next boot as an installed app: packaged, with its resources folder (the model is OCTROI_MODEL's). */
function asInstalledApp(): void {
  app.isPackaged = true;
  const resources = process as { resourcesPath?: string };
  const before = resources.resourcesPath;
  resources.resourcesPath = path.join(appRoot, 'resources');
  onTestFinished(() => {
    resources.resourcesPath = before;
  });
}

/** An invoke from the given frame of `window`, through ipcMain as Electron delivers it. */
const invokeFrom = (window: BrowserWindowStandIn, frameUrl: string, channel: string, request: unknown) =>
  ipcMain.invoke(channel, { sender: { id: window.webContents.id }, senderFrame: { url: frameUrl, parent: null } }, request);

describe('boot', () => {
  it('starts in order: lock, sandbox, scheme and hardening before ready; every channel handled before the page loads', async () => {
    const window = await bootAndWait();
    expect(window.currentUrl()).toBe(APP_ENTRY_URL);
    const at = (api: string, arg?: unknown) => electron.indexOf(api, arg);

    // Before any window: the lock, then what Electron accepts only before ready (the stand-in throws otherwise).
    expect(at('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    expect(at('app.requestSingleInstanceLock')).toBeLessThan(at('app.enableSandbox'));
    expect(at('app.enableSandbox')).toBeLessThan(at('new BrowserWindow'));
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('new BrowserWindow'));
    expect(electron.calls('new BrowserWindow')).toHaveLength(1);
    expect(window.webContents.windowOpenHandler).not.toBeNull();

    // The window: secure preferences and the bundled preload, the loading page first, the menu set.
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(appRoot, 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(window.loads[0]!.startsWith('data:text/html')).toBe(true);
    expect(dataPageText(window.loads[0]!)).toContain('Préparation');
    expect(electron.applicationMenu).not.toBeNull();

    // Every channel of the contract has its ipcMain handler, and the app:// handler is in place, before the page.
    const pageLoad = at('window.loadURL', APP_ENTRY_URL);
    for (const channel of CHANNELS) {
      expect(at('ipcMain.handle', channel), channel).toBeGreaterThanOrEqual(0);
      expect(at('ipcMain.handle', channel), channel).toBeLessThan(pageLoad);
    }
    expect(at('protocol.handle', 'app')).toBeLessThan(pageLoad);
    expect(window.loads.at(-1)).toBe(APP_ENTRY_URL);

    // The permission handler of the default session is installed.
    expect(electron.calls('session.setPermissionRequestHandler')).toHaveLength(1);

    // The log says what started, where from, and how many channels.
    const written = logSinceStart();
    expect(written).toMatch(/\[info\]\s+Octroi starting/);
    expect(written).toContain(path.join(userData, 'octroi.db'));
    expect(written).toMatch(new RegExp(`IPC handlers registered \\{ channels: ${CHANNELS.length} \\}`));
  });

  it('serves the renderer and answers the page through the contract, and only the page', async () => {
    const window = await bootAndWait();
    const page = await protocol.fetch(APP_ENTRY_URL);
    expect(await page.text()).toBe(INDEX);
    const status = await invokeFrom(window, APP_ENTRY_URL, 'auth:status', {});
    expect(status).toMatchObject({ ok: true, value: { user: null, hasUsers: true } });
    // A sub-frame, another origin or a data: page (the loading/error pages) is refused.
    expect(await invokeFrom(window, 'https://evil.example/', 'auth:status', {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await invokeFrom(window, window.loads[0]!, 'auth:status', {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    // No client data before sign-in.
    expect(await invokeFrom(window, APP_ENTRY_URL, 'clients:list', { offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('Help › About names the version, the model, the database and the log; Help › Logs opens the logs folder', async () => {
    const window = await bootAndWait();
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const menu = (electron.applicationMenu as { template: Item[] }).template;
    const help = menu.find((item) => item.label === 'Aide')!.submenu!;
    help.find((item) => item.label === 'À propos d’Octroi')!.click!();
    // The model in use is asked of the data worker first: the dialog follows a moment later.
    await vi.waitFor(() => expect(electron.calls('dialog.showMessageBox')).toHaveLength(1));
    const [parent, about] = electron.calls('dialog.showMessageBox')[0]! as [unknown, { message: string; detail: string }];
    expect(parent).toBe(window);
    expect(about.message).toBe('Octroi 0.1.0');
    expect(about.detail).toMatch(/Modèle \/ model: \S+/);
    expect(about.detail).not.toContain('Modèle / model: —');
    expect(about.detail).toContain(`Base / database: ${path.join(userData, 'octroi.db')}`);
    expect(about.detail).toContain(`Journal / log: ${logFile()}`);
    help.find((item) => item.label === 'Ouvrir le dossier des journaux')!.click!();
    expect(electron.calls('shell.openPath')).toEqual([[path.dirname(logFile())]]);
  });

  it('a second start focuses the existing window (restored if minimised)', async () => {
    const window = await bootAndWait();
    window.minimize();
    window.hide();
    app.emit('second-instance', {}, ['octroi'], process.cwd());
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    expect(electron.calls('new BrowserWindow')).toHaveLength(1);
  });

  it('when another instance holds the lock: quits at once, before any window, scheme or handler', async () => {
    electron.singleInstanceLockFree = false;
    boot({ appRoot });
    expect(electron.quitted).toBe(true);
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.windows).toEqual([]);
    expect(electron.calls('protocol.registerSchemesAsPrivileged')).toEqual([]);
    expect(electron.calls('ipcMain.handle')).toEqual([]);
    expect(logSinceStart()).toContain('another instance is already running');
  });

  it('refuses to serve a build where a contract channel has no handler: error page, logged, nothing bridged', async () => {
    fault.skip = 'letters:exportPdf';
    const window = await bootAndWait();
    expect(isErrorPage(window.currentUrl())).toBe(true);
    const page = dataPageText(window.currentUrl());
    expect(page).toContain('Octroi ne peut pas démarrer / Octroi cannot start');
    expect(page).toContain('letters:exportPdf');
    expect(page).toContain('Install a complete build of Octroi');
    expect(window.loads).not.toContain(APP_ENTRY_URL);
    expect(electron.calls('ipcMain.handle')).toEqual([]);
    expect(electron.calls('protocol.handle')).toEqual([]);
    expect(electron.calls('dialog.showErrorBox')).toHaveLength(1);
    const written = logSinceStart();
    expect(written).toMatch(/\[error\]\s+IPC: contract channels without a handler; the app is not served \{ missing: \[ 'letters:exportPdf' \] \}/);
    expect(written).toMatch(/\[error\]\s+start-up failed/);
  });

  it('a model that fails its checks: the error page with the reason, the log with the details', async () => {
    const tampered = path.join(userData, 'model.onnx');
    const bytes = fs.readFileSync(SHIPPED_MODEL);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    fs.writeFileSync(tampered, bytes);
    fs.copyFileSync(`${SHIPPED_MODEL}.sig`, `${tampered}.sig`);
    vi.stubEnv('OCTROI_MODEL', tampered);
    const window = await bootAndWait();
    const page = dataPageText(window.currentUrl());
    expect(page).toContain('Octroi cannot start');
    expect(page).toMatch(/model/i);
    expect(page).not.toMatch(/\n\s+at /);
    expect(window.loads).not.toContain(APP_ENTRY_URL);
    expect(logSinceStart()).toMatch(/\[error\]\s+start-up failed/);
  });

  it('a development run trusts the DEMO key and says so; scoring works', async () => {
    const window = await bootAndWait();
    expect(await invokeFrom(window, APP_ENTRY_URL, 'auth:status', {})).toMatchObject({ ok: true, value: { demoKeyTrusted: true, scoringDisabled: null } });
    expect(logSinceStart()).not.toContain('scoring disabled');
  });

  it('an installed app with no trusted model key opens (no error page) and refuses to score, in words for IT, logged', async () => {
    // Nothing deployed: OCTROI_TRUSTED_KEYS is empty and this machine has no machine-wide key folder.
    expect(fs.existsSync(machineTrustedKeysDir())).toBe(false);
    asInstalledApp();
    const window = await bootAndWait();
    expect(window.currentUrl()).toBe(APP_ENTRY_URL);
    const message = `No trusted model key is installed on this workstation: IT must deploy the bank's public key in ${machineTrustedKeysDir()} or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then.`;
    expect(await invokeFrom(window, APP_ENTRY_URL, 'auth:status', {})).toMatchObject({
      ok: true,
      value: { user: null, demoKeyTrusted: false, scoringDisabled: { reason: 'no-trusted-key', folder: machineTrustedKeysDir(), keyId: null } },
    });
    const agent = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
    expect(await invokeFrom(window, APP_ENTRY_URL, 'auth:signIn', { username: agent.username, password: agent.password })).toMatchObject({ ok: true });
    expect(await invokeFrom(window, APP_ENTRY_URL, 'clients:get', { clientId: 100002 })).toMatchObject({ ok: true });
    expect(await invokeFrom(window, APP_ENTRY_URL, 'scoring:score', { clientId: 100002, lang: 'fr' })).toEqual({ ok: false, error: { code: 'scoring-disabled', message } });
    expect(logSinceStart()).toContain(`[warn]  scoring disabled: ${message}`);
    expect(electron.calls('dialog.showErrorBox')).toEqual([]);
  });

  it('an installed app never trusts the DEMO key: with the bank key deployed, the DEMO-signed model is refused the same way', async () => {
    const bankKey = path.join(userData, 'bank.pem');
    fs.writeFileSync(bankKey, crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    vi.stubEnv('OCTROI_TRUSTED_KEYS', [DEMO_PUBLIC_KEY_PATH, bankKey].join(path.delimiter));
    asInstalledApp();
    const window = await bootAndWait();
    expect(window.currentUrl()).toBe(APP_ENTRY_URL);
    expect(await invokeFrom(window, APP_ENTRY_URL, 'auth:status', {})).toMatchObject({
      ok: true,
      value: { demoKeyTrusted: false, scoringDisabled: { reason: 'demo-key-model', folder: machineTrustedKeysDir(), keyId: demoKeyId() } },
    });
    expect(logSinceStart()).toMatch(/scoring disabled: The model in use is signed with the DEMO key, which an installed Octroi never trusts/);
  });

  it('a build without its user interface: the error page says how to build it', async () => {
    fs.rmSync(path.join(appRoot, 'renderer', 'dist', 'index.html'));
    try {
      const window = await bootAndWait();
      expect(dataPageText(window.currentUrl())).toContain('The user interface is missing from this build');
      expect(dataPageText(window.currentUrl())).toContain('npm run build:renderer');
    } finally {
      fs.writeFileSync(path.join(appRoot, 'renderer', 'dist', 'index.html'), INDEX);
    }
  });

  it('a bad command line (--db without a path): a dialog saying so, exit code 2, no window', () => {
    const argv = process.argv;
    process.argv = [...argv, '--db'];
    try {
      boot({ appRoot });
    } finally {
      process.argv = argv;
    }
    expect(electron.exitCode).toBe(2);
    expect(electron.windows).toEqual([]);
    expect(electron.calls('dialog.showErrorBox')[0]![1]).toContain('--db needs a path to a database file');
  });

  it('the window closed while the services open: the app quits, nothing is served, the database is closed', async () => {
    boot({ appRoot });
    app.becomeReady();
    await vi.waitFor(() => expect(electron.windows[0]?.loads.length).toBe(1), { timeout: 30_000, interval: 5 });
    electron.windows[0]!.close();
    expect(electron.quitted).toBe(true);
    // The services finish opening, see there is no window, and close again (SQLite removes the WAL file
    // when its last connection closes).
    await vi.waitFor(() => expect(logSinceStart()).toContain('window closed during start-up: services closed again, nothing served'), { timeout: 30_000, interval: 20 });
    expect(fs.existsSync(path.join(userData, 'octroi.db-wal'))).toBe(false);
    expect(electron.calls('ipcMain.handle')).toEqual([]);
    expect(electron.calls('protocol.handle')).toEqual([]);
    expect(electron.windows[0]!.loads).toHaveLength(1);
  });

  it('quitting closes the services first, then quits', async () => {
    await bootAndWait();
    app.quit();
    expect(electron.quitted).toBe(false);
    await vi.waitFor(() => expect(electron.quitted).toBe(true), { timeout: 30_000, interval: 20 });
    expect(electron.calls('app.quit')).toHaveLength(2);
    const removed = electron.calls('ipcMain.removeHandler').map(([channel]) => channel);
    expect(removed.filter((channel) => (CHANNELS as string[]).includes(channel as string)).sort()).toEqual([...CHANNELS].sort());
  });
});
