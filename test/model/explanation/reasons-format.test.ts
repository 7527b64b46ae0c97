/** Values for people, unit by unit, in French and English (no model needed). */
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, FEATURES, featureByName } from '../../../model/features/feature-registry.js';
import { featureLabel, formatFeatureValue } from '../../../model/explanation/format-value.js';
import { formatPoints } from '../../../common/format.js';
import type { Lang } from '../../../common/lang.js';

/** Intl writes narrow and ordinary no-break spaces in French numbers; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const fmt = (name: string, value: number, lang: Lang) => plain(formatFeatureValue(featureByName(name)!, value, lang));

describe('formatFeatureValue', () => {
  it('reads DAYS_* counts as years (whole years from one year up), months, days', () => {
    expect(fmt('DAYS_REGISTRATION', -12_800, 'en')).toBe('35 years'); // 35.04 years
    expect(fmt('DAYS_REGISTRATION', -12_800, 'fr')).toBe('35 ans');
    expect(fmt('DAYS_REGISTRATION', -13_140, 'en')).toBe('35 years'); // 35.98 years: a duration is not rounded up
    expect(fmt('DAYS_EMPLOYED', -400, 'en')).toBe('1 year');
    expect(fmt('DAYS_EMPLOYED', -400, 'fr')).toBe('1 an');
    expect(fmt('DAYS_EMPLOYED', -200, 'en')).toBe('6 months');
    expect(fmt('DAYS_EMPLOYED', -200, 'fr')).toBe('6 mois');
    expect(fmt('DAYS_ID_PUBLISH', -12, 'en')).toBe('12 days');
    expect(fmt('DAYS_ID_PUBLISH', -12, 'fr')).toBe('12 jours');
  });

  it('reads days_ago as a time before (or after) the application', () => {
    expect(fmt('BUREAU_DAYS_CREDIT_MAX', -120, 'en')).toBe('120 days ago');
    expect(fmt('BUREAU_DAYS_CREDIT_MAX', -120, 'fr')).toBe('il y a 120 jours');
    expect(fmt('BUREAU_DAYS_CREDIT_MAX', -1, 'en')).toBe('1 day ago');
    expect(fmt('BUREAU_DAYS_CREDIT_MAX', -800, 'en')).toBe('2 years ago');
    expect(fmt('PREV_DAYS_LAST_DUE_MAX', 30, 'en')).toBe('in 30 days');
    expect(fmt('PREV_DAYS_LAST_DUE_MAX', 30, 'fr')).toBe('dans 30 jours');
  });

  it('reads amounts as euros, ratios as percentages or multiples, counts and days as numbers', () => {
    expect(fmt('AMT_CREDIT', 135_000, 'en')).toBe('€135,000');
    expect(fmt('AMT_CREDIT', 135_000, 'fr')).toBe('135 000 €');
    expect(fmt('AMT_ANNUITY', 24_700.5, 'en')).toBe('€24,701');
    expect(fmt('PAYMENT_RATE', 0.153, 'en')).toBe('15.3%');
    expect(fmt('PAYMENT_RATE', 0.153, 'fr')).toBe('15,3 %');
    expect(fmt('CREDIT_INCOME_RATIO', 3.25, 'en')).toBe('3.25 times');
    expect(fmt('CREDIT_INCOME_RATIO', 3.25, 'fr')).toBe('3,25 fois');
    expect(fmt('DOCUMENT_COUNT', 2, 'en')).toBe('2');
    expect(fmt('INST_DAYS_LATE_MEAN', 3.5, 'en')).toBe('3.5 days');
    expect(fmt('INST_DAYS_LATE_MEAN', 3.5, 'fr')).toBe('3,5 jours');
    expect(fmt('OWN_CAR_AGE', 7, 'fr')).toBe('7 ans');
    expect(fmt('EXT_SOURCE_2', 0.2629, 'en')).toBe('0.26');
    expect(fmt('EXT_SOURCE_2', 0.2629, 'fr')).toBe('0,26');
  });

  it('reads flags as yes/no and ordinal codes by their level', () => {
    expect(fmt('FLAG_OWN_CAR', 1, 'en')).toBe('yes');
    expect(fmt('FLAG_OWN_CAR', 0, 'en')).toBe('no');
    expect(fmt('FLAG_OWN_CAR', 1, 'fr')).toBe('oui');
    expect(fmt('FLAG_OWN_CAR', 0, 'fr')).toBe('non');
    expect(fmt('EDUCATION_LEVEL', 3, 'en')).toBe('Higher education');
    expect(fmt('EDUCATION_LEVEL', 3, 'fr')).toBe('Enseignement supérieur');
    expect(fmt('BUREAU_WORST_STATUS', 0, 'en')).toBe('on time');
    expect(fmt('BUREAU_WORST_STATUS', 5, 'fr')).toBe('plus de 120 jours de retard ou passé en perte');
  });

  it('reads a missing value as "not known" / "non renseigné" whatever the unit, unless missing means something', () => {
    for (const feature of FEATURES.filter((f) => !f.whenMissing)) {
      expect(formatFeatureValue(feature, NaN, 'en')).toBe('not known');
      expect(formatFeatureValue(feature, NaN, 'fr')).toBe('non renseigné');
    }
  });

  it('says "no current job" for the time in job of a pensioner (DAYS_EMPLOYED sentinel → missing)', () => {
    expect(formatFeatureValue(featureByName('DAYS_EMPLOYED')!, NaN, 'en')).toBe('no current job (pensioner, unemployed)');
    expect(formatFeatureValue(featureByName('DAYS_EMPLOYED')!, NaN, 'fr')).toBe('pas d’emploi en cours (retraité, sans emploi)');
    expect(formatFeatureValue(featureByName('DAYS_EMPLOYED')!, -3700, 'en')).toBe('10 years');
  });

  it('never shows a raw feature name, for every feature and typical values', () => {
    const raw = new RegExp(`\\b(${FEATURE_NAMES.join('|')})\\b`);
    for (const feature of FEATURES) {
      for (const value of [0, 1, 2, -400, -15_000, 0.37, 123_456.7, NaN]) {
        for (const lang of ['fr', 'en'] as const) {
          const text = `${featureLabel(feature, lang)}: ${formatFeatureValue(feature, value, lang)}`;
          expect(text, `${feature.name} = ${value} (${lang})`).not.toMatch(raw);
          expect(text).not.toMatch(/\b[A-Z]+_[A-Z0-9_]+\b/);
          expect(text).not.toMatch(/NaN|undefined|Infinity/);
        }
      }
    }
  });

  it('writes contributions as signed percentage points', () => {
    expect(plain(formatPoints(0.0312, 'en'))).toBe('+3.1 pts');
    expect(plain(formatPoints(-0.004, 'fr'))).toBe('−0,4 pts');
  });
});
