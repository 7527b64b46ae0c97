/**
 * preload.ts against the electron stand-in: loading it exposes exactly one object, `window.octroi`, with
 * one verb per contract channel and `on` — never ipcRenderer or a general invoke/send; each verb invokes
 * its own channel; answers outside the contract become 'internal'; event listeners get the payload only
 * (never Electron's event, whose `sender` is ipcRenderer itself) and can unsubscribe.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { electron, ElectronEvent, ipcRenderer } from '../support/electron-stand-in.js';
import { CHANNELS, splitChannel, type Api } from '../../electron/shared/contract.js';

let api: Api;
beforeAll(async () => {
  electron.reset();
  await import('../../electron/preload/preload.js');
  api = electron.exposed.octroi as Api;
});

/** Every value reachable from `root` (own properties, recursively). */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root !== 'object' && typeof root !== 'function') || root === null || seen.has(root)) return seen;
  seen.add(root);
  for (const key of Reflect.ownKeys(root)) reachable((root as Record<PropertyKey, unknown>)[key], seen);
  return seen;
}

describe('the preload', () => {
  it('exposes window.octroi and nothing else', () => {
    expect(Object.keys(electron.exposed)).toEqual(['octroi']);
    expect(electron.calls('contextBridge.exposeInMainWorld')).toHaveLength(1);
  });

  it('exposes one verb per contract channel and `on`, frozen, and no route to ipcRenderer', () => {
    const expected = new Map<string, string[]>();
    for (const channel of CHANNELS) {
      const { domain, action } = splitChannel(channel);
      expected.set(domain, [...(expected.get(domain) ?? []), action]);
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), 'on'].sort());
    for (const [domain, actions] of expected) {
      const verbs = (api as unknown as Record<string, Record<string, unknown>>)[domain]!;
      expect(Object.keys(verbs).sort(), domain).toEqual([...actions].sort());
      for (const action of actions) expect(typeof verbs[action]).toBe('function');
      expect(Object.isFrozen(verbs)).toBe(true);
    }
    expect(Object.isFrozen(api)).toBe(true);
    const values = reachable(api);
    expect(values.has(ipcRenderer)).toBe(false);
    for (const name of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']) expect(name in api, name).toBe(false);
  });

  it('a verb invokes its own channel with its request and resolves to main’s envelope', async () => {
    const answer = { ok: true, value: { clients: [] } };
    electron.rendererInvoke = (channel) => (channel === 'clients:search' ? answer : undefined);
    await expect(api.clients.search({ query: 'Dupont' })).resolves.toEqual(answer);
    expect(electron.calls('ipcRenderer.invoke').at(-1)).toEqual(['clients:search', { query: 'Dupont' }]);
  });

  it('an answer outside the contract, or a failed invoke, is an internal error, never a rejection', async () => {
    electron.rendererInvoke = () => ({ ok: true, value: { clients: 'all of them' } });
    await expect(api.clients.search({ query: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    electron.rendererInvoke = () => {
      throw new Error('main crashed');
    };
    await expect(api.auth.status({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('gives event listeners the payload only, drops payloads outside the contract, and unsubscribes', () => {
    const received: unknown[] = [];
    const unsubscribe = api.on('import:progress', (payload) => received.push(payload));
    const payload = {
      importId: '2b1f9a3c-5d4e-4f60-8a7b-9c0d1e2f3a4b',
      phase: 'hashing',
      file: 'bureau.csv',
      table: 'bureau',
      fileIndex: 0,
      fileCount: 1,
      bytesRead: 0,
      bytesTotal: 10,
      rowsRead: 0,
      message: null,
    };
    const event = Object.assign(new ElectronEvent(), { sender: ipcRenderer });
    ipcRenderer.emit('import:progress', event, payload);
    ipcRenderer.emit('import:progress', event, { ...payload, phase: 'exploded' });
    expect(received).toEqual([payload]);
    expect(ipcRenderer.listenerCount('import:progress')).toBe(1);
    unsubscribe();
    unsubscribe();
    expect(ipcRenderer.listenerCount('import:progress')).toBe(0);
    ipcRenderer.emit('import:progress', event, payload);
    expect(received).toHaveLength(1);
  });

  it('cannot subscribe to a channel that is not an event of the contract', () => {
    expect(() => (api.on as (event: string, listener: () => void) => void)('clients:search', () => undefined)).toThrow(/not an event channel/);
    expect(ipcRenderer.listenerCount('clients:search')).toBe(0);
  });
});
