import { describe, expect, it } from 'vitest';
import { createIpcRouter, trustedSender } from '../../electron/main/ipc-handle.js';
import { bridgeIpcMain, senderInfoOf, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc-main-bridge.js';
import { APP_ENTRY_URL } from '../../electron/main/security.js';
import { CHANNELS } from '../../electron/shared/contract.js';

const WINDOW_ID = 7;
const IMPORT_ID = '6f1c2a4e-8a41-4c1e-9a55-0d8e4b1f2c3d';

/** ipcMain as a map of handlers: what Electron does with handle/removeHandler. */
function fakeIpcMain(): IpcMainLike & { handlers: Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>> } {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
}

function setup() {
  const router = createIpcRouter({ isTrustedSender: trustedSender({ appUrl: APP_ENTRY_URL, isOurWebContents: (id) => id === WINDOW_ID }) });
  let calls = 0;
  router.handle('import:start', () => {
    calls++;
    return { importId: IMPORT_ID };
  });
  const ipcMain = fakeIpcMain();
  const dispose = bridgeIpcMain(ipcMain, router);
  const invoke = (event: InvokeEventLike, channel: string, ...args: unknown[]) => ipcMain.handlers.get(channel)!(event, ...args);
  return { ipcMain, dispose, invoke, calls: () => calls };
}

const fromWindow = (url = APP_ENTRY_URL, parent: unknown = null, id = WINDOW_ID): InvokeEventLike => ({ sender: { id }, senderFrame: { url, parent } });

describe('senderInfoOf', () => {
  it('describes the main frame, a sub-frame and a vanished frame', () => {
    expect(senderInfoOf(fromWindow())).toEqual({ frameUrl: APP_ENTRY_URL, isMainFrame: true, webContentsId: WINDOW_ID });
    expect(senderInfoOf(fromWindow(APP_ENTRY_URL, { url: APP_ENTRY_URL }))).toMatchObject({ isMainFrame: false });
    expect(senderInfoOf({ sender: { id: 3 }, senderFrame: null })).toEqual({ frameUrl: '', isMainFrame: false, webContentsId: 3 });
  });
});

describe('bridgeIpcMain', () => {
  it('registers every contract channel, and removes them all again', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers our window main frame at app://octroi/', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(fromWindow(), 'import:start', {})).toEqual({ ok: true, value: { importId: IMPORT_ID } });
    expect(calls()).toBe(1);
  });

  it.each([
    ['a sub-frame of our window', fromWindow(APP_ENTRY_URL, { url: APP_ENTRY_URL })],
    ['another webContents (e.g. the hidden PDF window)', fromWindow(APP_ENTRY_URL, null, 99)],
    ['a frame that vanished', { sender: { id: WINDOW_ID }, senderFrame: null }],
    ['our window navigated to a file: page', fromWindow('file:///tmp/x.html')],
    ['our window on a data: page (the loading page)', fromWindow('data:text/html,hello')],
    ['a look-alike host', fromWindow('app://octroi.evil/index.html')],
  ])('refuses %s without reaching the handler', async (_name, event) => {
    const { invoke, calls } = setup();
    expect(await invoke(event as InvokeEventLike, 'import:start', {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(calls()).toBe(0);
  });

  it('validates the payload (only the first argument is the request)', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(fromWindow(), 'import:start', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invoke(fromWindow(), 'import:start', {}, 'ignored')).toMatchObject({ ok: true });
    expect(calls()).toBe(1);
  });

  it('answers channels without a handler in this build as data', async () => {
    const { invoke } = setup();
    const other = CHANNELS.find((channel) => channel !== 'import:start')!;
    expect(await invoke(fromWindow(), other, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});
