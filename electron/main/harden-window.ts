/**
 * Applies the security rules of security.ts to every webContents the app ever creates (windows, the
 * hidden PDF window, anything a page might try to open), through app.on('web-contents-created'), and
 * denies every permission request of the session. Electron's checklist, item by item:
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import type { IpcLogger } from './ipc-handle.js';
import { isAllowedExternalUrl, isAppUrl, openExternalChecked } from './security.js';

const clip = (url: string) => (url.length > 200 ? `${url.slice(0, 199)}…` : url);

/** An http(s) link the page tried to follow or open: to the system browser (checked), never in the app. */
function routeOutside(url: string, logger: IpcLogger): void {
  if (!isAllowedExternalUrl(url)) {
    logger.warn('security: link refused', { url: clip(url) });
    return;
  }
  openExternalChecked(url, shell).catch((error: unknown) => logger.warn('security: could not open the link', { url: clip(url), error: String(error) }));
}

/** The rules of one webContents. */
export function hardenWebContents(contents: WebContents, options: { isPackaged: boolean; logger: IpcLogger }): void {
  const { logger } = options;
  // Navigation only within the app: a link or a script cannot replace the app with another page.
  // https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    routeOutside(event.url, logger);
  });
  // The same for sub-frames (will-navigate only sees the main frame).
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAppUrl(event.url)) return; // main frame: decided by will-navigate above
    event.preventDefault();
    logger.warn('security: sub-frame navigation refused', { url: clip(event.url) });
  });
  // A redirect could turn an allowed navigation into a foreign one.
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('security: redirect refused', { url: clip(event.url) });
  });
  // No new windows, ever; http(s) links meant for a new window go to the system browser (checked).
  // https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
  contents.setWindowOpenHandler(({ url }) => {
    routeOutside(url, logger);
    return { action: 'deny' };
  });
  // The app uses no <webview>; one attached anyway (webviewTag is off) is refused.
  // https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('security: <webview> refused');
  });
  // DevTools are disabled in packaged builds by webPreferences; this closes them should anything open them.
  if (options.isPackaged) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      logger.warn('security: DevTools closed (packaged build)');
    });
  }
}

/**
 * Denies every permission (camera, microphone, geolocation, notifications, clipboard read, HID, serial,
 * USB, screen capture…) to every page: the app needs none.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
export function denyAllPermissions(target: Session, logger: IpcLogger): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('security: permission request refused', { permission });
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/** Installs the rules for every webContents to come (call before the first window) and on the default session (after ready). */
export function installWindowHardening(options: { isPackaged: boolean; logger: IpcLogger }): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
  void app.whenReady().then(() => denyAllPermissions(session.defaultSession, options.logger));
}
