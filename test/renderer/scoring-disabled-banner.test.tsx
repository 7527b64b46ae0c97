// @vitest-environment jsdom
/**
 * The banner a window shows while the workstation refuses to score: main's reason in the user's language,
 * from the same typed catalogue main words its refusals with (so IT reads on screen what every refused
 * verb answers), with the machine-wide key folder; nothing while scoring works.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScoringDisabledBanner } from '../../renderer/src/app/scoring-disabled-banner';
import { i18next } from '../../renderer/src/i18n/i18n';
import { scoringDisabledMessage, type ScoringDisabled } from '../../model/keys/trusted-keys';

afterEach(cleanup);

const noKey: ScoringDisabled = { reason: 'no-trusted-key', folder: 'C:\\ProgramData\\Octroi\\trusted-keys', keyId: null };
const demoSigned: ScoringDisabled = { reason: 'demo-key-model', folder: '/etc/octroi/trusted-keys', keyId: '0123456789abcdef' };

describe('ScoringDisabledBanner', () => {
  it.each([
    { lang: 'en' as const, disabled: noKey, expected: "No trusted model key is installed on this workstation: IT must deploy the bank's public key in C:\\ProgramData\\Octroi\\trusted-keys or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then." },
    { lang: 'fr' as const, disabled: noKey, expected: 'Aucune clé de confiance des modèles n’est installée sur ce poste : l’informatique doit déployer la clé publique de la banque dans C:\\ProgramData\\Octroi\\trusted-keys ou renseigner OCTROI_TRUSTED_KEYS. La notation est désactivée d’ici là.' },
  ])('says why scoring is disabled, for IT, as an alert ($lang)', async ({ lang, disabled, expected }) => {
    await i18next.changeLanguage(lang);
    render(<ScoringDisabledBanner disabled={disabled} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toBe(expected);
    // The very words main refuses every scoring verb with.
    expect(banner.textContent).toBe(scoringDisabledMessage(disabled, lang));
  });

  it('names the DEMO key when the model is signed with it, in both languages', async () => {
    for (const lang of ['en', 'fr'] as const) {
      await i18next.changeLanguage(lang);
      render(<ScoringDisabledBanner disabled={demoSigned} />);
      expect(screen.getByTestId('scoring-disabled').textContent).toBe(scoringDisabledMessage(demoSigned, lang));
      expect(screen.getByTestId('scoring-disabled').textContent).toContain('DEMO');
      cleanup();
    }
  });

  it('shows nothing while scoring works', () => {
    const { container } = render(<ScoringDisabledBanner disabled={null} />);
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
