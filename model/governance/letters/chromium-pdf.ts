/**
 * HTML → PDF with headless Chromium (playwright-core drives the system's Chromium; nothing is downloaded):
 * what the CLI's `letter` command and the browser preview's DesktopPort print with. The desktop app uses
 * Electron's own printToPDF instead. The page is loaded with JavaScript disabled and every network
 * request refused: a letter is self-contained, and a value that slipped through escaping still cannot
 * run or fetch anything.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** The Chromium used when OCTROI_CHROMIUM is not set (Debian's package). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium executable: OCTROI_CHROMIUM, else /usr/bin/chromium; an Error naming both when absent. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const file = env.OCTROI_CHROMIUM || DEFAULT_CHROMIUM;
  if (!fs.existsSync(file)) {
    throw new Error(`No Chromium at ${file}: install it (apt-get install chromium) or set OCTROI_CHROMIUM to its path.`);
  }
  return file;
}

/** Prints a self-contained HTML page to an A4 PDF (backgrounds printed, the page's own @page margins). */
export async function renderPdfWithChromium(html: string, options: { executablePath?: string } = {}): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: options.executablePath ?? chromiumPath(), args: ['--no-sandbox', '--headless'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  } finally {
    await browser.close();
  }
}
