/**
 * The manager's screens through the browser preview, in French and in English: monitoring (drift by month
 * with the months below the minimum sample said in words, activity with an officer above the 10 % override
 * warning, fairness with the API's statements as given), the model card with an install refused on a
 * tampered file, and accounts (per-field errors, main's password rule, create, disable). Screenshots of
 * each screen; axe finds no serious or critical violation on any of them.
 *
 * Data: the fixture database, six months of the demo score events (demo/demo-activity.ts),
 * and 24 decisions recorded by the DEMO officer through the real verbs, 4 of them overrides (16.7 %).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../electron/shared/contract-api.js';
import type { Api } from '../../electron/shared/contract.js';
import { createPreviewTransport, tokenFromFragment } from '../../electron/preview/preview-transport.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { writeDemoActivity } from '../../demo/demo-activity.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openApp, signIn, type E2eApp } from './support/preview-app.js';

const DECISIONS = 24;
const OVERRIDE_EVERY = 6;

/** An API client of the preview from Node: the same verbs and the same session as the page. */
function nodeApi(app: E2eApp): Api {
  const url = new URL(app.preview.server.pageUrl);
  const token = tokenFromFragment(url.hash);
  if (!token) throw new Error('no token in the preview URL');
  return createApi(createPreviewTransport({ origin: url.origin, token }));
}

/** Records DECISIONS decisions as the DEMO officer, every OVERRIDE_EVERY-th one an override of the model. */
async function recordDecisions(app: E2eApp, api: Api): Promise<void> {
  const officer = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
  const signedIn = await api.auth.signIn({ username: officer.username, password: officer.password });
  if (!signedIn.ok) throw new Error(`sign-in as the officer: ${signedIn.error.message}`);
  const ids = app.db.prepare('SELECT "SK_ID_CURR" FROM "application" ORDER BY "SK_ID_CURR" LIMIT ?').pluck().all(DECISIONS) as number[];
  for (const [index, clientId] of ids.entries()) {
    const score = await api.scoring.score({ clientId, lang: 'en' });
    if (!score.ok) throw new Error(`score ${clientId}: ${score.error.message}`);
    const model = score.value.decision;
    const recorded =
      index % OVERRIDE_EVERY === 0
        ? await api.decisions.record({
            clientId,
            decision: 'override',
            overrideDirection: model === 'granted' ? 'refuse' : 'grant',
            reasonCode: model === 'granted' ? 'debt-too-high' : 'guarantor',
            comment: 'End-to-end test: an override with its reason.',
          })
        : await api.decisions.record({ clientId, decision: model, reasonCode: 'model-decision', comment: '' });
    if (!recorded.ok) throw new Error(`record ${clientId}: ${recorded.error.message}`);
  }
  await api.auth.signOut({});
}

/** A copy of the shipped model with one byte changed, its signature file beside it: the hash check must refuse it. */
function tamperedModel(): string {
  const dir = tempDir('octroi-tampered-model-');
  const source = path.join(REPO_ROOT, 'model', 'artifacts', 'model.onnx');
  const target = path.join(dir, 'model.onnx');
  const bytes = fs.readFileSync(source);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
  fs.writeFileSync(target, bytes);
  fs.copyFileSync(`${source}.sig`, `${target}.sig`);
  return target;
}

describe.each([
  {
    locale: 'fr-FR' as const,
    lang: 'fr' as const,
    menu: { monitoring: 'Suivi du modèle', model: 'Modèle', users: 'Utilisateurs' },
    tabs: { activity: 'Activité', fairness: 'Équité' },
    notEnough: 'pas assez de demandes (n < 500)',
    statusWords: /stable|à surveiller|dérive significative/,
    above: /⚠ au-dessus de 10\s%/,
    cancelled: 'Aucun fichier choisi',
    refused: 'Modèle refusé',
    required: 'À renseigner.',
    created: /Compte claire\.fr créé/,
    disabled: /désactivé le/,
  },
  {
    locale: 'en-GB' as const,
    lang: 'en' as const,
    menu: { monitoring: 'Model monitoring', model: 'Model', users: 'Users' },
    tabs: { activity: 'Activity', fairness: 'Fairness' },
    notEnough: 'not enough applications (n < 500)',
    statusWords: /stable|watch|significant drift/,
    above: /⚠ above 10%/,
    cancelled: 'No file chosen',
    refused: 'Model refused',
    required: 'Required.',
    created: /Account claire\.en created/,
    disabled: /disabled on/,
  },
])('manager screens ($locale)', (words) => {
  let app: E2eApp;
  let api: Api;

  beforeAll(async () => {
    app = await openApp({ locale: words.locale, signIn: false });
    const { db } = app;
    const engine = await app.engine();
    const demo = await writeDemoActivity(db, engine, { seed: 11, months: 6, perMonth: 500 });
    expect(demo.events).toBeGreaterThan(2000);
    api = nodeApi(app);
    await recordDecisions(app, api);
    await signIn(app.page, 'manager');
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('monitoring: drift by month over the bands, thin months in words, activity with the override warning, fairness as the API states it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: words.menu.monitoring, exact: true }).click();
    await page.getByTestId('monitoring-page').waitFor();

    // Drift: the plot is drawn, the current month (24 decisions) is below the minimum sample and says so.
    await page.locator('[data-testid=drift-plot] .main-svg').first().waitFor({ timeout: 120_000 });
    const months = page.getByTestId('drift-month-table');
    expect(await months.textContent()).toContain(words.notEnough);
    const window = await page.getByTestId('drift-window-table').textContent();
    expect(window).toMatch(words.statusWords);
    expect(window).toMatch(/\d[.,]\d{3}/);
    const driftSummary = await page.locator('[data-testid=drift-plot] figcaption').textContent();
    expect(driftSummary).toMatch(/PSI \d[.,]\d{3}/);
    // The bands are labelled on the plot.
    expect(await page.locator('[data-testid=drift-plot] .annotation-text').allTextContents()).toHaveLength(3);
    await app.screenshot(`governance-monitoring-drift-${words.locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Activity: approvals, overrides (the DEMO officer at 4/24 = 16.7 %, above the 10 % warning), defaults by band.
    await page.getByRole('tab', { name: words.tabs.activity }).click();
    await page.locator('[data-testid=approval-plot] .main-svg').first().waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=override-plot] .main-svg').first().waitFor();
    await page.locator('[data-testid=defaults-plot] .main-svg').first().waitFor();
    const officerRow = page.getByTestId('officer-table').locator('tbody tr').first();
    expect(await officerRow.textContent()).toMatch(words.above);
    expect(await officerRow.textContent()).toContain('16');
    expect(await page.locator('[data-testid=override-plot] figcaption').textContent()).toContain('DEMO');
    await app.screenshot(`governance-monitoring-activity-${words.locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Fairness: each attribute's statement exactly as the API gives it, and a ratio plot per grouping.
    await page.getByRole('tab', { name: words.tabs.fairness }).click();
    await page.locator('[data-testid=fairness-plot-sex] .main-svg').first().waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=fairness-plot-age] .main-svg').first().waitFor();
    const report = await api.fairness.report({ lang: words.lang });
    expect(report.ok).toBe(true);
    const statements = await page.getByTestId('attribute-statements').locator('li p').allTextContents();
    expect(statements).toEqual(report.ok ? report.value.attributes.map((attribute) => attribute.statement) : []);
    expect(await page.getByTestId('fairness-model-age').locator('tbody tr').count()).toBeGreaterThan(2);
    await app.screenshot(`governance-monitoring-fairness-${words.locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expectNoPageErrors(app);
  });

  it('model: the card, the history, an empty file choice and a tampered file refused in words', async () => {
    const { page } = app;
    await page.getByRole('button', { name: words.menu.model, exact: true }).click();
    await page.getByTestId('model-card').waitFor();
    expect(await page.getByTestId('model-version').textContent()).toBe((await app.preview.worker.status()).modelVersion);
    expect(await page.getByTestId('model-excluded').textContent()).toContain('CODE_GENDER');
    await page.getByTestId('model-history').waitFor();
    expect(await page.getByTestId('model-rollback').isDisabled()).toBe(true);

    // The preview's file dialog gives no file: nothing changes, and the screen says so.
    await page.getByTestId('model-install').click();
    await expect.poll(() => page.getByTestId('model-outcome').textContent()).toContain(words.cancelled);

    // A tampered copy of the model: main's hash check refuses it and the failed check is named.
    const tampered = tamperedModel();
    app.preview.desktop.chooseFilesToOpen = async () => [tampered];
    await page.getByTestId('model-install').click();
    const outcome = page.getByTestId('model-outcome');
    await expect.poll(() => outcome.textContent()).toContain(words.refused);
    expect(await outcome.getAttribute('role')).toBe('alert');
    expect(await outcome.textContent()).toContain('altered or replaced after signing');
    expect(await page.getByTestId('model-version').textContent()).toBe((await app.preview.worker.status()).modelVersion);
    await app.screenshot(`governance-model-${words.locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expectNoPageErrors(app);
  });

  it('users: the accounts, per-field errors, main’s password rule on its field, create and disable with a confirmation', async () => {
    const { page } = app;
    const username = `claire.${words.lang}`;
    await page.getByRole('button', { name: words.menu.users, exact: true }).click();
    const table = page.getByTestId('users-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('agent');
    expect(await table.textContent()).toContain('manager');

    // Nothing typed: each required field says so, and focus goes to the first.
    await page.getByTestId('user-submit').click();
    expect(await page.getByTestId('user-username-error').textContent()).toBe(words.required);
    expect(await page.getByTestId('user-password-error').textContent()).toBe(words.required);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('user-username');

    // A password containing the user name passes the form's own checks; main refuses it on the password field.
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayName').fill('Claire Test');
    await page.getByTestId('user-branch').fill('Lyon');
    await page.getByTestId('user-password').fill(`${username}-2026!`);
    await page.getByTestId('user-confirmation').fill(`${username}-2026!`);
    await page.getByTestId('user-submit').click();
    await expect.poll(() => page.getByTestId('user-password-error').textContent()).toContain('must not contain the user name');
    expect(await page.getByTestId('user-password').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('user-password').fill('Correct-Horse-77');
    await page.getByTestId('user-confirmation').fill('Correct-Horse-77');
    await page.getByTestId('user-submit').click();
    await expect.poll(() => page.getByTestId('user-created').textContent()).toMatch(words.created);
    await page.getByTestId(`user-row-${username}`).waitFor();
    await app.screenshot(`governance-users-${words.locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Disable: a confirmation first (cancel keeps the account), then the row says disabled.
    await page.getByTestId(`disable-${username}`).click();
    await page.getByTestId(`disable-${username}-cancel`).click();
    expect(await page.getByTestId(`user-row-${username}`).textContent()).not.toMatch(words.disabled);
    await page.getByTestId(`disable-${username}`).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByTestId(`disable-${username}-confirm`).click();
    await expect.poll(() => page.getByTestId(`user-row-${username}`).textContent()).toMatch(words.disabled);
    // Main's own record agrees.
    const users = await api.users.list({});
    expect(users.ok && users.value.users.find((user) => user.username === username)?.disabledAt).toBeTruthy();
    expectNoPageErrors(app);
  });
});
