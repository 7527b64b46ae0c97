/**
 * Speed of the loan officer's screens, for `npm run bench -- --only ui`: the built renderer in Debian's
 * Chromium through the browser preview (real handlers, shipped model) on the demo database (5,000
 * synthetic clients). Measured from Node around the browser actions (Playwright round trips included, a
 * few ms; stated in the note):
 * - first screen usable: from the start of navigation to the sign-in form accepting input, and from
 *   signing in to the search box accepting input;
 * - switching client: from Enter on another client's id to its score, gauge and waterfall drawn, p50/p95
 *   (the first switch, which warms the caches, is excluded and reported on its own).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { BenchResult } from './bench-result.js';
import { median, percentile } from './bench-result.js';
import { DEMO_ACCOUNTS } from '../demo/demo-accounts.js';
import { buildDemoDatabase } from '../demo/demo-database.js';
import { demoDatabaseKey } from '../demo/demo-database-key.js';
import { openDatabase } from '../db/open-database.js';
import { RENDERER_DIST, startPreviewApp } from '../electron/preview/preview-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OCTROI_CHROMIUM ?? '/usr/bin/chromium';

/** Options of benchUi. */
export interface UiBenchOptions {
  workDir: string;
  /** Client switches timed (default 40). */
  switches?: number;
}

/** The browser globals the page-side functions use. */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  requestAnimationFrame(callback: () => void): number;
}

/** Waits until the page shows client `id` with its score and both plots drawn (no stale content left). */
async function waitForClient(page: Page, id: number): Promise<void> {
  // These functions run in the page; this file is compiled for Node (no DOM types), hence PageGlobals.
  await page.waitForFunction(
    (clientId) => {
      const { document } = globalThis as unknown as PageGlobals;
      const heading = document.querySelector('#client-title');
      if (!heading || !heading.textContent?.includes(String(clientId))) return false;
      if (document.querySelector('.stale, .loading')) return false;
      return Boolean(document.querySelector('[data-testid=gauge] .main-svg') && document.querySelector('[data-testid=waterfall] .main-svg'));
    },
    id,
    { polling: 'raf' },
  );
  // Plotly draws on the next frames after React commits: wait two frames.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { requestAnimationFrame } = globalThis as unknown as PageGlobals;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
}

/** Runs the UI measurements. */
export async function benchUi(options: UiBenchOptions): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('ui bench: the renderer build failed (npm run build:renderer)');
  }
  const dbPath = path.join(options.workDir, 'ui-demo.db');
  await buildDemoDatabase(dbPath);
  const app = await startPreviewApp({ dbPath, logger: { warn: () => {}, error: () => {} } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const loadStart = performance.now();
    await page.goto(app.server.pageUrl);
    await page.getByTestId('sign-in-username').waitFor();
    const signInUsable = performance.now() - loadStart;

    const agent = DEMO_ACCOUNTS.find((account) => account.role === 'officer')!;
    await page.getByTestId('sign-in-username').fill(agent.username);
    await page.getByTestId('sign-in-password').fill(agent.password);
    const signInStart = performance.now();
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('client-search').waitFor();
    const searchUsable = performance.now() - signInStart;

    const reader = openDatabase(dbPath, { key: demoDatabaseKey(dbPath), readonly: true });
    const ids = (reader.prepare('SELECT SK_ID_CURR AS id FROM application ORDER BY SK_ID_CURR LIMIT 2000').all() as Array<{ id: number }>).map((row) => row.id);
    reader.close();
    const switches = options.switches ?? 40;
    const step = Math.max(1, Math.floor(ids.length / (switches + 1)));
    const times: number[] = [];
    for (let i = 0; i <= switches; i += 1) {
      const id = ids[(i * step) % ids.length]!;
      await page.getByRole('button', { name: /Autre client|Another client|Trouver un client|Find a client/ }).first().click();
      const search = page.getByTestId('client-search');
      await search.fill(String(id));
      await page.locator(`#result-${id}`).waitFor();
      const start = performance.now();
      await search.press('Enter');
      await waitForClient(page, id);
      times.push(performance.now() - start);
    }
    const [first, ...warm] = times;
    const note = 'Chromium via the browser preview; Node-side timing includes Playwright round trips (a few ms)';
    return [
      { name: 'ui: sign-in screen usable after load', value: signInUsable, unit: 'ms', target: '≤ 2,000 ms', note },
      { name: 'ui: search screen usable after sign-in', value: searchUsable, unit: 'ms', target: '≤ 2,000 ms' },
      { name: 'ui: switch client, score + plots, p50', value: median(warm), unit: 'ms', target: '≤ 300 ms (p95)' },
      { name: 'ui: switch client, score + plots, p95', value: percentile(warm, 0.95), unit: 'ms', target: '≤ 300 ms' },
      { name: 'ui: first client opened (cold caches)', value: first!, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await app.close();
  }
}
