import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber, formatPercent, formatPoints, formatSigned, MISSING } from '../../common/format.js';
import { isLang, LANGS } from '../../common/lang.js';

/** Intl separates thousands and units with (narrow) no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('common formatting (screens, letters, CLI and main write numbers the same way)', () => {
  it('numbers: whole by default, exactly n decimals in tables, up to n inside sentences', () => {
    expect(plain(formatNumber(123456, 'fr'))).toBe('123 456');
    expect(formatNumber(123456, 'en')).toBe('123,456');
    expect(formatNumber(0.78, 'fr', 3)).toBe('0,780');
    expect(formatNumber(2, 'en', { upTo: 1 })).toBe('2');
    expect(formatNumber(2.54, 'fr', { upTo: 1 })).toBe('2,5');
  });

  it('money in whole euros, percentages with one decimal, points signed with a true minus', () => {
    expect(plain(formatMoney(135000, 'fr'))).toBe('135 000 €');
    expect(formatMoney(135000, 'en')).toBe('€135,000');
    expect(plain(formatPercent(0.0934, 'fr'))).toBe('9,3 %');
    expect(formatPercent(0.1, 'en')).toBe('10.0%');
    expect(formatPercent(0.1, 'en', { upTo: 1 })).toBe('10%');
    expect(formatPoints(0.0312, 'en')).toBe('+3.1 pts');
    expect(plain(formatPoints(-0.004, 'fr'))).toBe('−0,4 pts');
    expect(formatSigned(-0.0125, 'en', 3)).toBe('−0.013');
  });

  it('a missing or non-finite value reads as a dash, never "NaN"', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(value, 'fr')).toBe(MISSING);
      expect(formatMoney(value, 'en')).toBe(MISSING);
      expect(formatPercent(value, 'fr')).toBe(MISSING);
      expect(formatPoints(value, 'en')).toBe(MISSING);
    }
  });

  it('dates by named style; a text that does not parse comes back as recorded', () => {
    const day = new Date(Date.UTC(2026, 11, 6, 12, 0));
    expect(formatDate(day, 'fr', 'longDate')).toBe('6 décembre 2026');
    expect(formatDate(day, 'en', 'longDate')).toBe('6 December 2026');
    expect(formatDate('2026-10-01T00:00:00Z', 'en', 'month')).toBe('Oct 2026');
    expect(formatDate('not a date', 'fr', 'dateTime')).toBe('not a date');
  });

  it('one list of languages', () => {
    expect(LANGS).toEqual(['fr', 'en']);
    expect(LANGS.every(isLang)).toBe(true);
    expect(isLang('de')).toBe(false);
  });
});
