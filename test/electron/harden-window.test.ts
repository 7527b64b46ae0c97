/**
 * harden-window.ts against the electron stand-in: every webContents the app creates refuses foreign
 * navigation, redirects, sub-frame navigation, new windows and <webview>s; http(s) links go to the system
 * browser through the one checked function and nothing else does; every permission is denied; DevTools
 * are closed in a packaged build.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-stand-in.js'));

import { app, BrowserWindow, ElectronEvent, electron, session, WebContentsStandIn } from '../support/electron-stand-in.js';
import { recordingLogger } from '../support/recording-logger.js';
import { denyAllPermissions, hardenWebContents, installWindowHardening } from '../../electron/main/harden-window.js';

/** Lets the checked opener's promise settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => electron.reset());

describe('hardenWebContents', () => {
  let contents: WebContentsStandIn;
  let logger: ReturnType<typeof recordingLogger>;
  beforeEach(() => {
    contents = new WebContentsStandIn();
    logger = recordingLogger();
    hardenWebContents(contents as unknown as Electron.WebContents, { isPackaged: true, logger });
  });

  function navigate(eventName: string, url: string, isMainFrame = true): ElectronEvent {
    const event = new ElectronEvent({ url, isMainFrame });
    contents.emit(eventName, event);
    return event;
  }

  it('lets the window navigate within app://octroi/ only', () => {
    expect(navigate('will-navigate', 'app://octroi/index.html').defaultPrevented).toBe(false);
    expect(navigate('will-navigate', 'app://octroi/#/clients/100002').defaultPrevented).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://octroi.evil/', 'app://user@octroi/', 'data:text/html,<h1>x</h1>', 'javascript:alert(1)']) {
      expect(navigate('will-navigate', url).defaultPrevented, url).toBe(true);
    }
  });

  it('sends a followed http(s) link to the system browser, normalised, and nothing else', async () => {
    navigate('will-navigate', 'HTTPS://www.Example.com/help');
    navigate('will-navigate', 'file:///C:/Windows/System32/calc.exe');
    navigate('will-navigate', 'smb://server/share');
    navigate('will-navigate', 'https://bank.example@evil.example/');
    await settle();
    expect(electron.calls('shell.openExternal')).toEqual([['https://www.example.com/help']]);
    expect(logger.lines.filter((line) => line.message === 'security: link refused')).toHaveLength(3);
  });

  it('refuses redirects out of the app, and logs them', () => {
    expect(navigate('will-redirect', 'app://octroi/index.html').defaultPrevented).toBe(false);
    expect(navigate('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(logger.lines).toContainEqual({ level: 'warn', message: 'security: redirect refused', details: { url: 'https://evil.example/' } });
    expect(electron.calls('shell.openExternal')).toEqual([]);
  });

  it('refuses sub-frame navigation out of the app (the main frame is will-navigate’s)', () => {
    expect(navigate('will-frame-navigate', 'https://evil.example/', false).defaultPrevented).toBe(true);
    expect(navigate('will-frame-navigate', 'app://octroi/frame.html', false).defaultPrevented).toBe(false);
    expect(navigate('will-frame-navigate', 'https://evil.example/', true).defaultPrevented).toBe(false);
  });

  it('never opens a new window; an http(s) one goes to the browser instead', async () => {
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://www.example.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://octroi/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await settle();
    expect(electron.calls('shell.openExternal')).toEqual([['https://www.example.com/']]);
  });

  it('refuses every <webview>', () => {
    const event = new ElectronEvent();
    contents.emit('will-attach-webview', event, { preload: '/evil.js' }, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
    expect(logger.lines.map((line) => line.message)).toContain('security: <webview> refused');
  });

  it('closes DevTools in a packaged build, leaves them in development', () => {
    contents.openDevTools();
    expect(contents.devToolsOpen).toBe(false);
    const development = new WebContentsStandIn();
    hardenWebContents(development as unknown as Electron.WebContents, { isPackaged: false, logger });
    development.openDevTools();
    expect(development.devToolsOpen).toBe(true);
  });

  it('logs a refused link clipped to 200 characters (a page cannot flood the log)', () => {
    navigate('will-redirect', `https://evil.example/${'a'.repeat(5000)}`);
    const url = logger.lines.at(-1)!.details!.url as string;
    expect(url.length).toBe(200);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request, check, device and screen capture', () => {
    electron.ready = true;
    const logger = recordingLogger();
    const target = session.defaultSession;
    denyAllPermissions(target as unknown as Electron.Session, logger);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      const answers: boolean[] = [];
      target.permissionRequestHandler!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
    expect(target.permissionCheckHandler!(null, 'media', 'app://octroi')).toBe(false);
    expect(target.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
    const streams: unknown[] = [];
    target.displayMediaRequestHandler!({}, (answer) => streams.push(answer));
    expect(streams).toEqual([{}]);
    expect(logger.lines.filter((line) => line.message === 'security: permission request refused')).toHaveLength(8);
  });
});

describe('installWindowHardening', () => {
  it('hardens every webContents created afterwards, and denies permissions on the default session once ready', async () => {
    const logger = recordingLogger();
    installWindowHardening({ isPackaged: true, logger });
    expect(session.defaultSession.permissionRequestHandler).toBeNull();
    app.becomeReady();
    await settle();
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();

    // Any window, even one created without the app's preferences, gets the rules.
    const window = new BrowserWindow({});
    const event = new ElectronEvent({ url: 'https://evil.example/' });
    window.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });
});
