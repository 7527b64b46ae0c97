/**
 * Compare and Threshold through the browser preview, in French and in English: a client's distribution
 * (feature, grouping, bins), pairs and similar clients; the what-if slider flipping the client's decision
 * and the population's figures; the policy change (a manager records it, an officer does not see it).
 */
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openAppForBlock } from './support/preview-app.js';

const CASES = [
  {
    locale: 'fr-FR' as const,
    lang: 'fr',
    user: 'agent' as const,
    words: { bins: 'en 12 classes', idAge: "Ancienneté de la pièce d'identité", granted: 'Avec ce seuil, le client serait accordé.', refused: 'Avec ce seuil, le client serait refusé.', menu: 'Seuil et coûts' },
  },
  {
    locale: 'en-GB' as const,
    lang: 'en',
    user: 'manager' as const,
    words: { bins: 'in 12 bins', idAge: 'Age of identity document', granted: 'Under this threshold the client would be granted.', refused: 'Under this threshold the client would be refused.', menu: 'Threshold and costs' },
  },
];

describe.each(CASES)('compare and threshold ($locale, $user)', ({ locale, lang, user, words }) => {
  const app = openAppForBlock({ locale, signIn: user });

  it('shows where client 100002 stands: distribution with the client marked, bins, grouping, pairs, similar clients, importance', async () => {
    const { page } = app;
    const search = page.getByTestId('client-search');
    await search.fill('100002');
    await page.locator('#result-100002').waitFor();
    await search.press('Enter');
    await page.getByTestId('go-compare').click();
    await page.getByRole('heading', { level: 1, name: /100002/ }).waitFor();

    const distribution = page.getByTestId('distribution-plot');
    await distribution.locator('.main-svg').first().waitFor();
    const summary = () => distribution.locator('figcaption').textContent();
    expect(await summary()).toMatch(/100002/);

    // Another feature (a day count before the application, shown in years), grouped by outcome, 12 bins.
    await page.getByTestId('distribution-feature').selectOption('DAYS_ID_PUBLISH');
    await page.getByTestId('distribution-group').selectOption('outcome');
    await page.getByTestId('distribution-bins').fill('12');
    await expect.poll(summary, { timeout: 10_000 }).toContain(words.bins);
    expect(await summary()).toContain(words.idAge);
    // The client's value is drawn: a vertical line and its label.
    expect(await distribution.locator('.shapelayer path').count()).toBeGreaterThan(0);
    expect(await distribution.locator('.annotation-text').first().textContent()).toMatch(/Client/);
    // 12 bars per shown group (defaulted, repaid), proportions not counts.
    expect(await distribution.locator('.barlayer .trace').count()).toBe(2);
    // Bins outside the contract's bounds are clamped, never sent.
    await page.getByTestId('distribution-bins').fill('900');
    await expect.poll(summary, { timeout: 10_000 }).toMatch(lang === 'fr' ? /en 200 classes/ : /in 200 bins/);

    // The filter box narrows the feature list by label.
    await page.getByTestId('distribution-feature-filter').fill(lang === 'fr' ? 'montant du credit' : 'credit amount');
    const picked = await page.getByTestId('distribution-feature').locator('option:checked').textContent();
    // Accents need not be typed: "credit" finds "crédit".
    expect(picked).toMatch(lang === 'fr' ? /^Montant du crédit$/ : /credit amount/i);

    // Pairs: two chosen features, decisions as colour and shape, the client as a star.
    await page.getByTestId('pairs-x').selectOption('AMT_CREDIT');
    await page.getByTestId('pairs-y').selectOption('DAYS_ID_PUBLISH');
    const pairs = page.getByTestId('pairs-plot');
    await expect.poll(() => pairs.locator('figcaption').textContent(), { timeout: 10_000 }).toContain(words.idAge);
    expect(await pairs.locator('.scatterlayer .trace').count()).toBe(3);
    expect(await pairs.locator('figcaption').textContent()).toMatch(/100002/);

    // Similar clients: the client's row and its neighbours; a row opens that client.
    const similar = page.getByTestId('similar-table');
    await similar.waitFor();
    expect(await similar.locator('tbody tr').count()).toBe(11);
    await page.getByTestId('importance-plot').locator('.main-svg').first().waitFor();
    await app.screenshot(`compare-100002-${lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expectNoPageErrors(app);
  });

  it('moves the what-if threshold: the client flips, the population figures update, the policy change follows the role', async () => {
    const { page } = app;
    await page.getByTestId('compare-open-threshold').click();
    const slider = page.getByTestId('threshold-slider');
    await slider.waitFor();
    await page.getByTestId('cost-curve').locator('.main-svg').first().waitFor();
    const decision = page.getByTestId('what-if-decision');
    await decision.waitFor();
    const approval = page.getByTestId('what-if-approval');
    const before = await approval.textContent();

    // Lowest threshold: almost everyone refused, the client too.
    await slider.focus();
    await slider.press('Home');
    await expect.poll(() => decision.getAttribute('data-decision')).toBe('refused');
    expect(await page.getByTestId('what-if-client').textContent()).toContain(words.refused);
    const low = await approval.textContent();
    await app.screenshot(`threshold-refused-${lang}`);
    // Highest: granted, with more clients approved.
    await slider.press('End');
    await expect.poll(() => decision.getAttribute('data-decision')).toBe('granted');
    expect(await page.getByTestId('what-if-client').textContent()).toContain(words.granted);
    const high = await approval.textContent();
    expect(parseFloat(high!.replace(',', '.'))).toBeGreaterThan(parseFloat(low!.replace(',', '.')));
    // One arrow = one step of 0.005 on the number box.
    await slider.press('Home');
    await slider.press('ArrowRight');
    const min = Number(await slider.getAttribute('min'));
    await expect.poll(async () => Number(await page.getByTestId('threshold-number').inputValue())).toBeCloseTo(min + 0.005, 6);
    await page.getByTestId('threshold-reset').click();
    await expect.poll(() => approval.textContent()).toBe(before);
    await app.screenshot(`threshold-client-${lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    if (user === 'manager') {
      // Two steps above the policy (on the fixture the policy is the optimum).
      await slider.focus();
      await slider.press('ArrowRight');
      await slider.press('ArrowRight');
      await page.getByTestId('policy-submit').click();
      await page.getByTestId('policy-reason').locator('..').locator('[role=alert]').waitFor();
      await page.getByTestId('policy-reason').fill('Quarterly review of the cost curve');
      await page.getByTestId('policy-submit').click();
      const done = page.getByTestId('policy-done');
      await done.waitFor();
      expect(await done.textContent()).toMatch(/Threshold in force: .* set by .+ on /);
      await expect.poll(() => page.getByTestId('threshold-policy').textContent()).toMatch(/Changed by/);
      await app.screenshot(`threshold-policy-changed-${lang}`);
    } else {
      // An officer never sees the manager's action (main would refuse it anyway).
      expect(await page.getByTestId('policy-change').count()).toBe(0);
    }

    // The menu opens the screen without a client: the population only.
    await page.getByRole('button', { name: words.menu }).click();
    await page.getByTestId('cost-curve').locator('.main-svg').first().waitFor();
    expect(await page.getByTestId('what-if-client').count()).toBe(0);
    expectNoPageErrors(app);
  });
});
