/**
 * app-protocol.ts against the electron stand-in: app:// is declared privileged before ready (standard and
 * secure, nothing more), and the registered handler answers real fetch Requests the way the page would
 * get them: the renderer's files with the CSP header, every refusal (traversal, encoded traversal,
 * unknown file, wrong method or host) without a byte of what was asked, and logged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { app, electron, protocol } from '../support/electron-stand-in.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/app-request.js';
import { registerAppScheme, serveRenderer } from '../../electron/main/app-protocol.js';

const INDEX = '<!doctype html><title>Octroi</title>';
let base: string;
let rendererDir: string;
const warnings: Array<{ message: string; details?: Record<string, unknown> }> = [];
const logger = { warn: (message: string, details?: Record<string, unknown>) => warnings.push({ message, details }), error: () => undefined };

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-app-protocol-'));
  rendererDir = path.join(base, 'renderer', 'dist');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'export const x = 1;');
  fs.writeFileSync(path.join(base, 'renderer', 'secret.txt'), 'client data');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
beforeEach(() => {
  electron.reset();
  warnings.length = 0;
});

describe('registerAppScheme', () => {
  it('declares app:// standard and secure (with fetch), before ready; not CORS-enabled, no CSP bypass', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('cannot be called after ready (Electron refuses it): boot calls it first', () => {
    app.becomeReady();
    expect(() => registerAppScheme()).toThrow(/before app is ready/);
  });
});

describe('serveRenderer', () => {
  beforeEach(async () => {
    app.becomeReady();
    await serveRenderer(rendererDir, logger);
  });

  it('serves index.html for / and the renderer’s files, each with the CSP and the other security headers', async () => {
    for (const url of ['app://octroi/', 'app://octroi/index.html']) {
      const response = await protocol.fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toBe(INDEX);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = await protocol.fetch('app://octroi/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const x = 1;');
  });

  it('answers HEAD without a body', async () => {
    const response = await protocol.fetch('app://octroi/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['app://octroi/../secret.txt', 404],
    ['app://octroi/%2e%2e/secret.txt', 404],
    ['app://octroi/..%2fsecret.txt', 403],
    ['app://octroi/assets/..%2F..%2Fsecret.txt', 403],
    ['app://octroi/..%5csecret.txt', 400],
    ['app://octroi/%00index.html', 400],
    ['app://octroi/%E0%A4%A', 400],
    ['app://octroi/missing.js', 404],
    ['app://octroi/assets', 404],
    ['app://other/index.html', 403],
    ['app://octroi:8080/index.html', 403],
  ])('refuses %s (%i) with the CSP header and without the file, and logs why', async (url, status) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: 'app protocol: request refused', details: { status } });
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await protocol.fetch('app://octroi/index.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });

  it('registers the handler once: a second serveRenderer fails as Electron does', async () => {
    await expect(serveRenderer(rendererDir, logger)).rejects.toThrow(/register protocol/);
  });
});

describe('serveRenderer before the renderer is built', () => {
  it('fails (boot shows the error page) when the folder does not exist', async () => {
    app.becomeReady();
    await expect(serveRenderer(path.join(base, 'no-such-dist'), logger)).rejects.toThrow(/ENOENT/);
    expect(protocol.isProtocolHandled('app')).toBe(false);
  });
});
