/**
 * A small stand-in for the `electron` module, so the shell's Electron-only files (boot, harden-window,
 * app-protocol, fatal-errors, logging, main-window, electron-desktop, the preload) run in plain Node
 * (no Electron binary on the build machines). The idea is electron/fiddle's tests/mocks/electron.ts:
 * fake objects with real event emitters that record every call, in order, in one journal (`journal`),
 * so a test can assert what was called *and when* (lock before window, handlers before the page).
 *
 * Where Electron enforces an order, the stand-in enforces it too (throws like Electron does): no window,
 * protocol handler or permission handler before `ready`; no privileged scheme or sandbox switch after it;
 * one ipcMain handler per channel.
 *
 * Use it in a test file with
 *   vi.mock('electron', () => import('../support/electron-stand-in.js'));
 *   import { electron } from '../support/electron-stand-in.js';
 * and `electron.reset()` in beforeEach. Loading this module also puts it in Node's CommonJS cache under
 * the `electron` package's path, so CommonJS dependencies (electron-log's main entry) get it too: they
 * would otherwise load the real package, which tries to download the Electron binary.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** One recorded call: which API (e.g. "app.requestSingleInstanceLock"), with which arguments. */
export interface JournalEntry {
  api: string;
  args: unknown[];
}

/** The ordered record of every call made to the stand-in since the last reset. */
export const journal: JournalEntry[] = [];

function record(api: string, ...args: unknown[]): void {
  journal.push({ api, args });
}

/** The event object Electron passes to will-navigate, will-redirect, will-attach-webview…: records preventDefault. */
export class ElectronEvent {
  defaultPrevented = false;
  constructor(readonly fields: { url?: string; isMainFrame?: boolean } = {}) {}
  get url(): string {
    return this.fields.url ?? '';
  }
  get isMainFrame(): boolean {
    return this.fields.isMainFrame ?? true;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type WindowOpenHandler = (details: { url: string; frameName?: string; disposition?: string }) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

/** A webContents: an event emitter with the methods the shell calls. */
export class WebContentsStandIn extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  devToolsOpen = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** What webContents.send sent, in order. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    record('webContents.setWindowOpenHandler', this.id);
    this.windowOpenHandler = handler;
  }
  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    record('webContents.closeDevTools', this.id);
    this.devToolsOpen = false;
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', channel, ...args);
    this.sent.push({ channel, args });
  }
  async printToPDF(options: unknown): Promise<Buffer> {
    record('webContents.printToPDF', options);
    if (electron.printToPdfDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, electron.printToPdfDelayMs));
    // A real page would render here; the bytes say which page was printed, so tests can check it.
    return Buffer.from(`%PDF-1.7 stand-in of ${this.url}`);
  }
}

/** The BrowserWindow constructor options the shell passes (what tests inspect). */
export type WindowOptions = Record<string, unknown> & { webPreferences?: Record<string, unknown> };

/** A BrowserWindow: records its options and every load; emits the window events the shell listens to. */
export class BrowserWindowStandIn extends EventEmitter {
  static readonly windows: BrowserWindowStandIn[] = [];

  static getAllWindows(): BrowserWindowStandIn[] {
    return BrowserWindowStandIn.windows.filter((window) => !window.destroyed);
  }
  static fromWebContents(contents: unknown): BrowserWindowStandIn | null {
    return BrowserWindowStandIn.getAllWindows().find((window) => window.webContents === contents) ?? null;
  }

  readonly webContents = new WebContentsStandIn();
  /** Every URL loaded, in order (loadFile as a file: URL). */
  readonly loads: string[] = [];
  visible: boolean;
  minimized = false;
  maximized = false;
  focused = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: WindowOptions = {}) {
    super();
    if (!electron.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    record('new BrowserWindow', options);
    this.visible = options.show !== false;
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    BrowserWindowStandIn.windows.push(this);
    app.emit('web-contents-created', new ElectronEvent(), this.webContents);
    app.emit('browser-window-created', new ElectronEvent(), this);
  }

  async loadURL(url: string): Promise<void> {
    record('window.loadURL', url);
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.loads.push(url);
    this.webContents.url = url;
  }
  async loadFile(file: string): Promise<void> {
    record('window.loadFile', file);
    await this.loadURL(pathToFileURL(file).href);
  }
  /** The URL shown now. */
  currentUrl(): string {
    return this.webContents.url;
  }
  show(): void {
    record('window.show');
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    record('window.focus');
    this.focused = true;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    record('window.restore');
    this.minimized = false;
  }
  maximize(): void {
    record('window.maximize');
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Closing as a user does: 'close', then 'closed', then app 'window-all-closed' if it was the last one. */
  close(): void {
    if (this.destroyed) return;
    record('window.close');
    this.emit('close', new ElectronEvent());
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    record('window.destroy');
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindowStandIn.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

/** `app`: ready state, the single-instance lock, paths, quitting (with will-quit's preventDefault honoured). */
class AppStandIn extends EventEmitter {
  isPackaged = false;
  name = 'Octroi';
  private readyWaiters: Array<() => void> = [];

  whenReady(): Promise<void> {
    record('app.whenReady');
    if (electron.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return electron.ready;
  }
  /** Test control: Electron finished initialising. */
  becomeReady(): void {
    electron.ready = true;
    this.emit('ready');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return electron.singleInstanceLockFree;
  }
  enableSandbox(): void {
    record('app.enableSandbox');
    if (electron.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
  }
  getPath(name: string): string {
    const value = electron.paths[name];
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return this.name;
  }
  /** Quits as Electron does: before-quit, then will-quit (a listener may preventDefault), then quit. */
  quit(): void {
    record('app.quit');
    this.emit('before-quit', new ElectronEvent());
    const willQuit = new ElectronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    electron.quitted = true;
    this.emit('quit', new ElectronEvent(), 0);
  }
  exit(code = 0): void {
    record('app.exit', code);
    electron.exitCode = code;
  }
}

/** A Session: stores the permission handlers the shell installs, so tests can call them. */
class SessionStandIn {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaRequestHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;

  private requireReady(what: string): void {
    if (!electron.ready) throw new Error(`session.defaultSession.${what} before app is ready`);
  }
  setPermissionRequestHandler(handler: SessionStandIn['permissionRequestHandler']): void {
    this.requireReady('setPermissionRequestHandler');
    record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: SessionStandIn['permissionCheckHandler']): void {
    record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: SessionStandIn['devicePermissionHandler']): void {
    record('session.setDevicePermissionHandler');
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: SessionStandIn['displayMediaRequestHandler']): void {
    record('session.setDisplayMediaRequestHandler');
    this.displayMediaRequestHandler = handler;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** `protocol`: privileged schemes before ready, handlers after; `fetch` runs a registered handler on a real Request. */
class ProtocolStandIn {
  readonly privileged: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
    if (electron.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', scheme);
    if (!electron.ready) throw new Error('protocol.handle before app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** Test control: what the page would receive for `url` (a real fetch Request through the registered handler). */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

/** `ipcMain`: an emitter for on/send, plus handle/removeHandler with Electron's one-handler-per-channel rule. */
class IpcMainStandIn extends EventEmitter {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
  /** Test control: an invoke from the renderer, as Electron delivers it to the handler. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

/** `ipcRenderer` (the preload's side): invoke answers through `electron.rendererInvoke`. */
class IpcRendererStandIn extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer.invoke', channel, ...args);
    return Promise.resolve(electron.rendererInvoke(channel, ...args));
  }
  send(channel: string, ...args: unknown[]): void {
    record('ipcRenderer.send', channel, ...args);
  }
}

type DialogAnswer = { canceled: boolean; filePaths?: string[]; filePath?: string; response?: number };

/** `dialog`: records each dialog (with its parent window, if any) and answers from `electron.dialogAnswers`. */
const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
  async showMessageBox(...args: unknown[]): Promise<DialogAnswer> {
    record('dialog.showMessageBox', ...args);
    return electron.dialogAnswers.shift() ?? { canceled: false, response: 0 };
  },
  async showOpenDialog(...args: unknown[]): Promise<DialogAnswer> {
    record('dialog.showOpenDialog', ...args);
    return electron.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args: unknown[]): Promise<DialogAnswer> {
    record('dialog.showSaveDialog', ...args);
    return electron.dialogAnswers.shift() ?? { canceled: true };
  },
};

/** `Menu`: the built template is kept as is. */
const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    record('Menu.buildFromTemplate', template);
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    record('Menu.setApplicationMenu', menu);
    electron.applicationMenu = menu;
  },
};

/** `shell`: what would have been handed to the operating system. */
const shell = {
  async openExternal(url: string): Promise<void> {
    record('shell.openExternal', url);
  },
  async openPath(folder: string): Promise<string> {
    record('shell.openPath', folder);
    return '';
  },
};

type Rect = { x: number; y: number; width: number; height: number };

/** `screen`: the displays of `electron.workAreas` (the first is the primary). */
const screen = {
  getPrimaryDisplay(): { workArea: Rect } {
    return { workArea: electron.workAreas[0]! };
  },
  getAllDisplays(): Array<{ workArea: Rect }> {
    return electron.workAreas.map((workArea) => ({ workArea }));
  },
};

/** `contextBridge`: what the preload exposed, by key. */
const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    record('contextBridge.exposeInMainWorld', key, api);
    if (key in electron.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    electron.exposed[key] = api;
  },
};

/**
 * `safeStorage`: strings wrapped with AES-256-GCM under a key of this process, as the OS keystore would
 * wrap them under the account's; `electron.secureStorage` says whether it is available and its backend.
 */
const osKey = randomBytes(32);
const safeStorage = {
  isEncryptionAvailable: (): boolean => electron.secureStorage.available,
  getSelectedStorageBackend: (): string => electron.secureStorage.backend,
  encryptString(plainText: string): Buffer {
    record('safeStorage.encryptString');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', osKey, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    record('safeStorage.decryptString');
    const decipher = createDecipheriv('aes-256-gcm', osKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  },
};

export const app = new AppStandIn();
export const BrowserWindow = BrowserWindowStandIn;
export const protocol = new ProtocolStandIn();
export const session = { defaultSession: new SessionStandIn() };
export const ipcMain = new IpcMainStandIn();
export const ipcRenderer = new IpcRendererStandIn();
export const webContents = {
  getAllWebContents: () => BrowserWindowStandIn.getAllWindows().map((window) => window.webContents),
  fromId: (id: number) => BrowserWindowStandIn.getAllWindows().find((window) => window.webContents.id === id)?.webContents,
};
export { contextBridge, dialog, Menu, safeStorage, screen, shell };

/** The test controls and the state of the stand-in. */
export const electron = {
  ready: false,
  quitted: false,
  exitCode: null as number | null,
  /** What requestSingleInstanceLock answers (false: another instance holds it). */
  singleInstanceLockFree: true,
  /** app.getPath answers (userData, documents, logs…); unknown names throw, as in Electron. */
  paths: {} as Record<string, string>,
  /** The work areas of the displays, the primary first. */
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] as Rect[],
  /** Answers of the next dialogs, in order (otherwise: cancelled). */
  dialogAnswers: [] as DialogAnswer[],
  /** A delay before printToPDF answers (to test timeouts). */
  printToPdfDelayMs: 0,
  /** How main answers the preload's ipcRenderer.invoke. */
  rendererInvoke: (() => undefined) as (channel: string, ...args: unknown[]) => unknown,
  applicationMenu: null as unknown,
  /** contextBridge.exposeInMainWorld's objects, by key. */
  exposed: {} as Record<string, unknown>,
  /** What safeStorage says of the OS keystore. */
  secureStorage: { available: true, backend: 'gnome_libsecret' },
  /** Every window created since the last reset. */
  get windows(): BrowserWindowStandIn[] {
    return BrowserWindowStandIn.windows;
  },
  /** The calls recorded under `api`, in order. */
  calls(api: string): unknown[][] {
    return journal.filter((entry) => entry.api === api).map((entry) => entry.args);
  },
  /** Where the first call to `api` (optionally with first argument `arg`) stands in the journal; -1 if never. */
  indexOf(api: string, arg?: unknown): number {
    return journal.findIndex((entry) => entry.api === api && (arg === undefined || entry.args[0] === arg));
  },
  /** Everything back to a fresh, not-yet-ready Electron. */
  reset(): void {
    journal.length = 0;
    electron.ready = false;
    electron.quitted = false;
    electron.exitCode = null;
    electron.singleInstanceLockFree = true;
    electron.paths = {};
    electron.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    electron.dialogAnswers = [];
    electron.secureStorage = { available: true, backend: 'gnome_libsecret' };
    electron.printToPdfDelayMs = 0;
    electron.rendererInvoke = () => undefined;
    electron.applicationMenu = null;
    electron.exposed = {};
    BrowserWindowStandIn.windows.length = 0;
    app.removeAllListeners();
    app.isPackaged = false;
    protocol.privileged.length = 0;
    protocol.handlers.clear();
    session.defaultSession = new SessionStandIn();
    ipcMain.removeAllListeners();
    ipcMain.handlers.clear();
    ipcRenderer.removeAllListeners();
  },
};

/**
 * The module as CommonJS code of the main process sees it (require('electron')): main-process APIs only,
 * as in Electron (electron-log initialises its renderer half when it finds ipcRenderer).
 */
const electronModule = { app, BrowserWindow, protocol, session, ipcMain, webContents, dialog, Menu, screen, shell };

// Node's CommonJS cache under the real package's path: electron-log's require('electron') gets the stand-in.
const require = createRequire(import.meta.url);
const electronPackage = require.resolve('electron');
require.cache[electronPackage] = { id: electronPackage, filename: electronPackage, loaded: true, exports: electronModule } as unknown as NodeJS.Module;
