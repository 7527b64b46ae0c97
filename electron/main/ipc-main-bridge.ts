/**
 * Connects the pure IPC router (ipc-handle.ts) to Electron's ipcMain: one ipcMain.handle per channel of
 * the contract, each forwarding to router.dispatch with the sender described from the event (frame URL,
 * main frame or not, webContents id). The router decides everything else (trusted sender, payload
 * validation, errors as data). No runtime `electron` import: ipcMain is passed in, so tests drive it in Node.
 */
import { CHANNELS, type Channel } from '../shared/contract.js';
import type { IpcRouter, SenderInfo } from './ipc-handle.js';

/** The parts of Electron's IpcMainInvokeEvent the sender description reads. */
export interface InvokeEventLike {
  sender: { id: number };
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  senderFrame: { url: string; parent: unknown } | null;
}

/** The parts of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * The sender of an invoke as the router expects it. A frame with a parent is a sub-frame (VS Code's
 * validatedIpcMain check); a missing frame gives an empty URL, which no trust predicate accepts.
 */
export function senderInfoOf(event: InvokeEventLike): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame && typeof frame.url === 'string' ? frame.url : '',
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

/**
 * Registers ipcMain.handle for every contract channel (implemented or not: the router answers
 * 'unknown-channel' for those without a handler, as data). Only the first argument of an invoke is the
 * request; extra arguments are ignored. Returns the function that removes the handlers again.
 */
export function bridgeIpcMain(ipcMain: IpcMainLike, router: IpcRouter): () => void {
  const channels: readonly Channel[] = CHANNELS;
  for (const channel of channels) {
    ipcMain.handle(channel, (event, request) => router.dispatch(channel, senderInfoOf(event), request));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
