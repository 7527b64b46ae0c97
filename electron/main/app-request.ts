/**
 * What the app:// protocol answers for a request, decided in plain Node (no `electron` import):
 * app-protocol.ts turns the decision into a Response. Only files inside the built renderer are served,
 * with the Content-Security-Policy as a response header as well as the page's meta tag.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RENDERER_CSP } from '../shared/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from './security.js';
import { CONTENT_TYPES } from './static-content-types.js';

/**
 * The policy sent with every app:// response: the renderer's one CSP definition (index.html carries the
 * same rules in a meta tag; the header also covers what a meta tag cannot, frame-ancestors, and any page
 * without the tag).
 */
export const CONTENT_SECURITY_POLICY = RENDERER_CSP;

/** Headers of every app:// answer. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
});

// The callback forms, promisified: Electron's asar support patches them (the renderer is inside app.asar).
const realpath = promisify(fs.realpath);
const stat = promisify(fs.stat);


/** The decision for one request: a file to send, or an error status with a short reason (for the log). */
export type AppRequestDecision = { status: 200; file: string; contentType: string } | { status: 400 | 403 | 404 | 405; reason: string };

/** The content type of a served file (application/octet-stream when unknown: never sniffed). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Which file of `root` (the built renderer, already a real path) answers `method url`, or why none does:
 * only GET/HEAD, only app://octroi/, the path decoded once and resolved inside root, no NUL byte, no
 * backslash (a Windows separator hidden in a URL), no symbolic link leading outside, files only.
 * "/" is index.html.
 */
export async function resolveAppRequest(root: string, url: string, method: string): Promise<AppRequestDecision> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: `method ${method.slice(0, 20)} not allowed` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return { status: 403, reason: 'not an app://octroi/ URL' };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400, reason: 'malformed path encoding' };
  }
  if (relative.includes('\0') || relative.includes('\\')) return { status: 400, reason: 'forbidden character in path' };
  if (relative === '' || relative === '/') relative = '/index.html';
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  // Prevents directory traversal: "..", encoded or not, resolves outside root and is refused.
  let file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(rootPrefix)) return { status: 403, reason: 'path outside the renderer' };
  try {
    file = await realpath(file);
    if (!file.startsWith(rootPrefix)) return { status: 403, reason: 'link outside the renderer' };
    if (!(await stat(file)).isFile()) return { status: 404, reason: 'not a file' };
  } catch {
    return { status: 404, reason: 'no such file' };
  }
  return { status: 200, file, contentType: contentTypeOf(file) };
}
