/**
 * The preload of the main window: exposes the contract's verbs as `window.octroi` through contextBridge,
 * and nothing else (never ipcRenderer itself). Runs sandboxed, so it is bundled into one CommonJS file
 * whose only require() is 'electron' (build/build-electron.mjs).
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../shared/contract-api.js';
import type { Api } from '../shared/contract.js';
import { createIpcTransport } from './ipc-transport.js';

const api = createApi(createIpcTransport(ipcRenderer)) satisfies Api;

contextBridge.exposeInMainWorld('octroi', api);
