import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createIpcTransport, type IpcRendererLike } from '../../electron/preload/ipc-transport.js';
import { createApi } from '../../electron/shared/contract-api.js';

const PROGRESS = {
  importId: '6f1c2a4e-8a41-4c1e-9a55-0d8e4b1f2c3d',
  phase: 'loading',
  file: 'application_train.csv',
  table: 'application',
  fileIndex: 0,
  fileCount: 1,
  bytesRead: 10,
  bytesTotal: 100,
  rowsRead: 2,
  message: null,
} as const;

/** ipcRenderer as Electron shapes it: events are emitted as (IpcRendererEvent, ...args). */
function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: IpcRendererLike & { emitter: EventEmitter; invoked: typeof invoked } = {
    emitter,
    invoked,
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: { importId: PROGRESS.importId } };
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  return ipc;
}

describe('createIpcTransport', () => {
  it('invokes contract channels with the request as the one argument', async () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(createIpcTransport(ipc));
    expect(await api.import.start({})).toEqual({ ok: true, value: { importId: PROGRESS.importId } });
    expect(ipc.invoked).toEqual([{ channel: 'import:start', args: [{}] }]);
  });

  it('refuses channels outside the contract', async () => {
    const transport = createIpcTransport(fakeIpcRenderer());
    await expect(transport.invoke('shell:openExternal' as never, {})).rejects.toThrow('not a channel of the contract');
    expect(() => transport.subscribe('import:start' as never, () => undefined)).toThrow('not an event channel');
  });

  it('passes the payload only (never the IpcRendererEvent) and unsubscribes exactly that listener', () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(createIpcTransport(ipc));
    const first: unknown[][] = [];
    const second: unknown[][] = [];
    const offFirst = api.on('import:progress', (...args) => void first.push(args));
    api.on('import:progress', (...args) => void second.push(args));
    const ipcRendererEvent = { sender: ipc, senderId: 0, ports: [] };
    ipc.emitter.emit('import:progress', ipcRendererEvent, PROGRESS);
    expect(first).toEqual([[PROGRESS]]);
    offFirst();
    offFirst();
    ipc.emitter.emit('import:progress', ipcRendererEvent, PROGRESS);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(2);
    expect(ipc.emitter.listenerCount('import:progress')).toBe(1);
  });

  it('drops event payloads outside the contract', () => {
    const ipc = fakeIpcRenderer();
    const seen: unknown[] = [];
    createApi(createIpcTransport(ipc)).on('import:progress', (payload) => void seen.push(payload));
    ipc.emitter.emit('import:progress', {}, { ...PROGRESS, phase: 'exploded' });
    expect(seen).toEqual([]);
  });
});
