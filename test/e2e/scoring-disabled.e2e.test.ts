/**
 * A workstation that trusts no model key, in the browser (the preview arranged as an installed app with
 * nothing deployed): the banner for IT is on every screen, in French and in English; sign-in, search and
 * the client's file work; the score says it is disabled instead of a number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineTrustedKeysDir } from '../../model/keys/trusted-keys.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { expectNoPageErrors, openApp, signIn, type E2eApp } from './support/preview-app.js';

describe('scoring disabled (no trusted model key)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await openApp({ locale: 'fr-FR', trustedKeys: [], signIn: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the banner for IT on every screen, in both languages; the client file still opens', async () => {
    const { page } = app;
    const banner = page.getByTestId('scoring-disabled');
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      `Aucune clé de confiance des modèles n’est installée sur ce poste : l’informatique doit déployer la clé publique de la banque dans ${machineTrustedKeysDir()} ou renseigner OCTROI_TRUSTED_KEYS. La notation est désactivée d’ici là.`,
    );
    // Not a development run as far as trust goes: no "DEMO key trusted" badge.
    expect(await page.getByTestId('demo-key-trusted').count()).toBe(0);

    await signIn(page, 'agent');
    await banner.waitFor();
    await page.getByTestId('client-search').fill('100002');
    await page.locator('#result-100002').click();
    await page.getByTestId('client-file').waitFor();
    // The score's place says why there is none (the code in words, then main's message for IT).
    await page.getByText('Notation désactivée').waitFor();
    expect(await page.getByTestId('decision').count()).toBe(0);
    await app.screenshot('scoring-disabled-fr');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByText('Scoring disabled').waitFor();
    expect(await banner.textContent()).toBe(
      `No trusted model key is installed on this workstation: IT must deploy the bank's public key in ${machineTrustedKeysDir()} or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then.`,
    );
    await app.screenshot('scoring-disabled-en');
    expectNoPageErrors(app);
  });
});
