import { describe, expect, it } from 'vitest';
import { errorPageUrl, loadingPageUrl } from '../../electron/main/status-pages.js';
import { escapeHtml } from '../../model/governance/letters/escape-html.js';

const html = (url: string) => decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));

describe('status pages', () => {
  it('escapes what it shows', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  });

  it('the loading page says what is being prepared, and runs no script', () => {
    const page = html(loadingPageUrl('importing'));
    expect(page).toContain('Préparation de la base de démonstration');
    expect(page).toContain('importing');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(page).not.toMatch(/<script/i);
  });

  it('the error page shows the error (escaped) and where the log is', () => {
    const page = html(errorPageUrl('Octroi ne peut pas démarrer', 'Error: </pre><script>alert(1)</script>', 'C:\\Users\\anne\\AppData\\Roaming\\Octroi\\logs\\main.log'));
    expect(page).toContain('&#60;/pre&#62;&#60;script&#62;');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('main.log');
  });
});
