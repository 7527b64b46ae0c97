import { describe, expect, it } from 'vitest';

describe('typed i18n keys (i18next CustomTypeOptions, renderer/src/i18n/i18next-resources.d.ts)', () => {
  it('a known key reads its text; a misspelled one is refused by the compiler', async () => {
    if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-GB'] }, configurable: true });
    const { i18next } = await import('../../renderer/src/i18n/i18n');
    await import('../../renderer/src/app/app.i18n');
    const t = i18next.getFixedT('en', 'app');
    expect(t('menu.search')).toBe('Find a client');
    // @ts-expect-error a misspelled key fails `npm run typecheck` (and would show the key on screen)
    expect(t('menu.serach')).toBe('menu.serach');
    const common = i18next.getFixedT('fr', 'common');
    expect(common('groups.A')).toBe('Classe A');
  });
});
