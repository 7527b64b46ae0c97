/**
 * A new application end to end, through the browser preview on the fixture database: fill the form, see a
 * field's problem beside it (and in the summary), fix it, score on the spot, save, land on the new client.
 */
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openAppForBlock } from './support/preview-app.js';

describe.each([
  {
    locale: 'fr-FR' as const,
    menu: 'Nouvelle demande',
    decimal: '0,61',
    tooYoung: /Au moins 18/,
    summary: /champ.* à corriger/,
    decisionWords: /Accordé|Refusé/,
  },
  {
    locale: 'en-GB' as const,
    menu: 'New application',
    decimal: '0.61',
    tooYoung: /At least 18/,
    summary: /field.* to correct/,
    decisionWords: /Granted|Refused/,
  },
])('new application ($locale)', ({ locale, menu, decimal, tooYoung, summary, decisionWords }) => {
  const app = openAppForBlock({ locale });

  it('fills the form, shows a field error beside the field, scores after the fix, saves and opens the new client', async () => {
    const { page } = app;
    await page.getByRole('button', { name: menu, exact: true }).click();
    const field = (name: string) => page.getByTestId(`field-${name}`);
    await field('AMT_CREDIT').waitFor();
    // Sensible defaults are there already; amounts and age are not.
    expect(await field('NAME_CONTRACT_TYPE').inputValue()).toBe('Cash loans');
    expect(await field('AMT_CREDIT').inputValue()).toBe('');

    await field('AMT_CREDIT').fill('450000');
    await field('AMT_ANNUITY').fill('22500');
    await field('AMT_GOODS_PRICE').fill('405000');
    await field('NAME_EDUCATION_TYPE').selectOption('Higher education');
    await field('NAME_FAMILY_STATUS').selectOption('Married');
    await field('CNT_FAM_MEMBERS').fill('2');
    await field('AMT_INCOME_TOTAL').fill('180000');
    await field('NAME_INCOME_TYPE').selectOption('Working');
    await field('DAYS_EMPLOYED').fill('6');
    await field('NAME_HOUSING_TYPE').selectOption('House / apartment');
    await field('FLAG_OWN_REALTY').selectOption('Y');
    await field('FLAG_OWN_CAR').selectOption('N');
    await field('EXT_SOURCE_2').fill(decimal);
    await field('EXT_SOURCE_3').fill(decimal);
    // Too young: the problem shows beside the field as soon as the officer leaves it.
    await field('DAYS_BIRTH').fill('16');
    await field('DAYS_BIRTH').blur();
    const problem = page.getByTestId('field-DAYS_BIRTH-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(tooYoung);
    expect(await field('DAYS_BIRTH').getAttribute('aria-invalid')).toBe('true');

    // Scoring is refused by the form itself: the summary lists the field and the field gets the focus.
    await page.getByTestId('score-application').click();
    const problems = page.getByTestId('form-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(summary);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-DAYS_BIRTH');
    expect(await page.getByTestId('application-result').count()).toBe(0);
    await app.screenshot(`new-application-field-error-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await field('DAYS_BIRTH').fill('35');
    await expect.poll(() => problem.count()).toBe(0);
    await page.getByTestId('score-application').click();
    const result = page.getByTestId('application-result');
    await result.waitFor();
    expect(await result.getByTestId('decision').textContent()).toMatch(decisionWords);
    expect(await result.getByTestId('probability').textContent()).toMatch(/^\d{1,2}[,.]\d\s?%$/);
    expect(await result.getByTestId('reasons').locator('li').count()).toBeGreaterThan(0);
    await result.locator('[data-testid=waterfall] .main-svg').first().waitFor();
    // Occupation and employer sector were left empty: each is ONE input, one row of the waterfall, and the
    // chain adds up on screen (every bar starts where the previous one ended, the last is the probability).
    const figure = await result.locator('[data-testid=waterfall] .js-plotly-plot').first().evaluate((div) => {
      const gd = div as unknown as { data: Array<{ x: number[]; y: string[]; measure: string[] }>; _fullLayout: { yaxis: { _categories: string[] } } };
      return { ...gd.data[0]!, rows: gd._fullLayout.yaxis._categories };
    });
    expect(new Set(figure.y).size).toBe(figure.y.length);
    expect(figure.rows).toEqual(figure.y);
    expect(figure.y.filter((label) => /^(Employer sector|Secteur de l'employeur)/.test(label)).length).toBeLessThanOrEqual(1);
    let end = 0;
    figure.x.forEach((x, i) => {
      if (figure.measure[i] === 'total') expect(x).toBeCloseTo(end, 6); // float32 scoring: far below what a pixel or 0.01 pt shows
      else end = (figure.measure[i] === 'relative' ? end : 0) + x;
    });
    const probabilityText = (await result.getByTestId('probability').textContent())!.replace(',', '.');
    expect(figure.x.at(-1)! * 100).toBeCloseTo(Number.parseFloat(probabilityText), 1);
    const reasonTexts = await result.getByTestId('reasons').locator('li').allTextContents();
    expect(new Set(reasonTexts).size).toBe(reasonTexts.length);
    for (const text of [...reasonTexts, ...figure.y]) expect(text).not.toMatch(/[A-Z]+_[A-Z_]+|Family status|Situation familiale/);
    await app.screenshot(`new-application-scored-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const db = app.db;
    const before = db.prepare('SELECT max(SK_ID_CURR) FROM application').pluck().get() as number;
    await page.getByTestId('save-application').click();
    await page.getByTestId('client-page').waitFor();
    const saved = db.prepare('SELECT max(SK_ID_CURR) FROM application').pluck().get() as number;
    expect(saved).toBe(before + 1);
    expect(await page.locator('#client-title').textContent()).toContain(String(saved));
    expect(db.prepare('SELECT DAYS_BIRTH, EXT_SOURCE_2, username FROM application JOIN app_application ON client_id = SK_ID_CURR WHERE SK_ID_CURR = ?').get(saved)).toEqual({
      DAYS_BIRTH: -12_784,
      EXT_SOURCE_2: 0.61,
      username: 'agent',
    });
    await page.getByTestId('probability').waitFor();
    await app.screenshot(`new-application-saved-client-${locale}`);
    expectNoPageErrors(app);
  });
});
