/**
 * Recording a final decision end to end, through the browser preview on the fixture database: override
 * the model on a client (the comment rule shown in words first), confirm, see it in the client's decisions
 * and in the decision log, which opens the client again.
 */
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openAppForBlock } from './support/preview-app.js';

const CLIENT = 100002;

describe.each([
  { locale: 'fr-FR' as const, menu: 'Décisions', reason: 'Caution d’un tiers', tooShort: /au moins 10 caractères/, override: /dérogation/ },
  { locale: 'en-GB' as const, menu: 'Decisions', reason: 'Third-party guarantor', tooShort: /at least 10 characters/, override: /override/ },
])('decision ($locale)', ({ locale, menu, reason, tooShort, override }) => {
  const app = openAppForBlock({ locale });

  it('records an override with a reason and a comment, and lists it with who and when', async () => {
    const { page } = app;
    const search = page.getByTestId('client-search');
    await search.waitFor();
    await search.fill(String(CLIENT));
    await page.locator(`#result-${CLIENT}`).waitFor();
    await search.press('Enter');
    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    await panel.getByTestId('decision-history-empty').waitFor();

    // The model's decision is proposed; choosing the other one is an override.
    const modelDecision = (await page.getByTestId('score-summary').getByTestId('decision').textContent())!;
    const other = /Accordé|Granted/.test(modelDecision) ? 'refused' : 'granted';
    await panel.getByTestId(`decision-outcome-${other}`).check();
    await panel.getByTestId('decision-reason').selectOption({ label: reason });
    await panel.getByTestId('decision-comment').fill('too short');
    await panel.getByTestId('decision-record').click();
    const problem = panel.getByTestId('decision-comment-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(tooShort);
    expect(await panel.getByTestId('decision-confirm').count()).toBe(0);

    await panel.getByTestId('decision-comment').fill('Parent stands as guarantor; payslips checked');
    await panel.getByTestId('decision-record').click();
    await panel.getByTestId('decision-confirm').waitFor();
    await app.screenshot(`decision-confirm-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await panel.getByTestId('decision-confirm-button').click();
    await panel.getByTestId('decision-recorded').waitFor();

    const history = panel.getByTestId('decision-history');
    await history.waitFor();
    const row = history.locator('tbody tr').first();
    const text = (await row.textContent())!;
    expect(text).toContain(reason);
    expect(text).toMatch(override);
    expect(text).toContain('Parent stands as guarantor; payslips checked');
    expect(text).toContain('agent');
    const stored = app.db
      .prepare("SELECT decision, override_direction, reason_code, username FROM decision_log WHERE kind = 'decision' AND client_id = ?")
      .all(CLIENT);
    expect(stored).toEqual([{ decision: 'override', override_direction: other === 'granted' ? 'grant' : 'refuse', reason_code: 'guarantor', username: 'agent' }]);
    await app.screenshot(`decision-recorded-${locale}`);

    // The decision log lists it, newest first, and opens the client.
    await page.getByRole('button', { name: menu, exact: true }).click();
    const log = page.getByTestId('decision-log');
    await log.waitFor();
    expect(await log.locator('tbody tr').first().textContent()).toContain(reason);
    await page.getByTestId('decisions-filter').fill('999999');
    await page.getByRole('status').filter({ hasText: '999999' }).waitFor();
    await page.getByTestId('decisions-filter').fill(String(CLIENT));
    await log.waitFor();
    await app.screenshot(`decision-log-${locale}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await log.getByTestId(`open-client-${CLIENT}`).first().click();
    await page.getByTestId('client-page').waitFor();
    expectNoPageErrors(app);
  });
});
