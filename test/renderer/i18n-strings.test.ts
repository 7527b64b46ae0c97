// @vitest-environment jsdom
/** Every screen's strings exist in French and in English with the same keys, and none is empty. */
import { describe, expect, it } from 'vitest';
import { registeredStrings, systemLang } from '../../renderer/src/i18n/i18n';

// Load every *.i18n.ts (each calls addStrings on import).
const modules = import.meta.glob('../../renderer/src/**/*.i18n.ts', { eager: true });

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [value];
  return Object.values(value as Record<string, unknown>).flatMap(leaves);
}

describe('interface strings', () => {
  it('loads the string files', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(3);
    expect(registeredStrings().size).toBeGreaterThan(3);
  });

  it.each([...registeredStrings().entries()].map(([namespace, strings]) => ({ namespace, strings })))(
    'namespace $namespace has the same keys in fr and en, all non-empty strings',
    ({ strings }) => {
      expect(keys(strings.en).sort()).toEqual(keys(strings.fr).sort());
      for (const leaf of [...leaves(strings.fr), ...leaves(strings.en)]) {
        expect(typeof leaf).toBe('string');
        expect((leaf as string).trim()).not.toBe('');
      }
    },
  );

  it('interpolations name the same variables in both languages', () => {
    for (const [namespace, strings] of registeredStrings()) {
      const fr = Object.fromEntries(keys(strings.fr).map((key) => [key, key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], strings.fr)]));
      const en = Object.fromEntries(keys(strings.en).map((key) => [key, key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], strings.en)]));
      for (const key of Object.keys(fr)) {
        const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
        expect(vars(en[key]), `${namespace}:${key}`).toEqual(vars(fr[key]));
      }
    }
  });

  it('follows the system language when it is French or English, else French', () => {
    expect(systemLang(['en-US', 'fr'])).toBe('en');
    expect(systemLang(['de-DE', 'fr-CA'])).toBe('fr');
    expect(systemLang(['de-DE'])).toBe('fr');
    expect(systemLang([])).toBe('fr');
  });
});
