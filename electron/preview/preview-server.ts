/**
 * The browser preview's loopback server (issue 5 item 5): serves the renderer's static files and the IPC
 * contract over HTTP to the real router, for developing and testing the UI without Electron. Never part of
 * the packaged app. Plain node:http, no `electron` import.
 *
 * Security (the preview reaches the real handlers, so real client data):
 * - listens on 127.0.0.1 only, never on all interfaces;
 * - a random 256-bit token per run; /ipc and /events without it → 403, the router is never reached;
 * - the Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding: a foreign site whose
 *   name resolves to 127.0.0.1 sends its own Host) and a cross-origin Origin header is refused;
 * - only POST application/json on /ipc/<channel>, body at most 1 MB, invalid JSON → 400;
 * - the router's answer is sent as is (its envelope); the sender handed to the router is a fixed object
 *   built here after the token check, never anything the client says.
 *
 * How the page gets the token: in the URL fragment (`http://127.0.0.1:PORT/#token=…`, printed by the
 * launcher), not injected into index.html. A fragment is never sent to any server, and the server then
 * never hands the token to whoever merely connects to the port (another local user or process could GET
 * index.html; it cannot read the developer's terminal). See preview-transport.ts tokenFromFragment().
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { IpcLogger, IpcRouter, SenderInfo } from '../main/ipc-handle.js';
import { isEventChannel, EVENTS, type EventChannel, type EventOf } from '../shared/contract.js';
import { fail } from '../shared/errors.js';
import { RENDERER_CSP } from '../shared/content-security-policy.js';
import { CONTENT_TYPES } from '../main/static-content-types.js';
import { PREVIEW_BRIDGE_PATH, withPreviewBridge } from './preview-bridge-bundle.js';

/** The webContentsId of the preview's fixed sender (no Electron window has id 0). */
export const PREVIEW_WEB_CONTENTS_ID = 0;
/** Largest /ipc request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The header carrying the token on /ipc requests. */
export const TOKEN_HEADER = 'x-octroi-token';

/** The router's trust predicate for the preview: only the sender this server builds after the token check. */
export function isPreviewSender(sender: SenderInfo): boolean {
  return sender.webContentsId === PREVIEW_WEB_CONTENTS_ID && sender.isMainFrame;
}

/** Options of startPreviewServer. */
export interface PreviewServerOptions {
  /** The router with the real handlers (created with isTrustedSender: isPreviewSender). */
  router: IpcRouter;
  /** The built renderer (index.html and its assets); without it only /ipc and /events are served. */
  staticDir?: string;
  /** A script served at PREVIEW_BRIDGE_PATH and loaded by index.html before the renderer (the preview's preload). */
  bridgeScript?: string;
  /** 0 (default) = a free port chosen by the system. */
  port?: number;
  logger?: IpcLogger;
}

/** A running preview server. */
export interface PreviewServer {
  /** http://127.0.0.1:PORT/ (without the token). */
  url: string;
  /** The address the socket is bound to, as the system reports it (127.0.0.1). */
  address: string;
  /** The URL to open in a browser: url + '#token=…'. */
  pageUrl: string;
  token: string;
  port: number;
  /** Pushes an event to every /events subscriber (checked against its schema; false when refused). */
  broadcast<E extends EventChannel>(event: E, payload: EventOf<E>): boolean;
  close(): Promise<void>;
}


const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
};

const silentLogger: IpcLogger = { warn: () => undefined, error: () => undefined };

/** Starts the preview server on 127.0.0.1; resolves once it listens. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { router } = options;
  const logger = options.logger ?? silentLogger;
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  // The real path: a symbolic link inside the folder must not lead outside it either.
  const staticRoot = options.staticDir ? await fs.realpath(path.resolve(options.staticDir)) : null;
  const rootPrefix = staticRoot && (staticRoot.endsWith(path.sep) ? staticRoot : staticRoot + path.sep);
  const subscribers = new Set<http.ServerResponse>();
  let port = 0;
  let url = '';
  let sender: SenderInfo | null = null;

  const tokenMatches = (candidate: string | undefined | null): boolean => {
    if (typeof candidate !== 'string') return false;
    const bytes = Buffer.from(candidate, 'utf8');
    // timingSafeEqual needs equal lengths; the length of a token is no secret.
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const hostAllowed = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const originAllowed = (origin: string | undefined) =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  function send(response: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra });
    response.end(text);
  }

  /** The request body, or null when it exceeds MAX_BODY_BYTES (413 already sent). */
  function readBody(request: http.IncomingMessage, response: http.ServerResponse): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      const tooLarge = () => {
        send(response, 413, fail('invalid-request', `Request body larger than ${MAX_BODY_BYTES} bytes.`), { connection: 'close' });
        request.resume();
        resolve(null);
      };
      if (declared > MAX_BODY_BYTES) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      request.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          done = true;
          tooLarge();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => {
        if (!done) resolve(Buffer.concat(chunks));
      });
      request.on('error', reject);
    });
  }

  async function handleIpc(request: http.IncomingMessage, response: http.ServerResponse, rawChannel: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, fail('invalid-request', 'Only POST is allowed on /ipc.'), { allow: 'POST' });
    if (!tokenMatches(request.headers[TOKEN_HEADER] as string | undefined)) {
      logger.warn('preview: /ipc request without the right token refused');
      return send(response, 403, fail('forbidden-sender', 'Missing or wrong preview token.'));
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') return send(response, 415, fail('invalid-request', 'The request body must be application/json.'));
    const body = await readBody(request, response);
    if (body === null) return;
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return send(response, 400, fail('invalid-request', `The request body is not valid JSON: ${(error as Error).message}`.slice(0, 500)));
    }
    let channel: string;
    try {
      channel = decodeURIComponent(rawChannel);
    } catch {
      channel = rawChannel;
    }
    // The router validates the channel name, the sender and the payload, and always answers an envelope.
    send(response, 200, await router.dispatch(channel, sender, payload));
  }

  function handleEvents(request: http.IncomingMessage, response: http.ServerResponse, query: URLSearchParams): void {
    if (request.method !== 'GET') return send(response, 405, fail('invalid-request', 'Only GET is allowed on /events.'), { allow: 'GET' });
    // EventSource cannot set headers, hence the token in the query string (this server logs no URLs).
    if (!tokenMatches(query.get('token'))) {
      logger.warn('preview: /events request without the right token refused');
      return send(response, 403, fail('forbidden-sender', 'Missing or wrong preview token.'));
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    response.write(': connected\n\n');
    subscribers.add(response);
    const drop = () => subscribers.delete(response);
    request.on('close', drop);
    response.on('close', drop);
  }

  function sendText(response: http.ServerResponse, request: http.IncomingMessage, text: string, extension: string): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[extension]!, 'content-length': Buffer.byteLength(text) });
    response.end(request.method === 'HEAD' ? undefined : text);
  }

  async function handleStatic(request: http.IncomingMessage, response: http.ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, fail('invalid-request', 'Only GET is allowed.'), { allow: 'GET, HEAD' });
    const notFound = () => send(response, 404, fail('not-found', 'Not found.'));
    if (!staticRoot) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, fail('invalid-request', 'Malformed path.'));
    }
    if (relative.includes('\0')) return notFound();
    if (relative === '/' || relative === '') relative = '/index.html';
    if (relative === PREVIEW_BRIDGE_PATH && options.bridgeScript !== undefined) return sendText(response, request, options.bridgeScript, '.js');
    let file = path.resolve(staticRoot, `.${relative}`);
    // Traversal ("..", encoded or not, or absolute tricks) resolves outside the root: refused.
    if (!file.startsWith(rootPrefix!)) return notFound();
    let stat;
    try {
      file = await fs.realpath(file);
      if (!file.startsWith(rootPrefix!)) return notFound();
      stat = await fs.stat(file);
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();
    if (relative === '/index.html' && options.bridgeScript !== undefined) return sendText(response, request, withPreviewBridge(await fs.readFile(file, 'utf8')), '.html');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  async function onRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!hostAllowed(request.headers.host)) {
      logger.warn('preview: request with a foreign Host refused', { host: String(request.headers.host).slice(0, 100) });
      return send(response, 403, fail('forbidden-sender', 'Foreign Host header.'));
    }
    if (!originAllowed(request.headers.origin)) return send(response, 403, fail('forbidden-sender', 'Cross-origin request refused.'));
    const target = new URL(request.url ?? '/', url);
    if (target.pathname === '/ipc' || target.pathname.startsWith('/ipc/')) return handleIpc(request, response, target.pathname.slice('/ipc/'.length));
    if (target.pathname === '/events') return handleEvents(request, response, target.searchParams);
    return handleStatic(request, response, target.pathname);
  }

  const server = http.createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      logger.error('preview: request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      if (!response.headersSent) send(response, 500, fail('internal', 'Internal error; the details are in the log.'));
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the preview must never be reachable from the network (nor over IPv6 "::").
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('preview: the server has no TCP address');
  port = address.port;
  url = `http://127.0.0.1:${port}/`;
  sender = Object.freeze({ frameUrl: url, isMainFrame: true, webContentsId: PREVIEW_WEB_CONTENTS_ID });

  return {
    url,
    address: address.address,
    pageUrl: `${url}#token=${token}`,
    token,
    port,
    broadcast(event, payload) {
      if (!isEventChannel(event)) return false;
      const parsed = EVENTS[event].safeParse(payload);
      if (!parsed.success) {
        logger.error('preview: event outside the contract not sent', { event });
        return false;
      }
      const frame = `event: ${event}\ndata: ${JSON.stringify(parsed.data)}\n\n`;
      for (const subscriber of subscribers) subscriber.write(frame);
      return true;
    },
    close() {
      for (const subscriber of subscribers) subscriber.end();
      subscribers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
