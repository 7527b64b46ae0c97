/**
 * The client page end to end, in both languages: a refused client with its reasons, explanation,
 * counter-offer and file; keyboard-only navigation from the search box; an accessibility check (axe-core).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openApp, type E2eApp } from './support/preview-app.js';

/** The first fixture client the policy refuses (found with the engine itself, not hard-coded). */
async function firstRefusedClient(app: E2eApp): Promise<number> {
  const { db } = app;
  const engine = await app.engine();
  const ids = db.prepare('SELECT SK_ID_CURR AS id FROM application ORDER BY SK_ID_CURR LIMIT 300').all() as Array<{ id: number }>;
  for (const { id } of ids) {
    const score = await scoreClient(db, engine, id, { lang: 'en' });
    if (score.decision === 'refused') return id;
  }
  throw new Error('no refused client among the first 300 fixture clients');
}

describe.each([
  { locale: 'fr-FR' as const, refusedWord: 'Refusé', offerHeading: /contre-proposition|proposer/i },
  { locale: 'en-GB' as const, refusedWord: 'Refused', offerHeading: /counter-offer|offer/i },
])('client page ($locale)', ({ locale, refusedWord, offerHeading }) => {
  let app: E2eApp;
  let refusedId: number;
  beforeAll(async () => {
    app = await openApp({ locale });
    refusedId = await firstRefusedClient(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens a refused client from the keyboard and shows decision, reasons, explanation, counter-offer and file', async () => {
    const { page } = app;
    await page.getByTestId('client-search').waitFor();
    await page.keyboard.type(String(refusedId));
    await page.locator(`#result-${refusedId}`).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(String(refusedId)) }).waitFor();
    await page.getByTestId('decision').waitFor();
    expect(await page.getByTestId('decision').textContent()).toContain(refusedWord);
    expect(await page.getByTestId('reasons').locator('li').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid=waterfall] .main-svg').first().waitFor();
    // Every plot has its text alternative.
    const summaries = await page.locator('figure.plot figcaption').allTextContents();
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    for (const summary of summaries) expect(summary.length).toBeGreaterThan(20);
    expect(await page.getByText(offerHeading).count()).toBeGreaterThan(0);
    await page.getByTestId('client-file').waitFor();
    // No raw feature names on screen: labels only.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b(EXT_SOURCE_\d|AMT_CREDIT|DAYS_BIRTH|NAME_EDUCATION_TYPE)\b/);
    await app.screenshot(`client-refused-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expectNoPageErrors(app);
  });
});
