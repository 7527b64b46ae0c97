/** The smoke test of the shell through the browser preview: open the app, pick a client, see a score. */
import { describe, expect, it } from 'vitest';
import { expectNoPageErrors, openAppForBlock } from './support/preview-app.js';

describe.each([
  { locale: 'fr-FR' as const, decisionWords: /Accordé|Refusé/, probabilityLabel: 'Probabilité de défaut' },
  { locale: 'en-GB' as const, decisionWords: /Granted|Refused/, probabilityLabel: 'Probability of default' },
])('smoke ($locale)', ({ locale, decisionWords, probabilityLabel }) => {
  const app = openAppForBlock({ locale });

  it('opens on the search screen in the system language, finds client 100002 by its first digits, and shows its score', async () => {
    const { page } = app;
    const search = page.getByTestId('client-search');
    await search.waitFor();
    await search.fill('1000');
    await page.locator('#search-results [role=option]').first().waitFor();
    await search.fill('100002');
    await page.locator('#result-100002').waitFor();
    await search.press('Enter');
    await page.getByRole('heading', { name: /100002/ }).waitFor();

    const probability = page.getByTestId('probability');
    await probability.waitFor();
    expect(await probability.textContent()).toMatch(/^\d{1,2}[,.]\d\s?%$/);
    expect(await page.getByTestId('decision').textContent()).toMatch(decisionWords);
    expect(await page.getByTestId('score-summary').textContent()).toContain(probabilityLabel);
    // The gauge and the waterfall are drawn (plotly's strict bundle runs under the CSP).
    await page.locator('[data-testid=gauge] .main-svg').first().waitFor();
    await page.locator('[data-testid=waterfall] .main-svg').first().waitFor();
    expect(await page.getByTestId('reasons').locator('li').count()).toBeGreaterThan(0);
    await app.screenshot(`smoke-client-${locale}`);
    expectNoPageErrors(app);
  });
});
