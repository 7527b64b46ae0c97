import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedExternalUrl, isAppUrl, openExternalChecked, secureWebPreferences } from '../../electron/main/security.js';

describe('secureWebPreferences', () => {
  it('sets every security preference explicitly, DevTools only in development', () => {
    expect(secureWebPreferences('/app/preload.cjs', { isPackaged: true })).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
    });
    expect(secureWebPreferences('/app/preload.cjs', { isPackaged: false }).devTools).toBe(true);
  });

  it('gives no preload to a window that must not get the bridge', () => {
    const prefs = secureWebPreferences(undefined, { isPackaged: true });
    expect('preload' in prefs).toBe(false);
    expect(prefs.sandbox).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each(['https://www.example.com/', 'http://example.com/path?q=1#x', 'HTTPS://ok.example', 'https://ok.example:8443/a'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'script'],
    ['JavaScript:alert(1)', 'script, mixed case'],
    ['https://user:pw@x.example', 'credentials'],
    ['https://bank.example@evil.example/', 'user name disguising the host'],
    ['file:///etc/passwd', 'local file'],
    ['file://server/share/x.exe', 'UNC file'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['app://octroi/index.html', 'our own scheme'],
    ['smb://host/share', 'SMB'],
    ['ms-msdt:/id PCWDiagnostic', 'custom scheme starting a program'],
    ['vbscript:msgbox', 'vbscript'],
    ['//example.com/', 'scheme-relative'],
    ['example.com', 'no scheme'],
    ['https://', 'no host'],
    ['http://[::1', 'malformed'],
    ['', 'empty'],
    ['https://' + 'a'.repeat(9000) + '.example', 'absurdly long'],
  ])('refuses %s (%s)', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://x.example'], new URL('https://x.example')])('refuses non-strings (%s)', (value) => {
    expect(isAllowedExternalUrl(value)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://octroi/', 'app://octroi/assets/index-abc.js', 'APP://OCTROI/index.html'])('recognises %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://octroi.evil/index.html',
    'app://evil/octroi/',
    'app://user@octroi/',
    'app://octroi:8080/',
    'https://octroi/',
    'file:///octroi/index.html',
    'about:blank',
    'data:text/html,app://octroi/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('keeps app://octroi/../x inside the app (URL parsing removes the dot segments; the protocol handler checks the path again)', () => {
    expect(new URL('app://octroi/../x').href).toBe('app://octroi/x');
    expect(isAppUrl('app://octroi/../x')).toBe(true);
  });
});

describe('openExternalChecked', () => {
  it('opens allowed links (normalised) and nothing else', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    expect(await openExternalChecked('HTTPS://ok.example', shell)).toBe(true);
    expect(await openExternalChecked('javascript:alert(1)', shell)).toBe(false);
    expect(await openExternalChecked('file:///etc/passwd', shell)).toBe(false);
    expect(await openExternalChecked('https://user:pw@x.example', shell)).toBe(false);
    expect(opened).toEqual(['https://ok.example/']);
  });
});
