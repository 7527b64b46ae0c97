/**
 * After a decision (GDPR art. 22): the officer records the client's contest; the officer cannot review it;
 * a manager other than the decider reviews it and changes the decision, which then stands. fr and en.
 */
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openAppForBlock, signIn } from './support/preview-app.js';

const CLIENT = 100003;

describe.each([
  { locale: 'fr-FR' as const, pending: /en attente du réexamen/, notManager: /Seul un responsable/, standing: /Décision en vigueur : (accordé|refusé)/ },
  { locale: 'en-GB' as const, pending: /awaiting a manager's review/, notManager: /Only a manager/, standing: /Decision in force: (granted|refused)/ },
])('contest and review ($locale)', ({ locale, pending, notManager, standing }) => {
  const app = openAppForBlock({ locale, signIn: 'agent' });

  async function openClient() {
    const search = app.page.getByTestId('client-search');
    await search.waitFor();
    await search.fill(String(CLIENT));
    await app.page.locator(`#result-${CLIENT}`).waitFor();
    await search.press('Enter');
    await app.page.getByTestId('decision-panel').waitFor();
  }

  it('records a decision, the client contest, and a manager review that changes it', async () => {
    const { page } = app;
    await openClient();
    const panel = page.getByTestId('decision-panel');
    await panel.getByTestId('decision-record').click();
    await panel.getByTestId('decision-confirm-button').click();
    const followUp = panel.getByTestId('follow-up');
    await followUp.waitFor();
    const before = (await followUp.getByTestId('follow-up-standing').textContent())!;
    expect(before).toMatch(standing);
    // The form is gone: one decision per client.
    expect(await panel.getByTestId('decision-record').count()).toBe(0);

    await followUp.getByTestId('follow-up-contest-open').click();
    await followUp.getByTestId('follow-up-comment').fill('short');
    await followUp.getByTestId('follow-up-contest-submit').click();
    await followUp.locator('#follow-up-comment-problem').waitFor();
    await followUp.getByTestId('follow-up-comment').fill('The client says the income is now higher (new contract).');
    await followUp.getByTestId('follow-up-contest-submit').click();
    const waiting = followUp.getByTestId('follow-up-pending');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(pending);
    expect(await waiting.textContent()).toMatch(notManager);
    expect(await followUp.getByTestId('follow-up-review-submit').count()).toBe(0);
    await app.screenshot(`contest-pending-${locale}`);

    await page.getByTestId('sign-out').click();
    await signIn(page, 'manager');
    await openClient();
    const review = page.getByTestId('follow-up');
    await review.getByTestId('follow-up-review-changed').check();
    await review.getByTestId('follow-up-comment').fill('New employment contract checked: grant.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await review.getByTestId('follow-up-review-submit').click();
    await expect.poll(async () => review.getByTestId('follow-up-pending').count()).toBe(0);
    const after = (await review.getByTestId('follow-up-standing').textContent())!;
    expect(after).toMatch(standing);
    expect(after).not.toBe(before.replace(/\)\.$/, ', reviewed).'));
    // The review changed the decision in force to the other outcome.
    const was = /accordé|granted/.test(before) ? 'granted' : 'refused';
    expect(/accordé|granted/.test(after) ? 'granted' : 'refused').not.toBe(was);
    expect(await page.getByTestId('decision-history').locator('tbody tr').count()).toBe(3);
    await app.screenshot(`review-changed-${locale}`);
    expectNoPageErrors(app);
  });
});
