/**
 * The browser preview's loopback server, over real HTTP on 127.0.0.1: a real handler answers through it
 * with the token (also through createApi + the preview transport); without the token, with a wrong one or
 * a foreign Host the router is never reached; method, size, JSON and path-traversal refusals; SSE events.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcRouter } from '../../electron/main/ipc-handle.js';
import { isPreviewSender, MAX_BODY_BYTES, startPreviewServer, type PreviewServer } from '../../electron/preview/preview-server.js';
import { createPreviewTransport, tokenFromFragment, type EventSourceLike } from '../../electron/preview/preview-transport.js';
import { createApi } from '../../electron/shared/contract-api.js';
import type { EventOf } from '../../electron/shared/contract.js';
import { tempDir } from '../support/paths.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request (fetch normalises "/../" away and will not let a test forge the Host header). */
function raw(port: number, method: string, requestPath: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may answer 413 and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    request.end(body);
  });
}

/** A minimal EventSource over fetch streaming (Node 20 has none), enough for the transport. */
class FetchEventSource implements EventSourceLike {
  private readonly listeners = new Map<string, Set<(event: { data: string }) => void>>();
  private readonly abort = new AbortController();
  constructor(url: string) {
    void fetch(url, { signal: this.abort.signal })
      .then(async (response) => {
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            const data: string[] = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length) for (const listener of this.listeners.get(type) ?? []) listener({ data: data.join('\n') });
          }
        }
      })
      .catch(() => undefined);
  }
  addEventListener(type: string, listener: (event: { data: string }) => void) {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }
  removeEventListener(type: string, listener: (event: { data: string }) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.abort.abort();
  }
}

const until = async (condition: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const progress = (rowsRead: number): EventOf<'import:progress'> => ({
  importId: '8b0f5a8e-2f4c-4c1e-9a57-3f1d2b6c7e90',
  phase: 'loading',
  file: 'application_train.csv',
  table: 'application',
  fileIndex: 0,
  fileCount: 1,
  bytesRead: rowsRead * 100,
  bytesTotal: 1_000_000,
  rowsRead,
  message: null,
});

describe('preview server', () => {
  let server: PreviewServer;
  let staticDir: string;
  const calls: unknown[] = [];
  const senders: unknown[] = [];

  beforeAll(async () => {
    const router = createIpcRouter({ isTrustedSender: isPreviewSender });
    // A real handler on a contract channel: its answer depends on the request, so the round trip is visible.
    router.handle('policy:setThreshold', (request, context) => {
      calls.push(request);
      senders.push(context.sender);
      return { previous: 0.1, threshold: request.threshold, changedBy: 'preview-test', changedAt: new Date(0).toISOString() };
    });
    const root = tempDir('octroi-preview-');
    staticDir = path.join(root, 'www');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Octroi</title>');
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1);');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the static folder');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(staticDir, 'link.txt'));
    server = await startPreviewServer({ router, staticDir });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}, channel = 'policy:setThreshold') =>
    raw(server.port, 'POST', `/ipc/${channel}`, { 'content-type': 'application/json', 'x-octroi-token': server.token, ...headers }, body);
  const valid = JSON.stringify({ threshold: 0.15, reason: 'committee' });

  it('listens on 127.0.0.1 only, with a 64-hex-digit token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.address).toBe('127.0.0.1');
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenFromFragment(new URL(server.pageUrl).hash)).toBe(server.token);
  });

  it('is not reachable over IPv6 loopback (bound to 127.0.0.1 only)', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const request = http.request({ host: '::1', port: server.port, path: '/', family: 6 }, (response) => {
        response.resume();
        resolve(null);
      });
      request.on('error', resolve);
      request.end();
    });
    expect(error?.code).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
  });

  it('refuses requests without the token, with a wrong one or a foreign Host before the router', async () => {
    const before = calls.length;
    const noToken = await post(valid, { 'x-octroi-token': '' });
    expect(noToken.status).toBe(403);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const wrong = server.token.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect((await post(valid, { 'x-octroi-token': wrong })).status).toBe(403);
    expect((await post(valid, { 'x-octroi-token': server.token.slice(1) })).status).toBe(403);
    expect((await post(valid, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await post(valid, { host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await post(valid, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(server.port, 'GET', '/events?token=nope')).status).toBe(403);
    expect(calls.length).toBe(before);
  });

  it('passes a valid request to the real handler and returns its envelope, with the fixed trusted sender', async () => {
    const response = await post(valid);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { previous: 0.1, threshold: 0.15, changedBy: 'preview-test', changedAt: '1970-01-01T00:00:00.000Z' },
    });
    expect(senders.at(-1)).toEqual({ frameUrl: server.url, isMainFrame: true, webContentsId: 0 });
    // localhost:<port> is our Host too.
    expect((await post(valid, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('works through createApi and the preview transport (node fetch)', async () => {
    const api = createApi(createPreviewTransport({ origin: `http://127.0.0.1:${server.port}`, token: server.token }));
    const before = calls.length;
    await expect(api.policy.setThreshold({ threshold: 0.2, reason: 'through the api' })).resolves.toMatchObject({ ok: true, value: { threshold: 0.2 } });
    // The router's refusals come back as data.
    await expect(api.policy.setThreshold({ threshold: 2, reason: 'out of range' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(api.policy.get({})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(calls.length).toBe(before + 1);
    const stranger = createApi(createPreviewTransport({ origin: `http://127.0.0.1:${server.port}`, token: 'f'.repeat(64) }));
    await expect(stranger.policy.setThreshold({ threshold: 0.2, reason: 'no token' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(calls.length).toBe(before + 1);
  });

  it('refuses GET on /ipc, oversize bodies, invalid JSON and unknown channels', async () => {
    const before = calls.length;
    expect((await raw(server.port, 'GET', '/ipc/policy:setThreshold', { 'x-octroi-token': server.token })).status).toBe(405);
    const big = await post(JSON.stringify({ threshold: 0.15, reason: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(big.status).toBe(413);
    const invalid = await post('{"threshold": 0.15,');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await post(valid, { 'content-type': 'text/plain' })).status).toBe(415);
    const unknown = await post(valid, {}, 'policy:nuke');
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(calls.length).toBe(before);
  });

  it('serves the static files with security headers and refuses path traversal', async () => {
    const index = await raw(server.port, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Octroi</title>');
    expect(index.body).not.toContain(server.token);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(server.port, 'GET', '/app.js')).headers['content-type']).toContain('text/javascript');
    for (const attack of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt', '/../../package.json', '/%00index.html', '/link.txt']) {
      const response = await raw(server.port, 'GET', attack);
      expect([403, 404], attack).toContain(response.status);
      expect(response.body).not.toContain('outside the static folder');
    }
    expect((await raw(server.port, 'POST', '/index.html')).status).toBe(405);
    expect((await raw(server.port, 'GET', '/', { host: 'evil.example' })).status).toBe(403);
  });

  it('pushes broadcast events to SSE subscribers, checked against the contract', async () => {
    const api = createApi(createPreviewTransport({ origin: `http://127.0.0.1:${server.port}`, token: server.token, EventSource: FetchEventSource }));
    const received: Array<EventOf<'import:progress'>> = [];
    const unsubscribe = api.on('import:progress', (payload) => received.push(payload));
    // The stream opens asynchronously: broadcast until the subscriber has it.
    await until(() => {
      server.broadcast('import:progress', progress(10));
      return received.length > 0;
    });
    expect(received[0]).toEqual(progress(10));
    expect(server.broadcast('import:progress', { ...progress(20), rowsRead: -1 })).toBe(false);
    expect(server.broadcast('import:progress', progress(30))).toBe(true);
    await until(() => received.some((event) => event.rowsRead === 30));
    expect(received.some((event) => event.rowsRead === 20 || event.rowsRead < 0)).toBe(false);
    unsubscribe();
  });
});
