/**
 * The preload's ApiTransport over ipcRenderer: `invoke` for contract channels only, `subscribe` for event
 * channels only. The listener gets the payload alone, never Electron's IpcRendererEvent (whose `sender`
 * is ipcRenderer itself: handing it to the page would hand over the raw IPC). No runtime `electron`
 * import: preload.ts passes ipcRenderer in, tests pass an EventEmitter.
 */
import type { ApiTransport } from '../shared/contract-api.js';
import { isChannel, isEventChannel } from '../shared/contract.js';

/** The parts of Electron's ipcRenderer the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The transport createApi builds the exposed Api on. */
export function createIpcTransport(ipcRenderer: IpcRendererLike): ApiTransport {
  return {
    invoke(channel, request) {
      // createApi only calls contract channels; the check keeps this function from ever being a general invoke.
      if (!isChannel(channel)) return Promise.reject(new Error('not a channel of the contract'));
      return ipcRenderer.invoke(channel, request);
    },
    subscribe(event, listener) {
      if (!isEventChannel(event)) throw new Error('not an event channel of the contract');
      // One wrapper per subscription: unsubscribing removes exactly this listener, and only once.
      const wrapper = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(event, wrapper);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(event, wrapper);
      };
    },
  };
}
