/** Sign-in through the browser preview: a wrong password is refused in words, the right one opens the workspace, sign-out closes it. */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { expectNoPageErrors, openAppForBlock } from './support/preview-app.js';

describe('sign-in', () => {
  const app = openAppForBlock({ locale: 'en-GB', signIn: false });

  it('shows nothing of the clients before sign-in, refuses a wrong password, signs in and out', async () => {
    const { page } = app;
    await page.getByTestId('sign-in-username').waitFor();
    expect(await page.getByTestId('client-search').count()).toBe(0);
    // The preview trusts the DEMO signing key (development only): the header says so.
    expect(await page.getByTestId('demo-key-trusted').textContent()).toBe('DEMO key trusted');
    // Main refuses client data to a window nobody signed in to, whatever the page does.
    const refused = await page.evaluate(async () => {
      const response = await fetch('/ipc/clients:get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: 100002 }) });
      return response.status;
    });
    expect(refused).toBe(403); // No token: refused before the router.

    await page.getByTestId('sign-in-username').fill('manager');
    await page.getByTestId('sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/user name or password|incorrect|wrong/i);
    await app.screenshot('sign-in-refused-en');

    const manager = DEMO_ACCOUNTS.find((account) => account.username === 'manager')!;
    await page.getByTestId('sign-in-password').fill(manager.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain('Manager');
    await page.getByTestId('client-search').waitFor();

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
    // The page logged one failed request on purpose (the 403 above) and the refused sign-in: nothing else.
    app.problems.splice(0, app.problems.length, ...app.problems.filter((p) => !/403|401/.test(p)));
    expectNoPageErrors(app);
  });
});
