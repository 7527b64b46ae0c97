/**
 * End-to-end harness: the browser preview (real handlers, the shipped model, a fresh copy of the real
 * fixture database) driven by Debian's Chromium through playwright-core. Console errors, page errors and
 * CSP violations are collected: a test fails on any of them (`expectNoPageErrors`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase, type Db } from '../../../db/open-database.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../../demo/demo-accounts.js';
import { SHIPPED_MODEL_PATH } from '../../../model/model-file/shipped-model-path.js';
import { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { RENDERER_DIST, startPreviewApp, type PreviewApp } from '../../../electron/preview/preview-app.js';
import { fixtureDatabase } from '../../support/fixture-db.js';
import { REPO_ROOT } from '../../support/paths.js';
import { TEST_DB_KEY } from '../../support/test-database-key.js';

/** Debian's Chromium (never a downloaded browser); OCTROI_CHROMIUM overrides. */
export const CHROMIUM_PATH = process.env.OCTROI_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots are kept as test artefacts. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** A running app in a browser page. */
export interface E2eApp {
  preview: PreviewApp;
  /** The test's own connection to the preview's database (the app's connections live in its data worker). */
  db: Db;
  /** The test's own engine of the shipped model (opened on first use), to find clients and write activity. */
  engine(): Promise<ScoringEngine>;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Options of openApp. */
export interface OpenAppOptions {
  /** The browser's language (the app follows the system language on first start). */
  locale?: 'fr-FR' | 'en-GB';
  /** An existing database to use instead of a fresh fixture copy. */
  dbPath?: string;
  renderPdf?: (html: string) => Promise<Uint8Array>;
  /** The files the preview's import "dialog" picks. */
  importFiles?: string[];
  /** The model keys the app trusts (default: the development run's); [] = an installed app with no key deployed. */
  trustedKeys?: readonly string[];
  /** Signs in with this DEMO account once the page is open (default 'agent'); false = stay on the sign-in screen. */
  signIn?: DemoUsername | false;
}

/** The user names of the DEMO accounts (demo/demo-accounts.ts), which the harness adds to the fixture database. */
export type DemoUsername = 'agent' | 'manager';

/** Starts the preview on a fresh fixture database and opens the app in Chromium. */
/**
 * The app opened before the tests of the enclosing block and closed after them: the returned object reads
 * through to the open app (using it outside a test, before it is open, throws).
 */
export function openAppForBlock(options: OpenAppOptions = {}): E2eApp {
  let app: E2eApp | undefined;
  beforeAll(async () => {
    app = await openApp(options);
  });
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as E2eApp, {
    get(_, key) {
      if (!app) throw new Error('the app is not open yet: use it inside a test');
      const value = Reflect.get(app, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(app) : value;
    },
  });
}

export async function openApp(options: OpenAppOptions = {}): Promise<E2eApp> {
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIST}: run "npm run build:renderer" first (npm test does).`);
  }
  let dbPath = options.dbPath;
  if (!dbPath) {
    const fixture = await fixtureDatabase();
    createDemoAccounts(fixture.db);
    fixture.db.close();
    dbPath = fixture.path;
  }
  // The harness's databases are encrypted with the tests' key, like every database the app opens.
  const preview = await startPreviewApp({ dbPath, key: TEST_DB_KEY, renderPdf: options.renderPdf, importFiles: options.importFiles, trustedKeys: options.trustedKeys, logger: { warn: () => {}, error: (m, d) => console.error(m, d) } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--headless'] });
  const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // The event stream is closed on purpose when the page goes away.
    if (!request.url().includes('/events')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  const db = openDatabase(dbPath, { key: TEST_DB_KEY });
  let engine: Promise<ScoringEngine> | null = null;
  await page.goto(preview.server.pageUrl);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (options.signIn !== false) await signIn(page, options.signIn ?? 'agent');
  return {
    preview,
    db,
    engine: () => (engine ??= ScoringEngine.open(SHIPPED_MODEL_PATH)),
    browser,
    context,
    page,
    problems,
    async screenshot(name) {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await preview.close();
      if (engine) await (await engine).close();
      db.close();
    },
  };
}

/** Fails with the list when the page logged an error, threw, or had a request fail (CSP violations log errors). */
export function expectNoPageErrors(app: E2eApp): void {
  expect(app.problems, app.problems.join('\n')).toEqual([]);
}

/** Signs in through the sign-in screen with a DEMO account and waits for the workspace. */
export async function signIn(page: Page, username: DemoUsername): Promise<void> {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.username === username)!;
  await page.getByTestId('sign-in-username').fill(account.username);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-user').waitFor();
}
