import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppRequest } from '../../electron/main/app-request.js';

let base: string;
let root: string;
beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-app-request-')));
  root = path.join(base, 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Octroi</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'my file.css'), 'body{}');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'client data');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  fs.symlinkSync(base, path.join(root, 'up'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('resolveAppRequest', () => {
  it('serves index.html for / and files of the renderer with their content type', async () => {
    expect(await resolveAppRequest(root, 'app://octroi/', 'GET')).toEqual({ status: 200, file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(await resolveAppRequest(root, 'app://octroi/assets/index-abc.js', 'GET')).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8' });
    expect(await resolveAppRequest(root, 'app://octroi/assets/my%20file.css?v=1#x', 'HEAD')).toMatchObject({ status: 200, file: path.join(root, 'assets', 'my file.css') });
  });

  it.each([
    ['app://octroi/../secret.txt', 'dot segments (removed by URL parsing: stays in the root, no such file)'],
    ['app://octroi/%2e%2e/secret.txt', 'encoded dot segments'],
    ['app://octroi/assets/%2E%2E/%2E%2E/secret.txt', 'encoded upper-case dot segments'],
    ['app://octroi/..%2fsecret.txt', 'encoded slash'],
    ['app://octroi/..%2F..%2F..%2Fetc%2Fpasswd', 'encoded slashes to /etc/passwd'],
    ['app://octroi/%2Fetc%2Fpasswd', 'encoded absolute path'],
    ['app://octroi/assets/link.txt', 'symbolic link to a file outside'],
    ['app://octroi/up/secret.txt', 'symbolic link to a folder outside'],
  ])('never serves a file outside the renderer: %s (%s)', async (url) => {
    const decision = await resolveAppRequest(root, url, 'GET');
    expect(decision.status).not.toBe(200);
  });

  it.each([
    ['app://octroi/..%5Csecret.txt', 400],
    ['app://octroi/index.html%00.js', 400],
    ['app://octroi/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['app://octroi.evil/index.html', 403],
    ['app://user@octroi/index.html', 403],
    ['https://octroi/index.html', 403],
    ['file:///etc/passwd', 403],
    ['app://octroi/assets', 404],
    ['app://octroi/missing.js', 404],
    ['not a url', 400],
  ])('%s → %i', async (url, status) => {
    expect((await resolveAppRequest(root, url, 'GET')).status).toBe(status);
  });

  it('allows only GET and HEAD', async () => {
    expect((await resolveAppRequest(root, 'app://octroi/', 'POST')).status).toBe(405);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is strict: own scripts only, no eval, no plugins, no framing, no base tag', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('connect-src')).toBe("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });
});
