/** A manager imports the synthetic fixture CSV files into an empty branch database from the search screen. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts } from '../../demo/demo-accounts.js';
import { markDemoDatabase } from '../../db/demo-database-mark.js';
import { openDatabase } from '../../db/open-database.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { FIXTURE_CLIENTS } from '../support/synthetic-fixture.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openApp, type E2eApp } from './support/preview-app.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

describe.each([
  { locale: 'fr-FR' as const, done: 'Import terminé.', total: new RegExp(`^${FIXTURE_CLIENTS} clients`) },
  { locale: 'en-GB' as const, done: 'Import finished.', total: new RegExp(`^${FIXTURE_CLIENTS} clients`) },
])('import ($locale)', ({ locale, done, total }) => {
  let app: E2eApp;
  beforeAll(async () => {
    const dbPath = path.join(tempDir('octroi-e2e-import-'), 'branch.db');
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    // An empty database the synthetic fixture is imported into: a demo database, so the DEMO manager signs in.
    markDemoDatabase(db);
    createDemoAccounts(db);
    db.close();
    const importFiles = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(FIXTURE_DIR, f));
    app = await openApp({ locale, dbPath, importFiles, signIn: 'manager' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports with progress and a summary, then lists the clients', async () => {
    const { page } = app;
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    await panel.getByTestId('import-start').click();
    const summary = panel.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toContain(done);
    expect(await summary.locator('tbody tr').count()).toBe(7);
    await page.getByTestId('client-table').locator('tbody tr').first().waitFor();
    expect(await page.locator('p.muted', { hasText: /clients/ }).first().textContent()).toMatch(total);
    await app.screenshot(`import-done-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expectNoPageErrors(app);
  });
});
