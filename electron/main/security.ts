/**
 * The security rules of the shell as pure functions (no `electron` import, so tests run them in plain
 * Node): the webPreferences of every window, which URLs belong to the app, which external links may be
 * opened, and the one function allowed to open them. harden-window.ts applies them to every webContents.
 * Each rule follows Electron's security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */

/** The privileged scheme the renderer is served from (see app-protocol.ts for why not file://). */
export const APP_SCHEME = 'app';
/** The host of every app URL: app://octroi/… */
export const APP_HOST = 'octroi';
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The subset of Electron's WebPreferences this module sets (all of them explicit, none left to defaults). */
export interface SecureWebPreferences {
  preload?: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  spellcheck: false;
  devTools: boolean;
  safeDialogs: true;
  navigateOnDragDrop: false;
}

/**
 * The webPreferences of every window of the app, explicit rather than left to Electron's defaults (which
 * change between versions). `preloadPath` is omitted for windows that must not get the bridge (the
 * hidden PDF window).
 */
export function secureWebPreferences(preloadPath: string | undefined, options: { isPackaged: boolean }): SecureWebPreferences {
  return {
    ...(preloadPath === undefined ? {} : { preload: preloadPath }),
    // The preload's objects live in their own JavaScript world: the page cannot tamper with them.
    // https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation
    contextIsolation: true,
    // The renderer runs in Chromium's OS sandbox; the preload gets only a small Node-free API.
    // https://www.electronjs.org/docs/latest/tutorial/security#4-enable-process-sandboxing
    sandbox: true,
    // No Node.js in the page, its workers or its frames: a script injected into the page gets no `require`.
    // https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // <webview> would let a page embed anything with its own preferences; the app never uses one.
    // https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
    webviewTag: false,
    // Same-origin policy stays on.
    // https://www.electronjs.org/docs/latest/tutorial/security#6-do-not-disable-websecurity
    webSecurity: true,
    // No http: content inside an app page.
    // https://www.electronjs.org/docs/latest/tutorial/security#8-do-not-enable-allowrunninginsecurecontent
    allowRunningInsecureContent: false,
    // No experimental Chromium features.
    // https://www.electronjs.org/docs/latest/tutorial/security#9-do-not-enable-experimental-features
    experimentalFeatures: false,
    // The spellchecker would download dictionaries from Google's servers: the app stays offline.
    spellcheck: false,
    // DevTools give full control of the page (and so of the IPC bridge): development builds only.
    devTools: !options.isPackaged,
    // A page cannot trap the user in a loop of alert() dialogs.
    safeDialogs: true,
    // A file dropped on the window must not replace the app with that file.
    navigateOnDragDrop: false,
  };
}

/** The URL parsed, or null when it is not a valid absolute URL. */
function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True for a URL of the app itself (app://octroi/…), the only place the window may navigate to.
 * Compares scheme and host after parsing (never a substring test: "app://octroi.evil/" is not ours),
 * and refuses URLs with credentials.
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  // Chromium lower-cases the host of a standard scheme; Node's URL does not for unknown schemes.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname.toLowerCase() === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/**
 * True when `url` may be handed to the operating system's browser: http: or https: only (never file:,
 * javascript:, data:, smb:, custom schemes that start other programs), a host present, no user name or
 * password in the URL (a classic way to disguise the real host: https://bank.example@evil.example/).
 * https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export function isAllowedExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return false;
  return true;
}

/** What openExternalChecked needs from Electron's `shell`. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/**
 * The ONE function that opens a link outside the app: checks it with isAllowedExternalUrl and hands the
 * normalised URL (as parsed, not the raw string) to the system browser. Resolves to false when refused.
 */
export async function openExternalChecked(url: unknown, shell: ExternalOpener): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(new URL(url as string).href);
  return true;
}
