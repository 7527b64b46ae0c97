import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOME_CREDIT_COLUMNS } from '../../../db/home-credit-columns.js';
import { EDUCATION_LEVELS } from '../../../model/features/application-categories.js';
import {
  APPLICATION_INPUT_COLUMNS,
  EXCLUDED_INPUTS,
  FEATURE_COUNT,
  FEATURE_DEFINITION_REVISION,
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
  FEATURES,
  LOAN_TERM_FEATURES,
  MODEL_INPUTS,
  REVIEWED_INPUTS,
  inputByKey,
  featureByName,
  featureSetVersion,
  type FeatureUnit,
} from '../../../model/features/feature-registry.js';
import { FIXTURE_DIR } from '../../support/paths.js';
import { expectVocabularyKnowsEveryValue } from '../../support/vocabulary-checks.js';

const UNITS: readonly FeatureUnit[] = [
  'years_from_days', 'days_ago', 'days', 'years', 'months', 'currency', 'ratio', 'ratio_percent', 'count', 'flag',
  'category_flag', 'ordinal', 'score_0_1', 'plain',
];

const columnsOf = (table: string): string[] =>
  (HOME_CREDIT_COLUMNS[table as keyof typeof HOME_CREDIT_COLUMNS] ?? []).map(([name]) => name);

describe('feature registry', () => {
  it('names every feature once, UPPER_SNAKE, in the order of the vector', () => {
    expect(FEATURE_COUNT).toBe(FEATURES.length);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    FEATURES.forEach((feature, i) => {
      expect(feature.name).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(feature.index).toBe(i);
      expect(FEATURE_NAMES[i]).toBe(feature.name);
      expect(featureByName(feature.name)).toBe(feature);
    });
    expect(featureByName('CODE_GENDER')).toBeUndefined();
    expect(featureByName('NO_SUCH_FEATURE')).toBeUndefined();
  });

  it('gives every feature labels in French and English (never the raw name), a unit and real source columns', () => {
    for (const feature of FEATURES) {
      expect(feature.label.en.trim(), feature.name).not.toBe('');
      expect(feature.label.fr.trim(), feature.name).not.toBe('');
      expect(feature.label.en, feature.name).not.toContain(feature.name);
      expect(feature.label.fr, feature.name).not.toContain(feature.name);
      expect(UNITS, feature.name).toContain(feature.unit);
      expect(feature.inputs.length, feature.name).toBeGreaterThan(0);
      for (const input of feature.inputs) {
        const [table, column] = input.split('.') as [string, string];
        expect(columnsOf(table), `${feature.name} reads ${input}`).toContain(column);
      }
      if (feature.group === 'application') expect(feature.whenNoHistory, feature.name).toBeNull();
      else expect(['zero', 'missing'], feature.name).toContain(feature.whenNoHistory);
      if (feature.unit === 'ordinal') expect(feature.levels?.length, feature.name).toBeGreaterThan(1);
      if (feature.unit === 'category_flag') expect(feature.categoryValues?.length, feature.name).toBeGreaterThan(0);
    }
    const labels = FEATURES.map((f) => f.label.en);
    expect(new Set(labels).size, 'two features share an English label').toBe(labels.length);
    expect(featureByName('DAYS_EMPLOYED')!.label).toEqual({ en: 'Time in current job', fr: "Ancienneté dans l'emploi" });
    expect(featureByName('EXT_SOURCE_3')!.label).toEqual({ en: 'External score 3', fr: 'Score externe 3' });
    expect(featureByName('DAYS_EMPLOYED')!.unit).toBe('years_from_days');
  });

  it('has the features the issue asks for', () => {
    for (const name of [
      'CREDIT_INCOME_RATIO', 'ANNUITY_INCOME_RATIO', 'PAYMENT_RATE', 'GOODS_CREDIT_RATIO', 'DAYS_EMPLOYED',
      'INCOME_PER_PERSON', 'CREDIT_TERM', 'EXT_SOURCE_MEAN', 'EXT_SOURCE_MIN', 'EXT_SOURCE_MAX', 'EXT_SOURCE_PRODUCT',
      'EXT_SOURCE_STD', 'EXT_SOURCE_MISSING_COUNT', 'DAYS_EMPLOYED_ANOMALY', 'EDUCATION_LEVEL', 'BUREAU_COUNT',
      'BUREAU_ACTIVE_COUNT', 'BUREAU_CLOSED_COUNT', 'BUREAU_DEBT_SUM', 'BUREAU_ACTIVE_DEBT_SUM', 'BUREAU_DEBT_CREDIT_RATIO',
      'BUREAU_OVERDUE_SUM', 'BUREAU_MAX_OVERDUE_AMOUNT', 'BUREAU_PROLONG_SUM', 'BUREAU_WORST_STATUS',
      'BUREAU_LATE_MONTH_SHARE', 'BUREAU_DAYS_CREDIT_MAX', 'BUREAU_DAYS_UPDATE_MAX', 'PREV_COUNT', 'PREV_APPROVED_SHARE',
      'PREV_REFUSED_SHARE', 'PREV_ASKED_GRANTED_RATIO_MEAN', 'PREV_ASKED_GRANTED_RATIO_MIN', 'PREV_DAYS_DECISION_MAX',
      'PREV_CNT_PAYMENT_MEAN', 'POS_MONTHS_COUNT', 'POS_DPD_MAX', 'POS_DPD_MEAN', 'POS_LATE_MONTH_SHARE',
      'POS_COMPLETED_COUNT', 'INST_COUNT', 'INST_LATE_SHARE', 'INST_DAYS_LATE_MEAN', 'INST_DAYS_LATE_MAX',
      'INST_PAID_DUE_RATIO', 'INST_SHORT_PAYMENT_SHARE', 'INST_UNDERPAID_SUM', 'CC_UTILISATION_MEAN',
      'CC_UTILISATION_MAX', 'CC_DRAWINGS_MEAN', 'CC_DPD_MAX', 'CC_MONTHS_COUNT',
    ]) {
      expect(featureByName(name), name).toBeDefined();
    }
    expect(featureByName('NAME_INCOME_TYPE_PENSIONER')!.unit).toBe('category_flag');
    expect(featureByName('EDUCATION_LEVEL')!.levels).toHaveLength(EDUCATION_LEVELS.length);
    // The employment/age ratio was dropped with age itself (a protected attribute); time in the job stays.
    expect(featureByName('EMPLOYED_AGE_RATIO')).toBeUndefined();
    expect(featureByName('DAYS_BIRTH')).toBeUndefined();
  });

  it('versions the ordered name list, and the version changes with the list', () => {
    expect(FEATURE_SET_VERSION).toMatch(/^[0-9a-f]{12}$/);
    expect(featureSetVersion(FEATURE_NAMES)).toBe(FEATURE_SET_VERSION);
    const names = [...FEATURE_NAMES];
    expect(featureSetVersion(names.slice(1))).not.toBe(FEATURE_SET_VERSION);
    expect(featureSetVersion([...names, 'ONE_MORE'])).not.toBe(FEATURE_SET_VERSION);
    expect(featureSetVersion([names[1]!, names[0]!, ...names.slice(2)])).not.toBe(FEATURE_SET_VERSION);
    expect(featureSetVersion(names, FEATURE_DEFINITION_REVISION + 1)).not.toBe(FEATURE_SET_VERSION);
  });

  it('marks the features a counter-offer changes through the loan terms they derive from', () => {
    expect(featureByName('CREDIT_INCOME_RATIO')!.loanTerms).toEqual(['AMT_CREDIT']);
    expect(featureByName('PAYMENT_RATE')!.loanTerms).toEqual(['AMT_CREDIT', 'AMT_ANNUITY']);
    expect(featureByName('ANNUITY_INCOME_RATIO')!.loanTerms).toEqual(['AMT_ANNUITY']);
    expect(featureByName('AMT_GOODS_PRICE')!.loanTerms).toEqual([]);
    expect(featureByName('EXT_SOURCE_MEAN')!.loanTerms).toEqual([]);
    expect(featureByName('BUREAU_DEBT_SUM')!.loanTerms).toEqual([]);
    expect(LOAN_TERM_FEATURES).toEqual(FEATURES.filter((f) => f.loanTerms.length).map((f) => f.name));
    expect(LOAN_TERM_FEATURES).toEqual(expect.arrayContaining(['AMT_CREDIT', 'AMT_ANNUITY', 'CREDIT_TERM', 'GOODS_CREDIT_RATIO']));
  });
});

describe('excluded inputs', () => {
  const excluded = EXCLUDED_INPUTS.map((e) => e.column);

  it('excludes CODE_GENDER, with a reason, and no feature reads it', () => {
    const gender = EXCLUDED_INPUTS.find((e) => e.column === 'CODE_GENDER');
    expect(gender?.reason).toMatch(/protected/i);
    for (const feature of FEATURES) expect(feature.inputs, feature.name).not.toContain('application.CODE_GENDER');
  });

  it('excludes age (DAYS_BIRTH), with its legal grounds, and no feature reads it, not even through a ratio', () => {
    const age = EXCLUDED_INPUTS.find((e) => e.column === 'DAYS_BIRTH');
    expect(age?.reason).toMatch(/protected attribute \(age\)/i);
    expect(age?.reason).toMatch(/Charter of Fundamental Rights art\. 21/);
    expect(age?.reason).toMatch(/2023\/2225 art\. 6/);
    expect(age?.reason).toMatch(/225-1/);
    expect(age?.reason).toMatch(/fairness/);
    for (const feature of FEATURES) expect(feature.inputs, feature.name).not.toContain('application.DAYS_BIRTH');
    expect(APPLICATION_INPUT_COLUMNS).not.toContain('DAYS_BIRTH');
    expect(REVIEWED_INPUTS.flatMap((r) => r.columns)).not.toContain('DAYS_BIRTH');
  });

  it('excludes family situation (status, children) and who came along, with art. 225-1 as the reason; household size only as income per member', () => {
    for (const column of ['NAME_FAMILY_STATUS', 'CNT_CHILDREN', 'NAME_TYPE_SUITE']) {
      const entry = EXCLUDED_INPUTS.find((e) => e.column === column);
      expect(entry?.reason, column).toMatch(/famil/i);
      expect(entry?.reason, column).toMatch(/225-1/);
      for (const feature of FEATURES) expect(feature.inputs, feature.name).not.toContain(`application.${column}`);
    }
    expect(FEATURES.filter((f) => f.inputs.includes('application.CNT_FAM_MEMBERS')).map((f) => f.name)).toEqual(['INCOME_PER_PERSON']);
    expect(REVIEWED_INPUTS.find((r) => r.columns.includes('CNT_FAM_MEMBERS'))?.reason).toMatch(/affordability/i);
    expect(FEATURE_NAMES.some((name) => name.startsWith('NAME_FAMILY_STATUS') || name.startsWith('NAME_TYPE_SUITE'))).toBe(false);
  });

  it('excludes where the applicant lives (region ratings and density, the building) and the social circle, each with its reason', () => {
    const reasonOf = (column: string) => EXCLUDED_INPUTS.find((e) => e.column === column)?.reason ?? '';
    for (const column of ['REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY', 'REGION_POPULATION_RELATIVE', 'APARTMENTS_AVG', 'TOTALAREA_MODE', 'EMERGENCYSTATE_MODE']) {
      expect(reasonOf(column), column).toMatch(/place of residence/);
    }
    for (const column of ['OBS_30_CNT_SOCIAL_CIRCLE', 'DEF_60_CNT_SOCIAL_CIRCLE']) expect(reasonOf(column), column).toMatch(/2023\/2225 art\. 18/);
  });

  it('accounts for every application column exactly once: read by a feature, or excluded with a reason', () => {
    expect(new Set(excluded).size).toBe(excluded.length);
    for (const e of EXCLUDED_INPUTS) expect(e.reason.length, e.column).toBeGreaterThan(20);
    const read = new Set(APPLICATION_INPUT_COLUMNS);
    for (const column of columnsOf('application')) {
      const isRead = read.has(column);
      const isExcluded = excluded.includes(column);
      expect(isRead !== isExcluded, `${column}: read ${isRead}, excluded ${isExcluded}`).toBe(true);
    }
    // Every column the model reads has its decision written: kept, in exactly one reviewed group, with a reason.
    const reviewed = REVIEWED_INPUTS.flatMap((r) => r.columns);
    for (const column of read) expect(reviewed.filter((c) => c === column).length, column).toBe(1);
    for (const column of reviewed) expect(read.has(column), column).toBe(true);
    for (const r of REVIEWED_INPUTS) expect(r.reason.length, r.columns.join()).toBeGreaterThan(40);
  });
});

describe('model inputs', () => {
  it('gives every column exactly one input, the one-hot flags of an application field one input together', () => {
    const covered = MODEL_INPUTS.flatMap((input) => input.features);
    expect([...covered].sort((a, b) => a - b)).toEqual(FEATURES.map((f) => f.index));
    for (const feature of FEATURES) {
      const input = inputByKey(feature.input)!;
      expect(input.features, feature.name).toContain(feature.index);
      if (feature.unit === 'category_flag') expect(input.key, feature.name).toBe(feature.inputs[0]!.slice('application.'.length));
    }
    expect(inputByKey('ORGANIZATION_TYPE')!.features).toHaveLength(16);
    expect(inputByKey('OCCUPATION_TYPE')!.label.en).toBe('Occupation');
    expect(inputByKey('DAYS_EMPLOYED')!.features.map((i) => FEATURES[i]!.name)).toEqual(['DAYS_EMPLOYED', 'DAYS_EMPLOYED_ANOMALY']);
    expect(inputByKey('BUREAU_DEBT_SUM')!.source).toBe('history');
  });

  it('labels every input uniquely in both languages (one row per label in every plot)', () => {
    for (const lang of ['en', 'fr'] as const) {
      const labels = MODEL_INPUTS.map((input) => input.label[lang]);
      expect(new Set(labels).size, lang).toBe(labels.length);
    }
  });
});

describe('fixed category vocabulary', () => {
  it('knows every value the fixture holds (real rows: test/real-data/)', () => {
    expectVocabularyKnowsEveryValue([path.join(FIXTURE_DIR, 'application_train.csv'), path.join(FIXTURE_DIR, 'application_test.csv')]);
  });
});
