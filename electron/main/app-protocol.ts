/**
 * The app:// scheme the renderer is served from. Why not file://: a file: page shares its origin with
 * every local file (any file:// URL is "same origin" in Electron's eyes, and file: carries extra
 * privileges), while app://octroi/ is one origin of its own, whose handler serves only the built renderer
 * and adds the CSP header. Electron's recommendation:
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { protocol } from 'electron';
import { APP_RESPONSE_HEADERS, resolveAppRequest } from './app-request.js';
import type { IpcLogger } from './ipc-handle.js';
import { APP_SCHEME } from './security.js';

const readFile = promisify(fs.readFile);
const realpath = promisify(fs.realpath);

/**
 * Declares app:// a standard, secure scheme (must run before app 'ready'): standard gives it real origins
 * and relative URLs, secure makes it a secure context like https. Not corsEnabled: the renderer's module
 * scripts are same-origin (app://octroi), and without it no other origin can read app:// responses.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves `rendererDir` on app://octroi/ (after 'ready'); everything outside it is refused. */
export async function serveRenderer(rendererDir: string, logger: IpcLogger): Promise<void> {
  const root = await realpath(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = await resolveAppRequest(root, request.url, request.method);
    if (decision.status !== 200) {
      logger.warn('app protocol: request refused', { status: decision.status, reason: decision.reason });
      return new Response(null, { status: decision.status, headers: APP_RESPONSE_HEADERS });
    }
    const body = request.method === 'HEAD' ? null : await readFile(decision.file);
    return new Response(body, { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'content-type': decision.contentType } });
  });
}
