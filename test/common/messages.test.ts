import { describe, expect, it } from 'vitest';
import { CATALOGUES, message, messages } from '../../common/messages/catalogue.js';
import { LANGS } from '../../common/lang.js';

/** Every dotted key of a catalogue, with the type of its value. */
function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [`${prefix}: string`];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

describe('the message catalogue of main, the CLI and letters', () => {
  it('has exactly the same keys in French and English, and no empty text', () => {
    expect(keysOf(CATALOGUES.fr).sort()).toEqual(keysOf(CATALOGUES.en).sort());
    for (const lang of LANGS) {
      const texts: string[] = [];
      (function collect(node: unknown) {
        if (typeof node === 'string') texts.push(node);
        else Object.values(node as Record<string, unknown>).forEach(collect);
      })(CATALOGUES[lang]);
      expect(texts.filter((text) => text.trim() === '')).toEqual([]);
    }
  });

  it('reads a string by typed path or by property', () => {
    expect(message('fr', 'groups.A')).toBe('Classe A');
    expect(messages('en').score.noOfferReasons['at-longest-term']).toBe('the term asked is already the longest offered');
    // A key the compiler would refuse still fails clearly at run time (e.g. built from data).
    expect(() => message('en', 'groups' as never)).toThrow(/groups: not a string of the en catalogue/);
  });
});
