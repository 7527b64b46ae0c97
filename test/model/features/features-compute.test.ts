import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HOME_CREDIT_COLUMNS } from '../../../db/home-credit-columns.js';
import {
  applicationOnlyRecords,
  type ApplicationRow,
  type BureauRecord,
  type ClientRecords,
  type CreditCardRow,
  type InstallmentRow,
  type PosCashRow,
  type PreviousApplicationRow,
} from '../../../model/features/client-records.js';
import { computeFeatures, computeFeaturesInto } from '../../../model/features/compute-features.js';
import { EXCLUDED_INPUTS, FEATURE_COUNT, FEATURES, featureByName } from '../../../model/features/feature-registry.js';
import { FIXTURE_DIR } from '../../support/paths.js';

/** The application rows of the fixture, typed as the database returns them. */
function fixtureApplications(): ApplicationRow[] {
  const kinds = new Map<string, string>(HOME_CREDIT_COLUMNS.application.map(([name, kind]) => [name, kind]));
  return ['application_train.csv', 'application_test.csv'].flatMap((file) =>
    (parse(fs.readFileSync(path.join(FIXTURE_DIR, file)), { columns: true }) as Record<string, string>[]).map((raw) => {
      const row: Record<string, unknown> = {};
      for (const [column, text] of Object.entries(raw)) {
        row[column] = text === '' ? null : kinds.get(column) === 'text' ? text : Number(text);
      }
      return row as ApplicationRow;
    }),
  );
}

const APPLICATIONS = fixtureApplications();
// A working, single labourer of a business entity with a cash loan and all three external scores.
const app100307 = APPLICATIONS.find((row) => row.SK_ID_CURR === 100307)!;

/** The value of one named feature in a vector. */
function value(vector: Float64Array, name: string): number {
  const feature = featureByName(name);
  if (!feature) throw new Error(`no feature ${name}`);
  return vector[feature.index]!;
}

function records(application: ApplicationRow, history: Partial<ClientRecords> = {}): ClientRecords {
  return { ...applicationOnlyRecords(application), ...history };
}

const credit = (fields: Partial<BureauRecord>): BureauRecord => ({
  SK_ID_CURR: 1,
  SK_ID_BUREAU: 1,
  CREDIT_ACTIVE: 'Active',
  CREDIT_TYPE: 'Consumer credit',
  DAYS_CREDIT: -100,
  CREDIT_DAY_OVERDUE: 0,
  AMT_CREDIT_MAX_OVERDUE: null,
  CNT_CREDIT_PROLONG: 0,
  AMT_CREDIT_SUM: 1000,
  AMT_CREDIT_SUM_DEBT: 500,
  AMT_CREDIT_SUM_OVERDUE: 0,
  DAYS_CREDIT_UPDATE: -10,
  balance: [],
  ...fields,
});

describe('computeFeatures on the application', () => {
  it('gives one value per registered feature, and the known ratios of client 100307', () => {
    const vector = computeFeatures(records(app100307));
    expect(vector).toBeInstanceOf(Float64Array);
    expect(vector).toHaveLength(FEATURE_COUNT);
    expect(value(vector, 'CREDIT_INCOME_RATIO')).toBe(45000 / 112500);
    expect(value(vector, 'ANNUITY_INCOME_RATIO')).toBe(3617 / 112500);
    expect(value(vector, 'PAYMENT_RATE')).toBe(3617 / 45000);
    expect(value(vector, 'GOODS_CREDIT_RATIO')).toBe(45000 / 45000);
    expect(value(vector, 'CREDIT_TERM')).toBe(45000 / 3617);
    expect(value(vector, 'INCOME_PER_PERSON')).toBe(112500 / 1);
    expect(value(vector, 'AMT_CREDIT')).toBe(45000);
    expect(value(vector, 'DAYS_EMPLOYED')).toBe(-779);
    expect(value(vector, 'DAYS_EMPLOYED_ANOMALY')).toBe(0);
    expect(value(vector, 'OWN_CAR_AGE')).toBeNaN(); // empty in the file
    expect(value(vector, 'FLAG_OWN_CAR')).toBe(0); // N
    expect(value(vector, 'FLAG_OWN_REALTY')).toBe(1); // Y
    expect(value(vector, 'EDUCATION_LEVEL')).toBe(1); // Secondary / secondary special
    expect(value(vector, 'NAME_INCOME_TYPE_WORKING')).toBe(1);
    expect(value(vector, 'NAME_INCOME_TYPE_PENSIONER')).toBe(0);
    expect(value(vector, 'OCCUPATION_TYPE_LABORERS')).toBe(1);
    expect(value(vector, 'ORGANIZATION_SECTOR_BUSINESS')).toBe(1); // Business Entity Type 3
    expect(value(vector, 'NAME_CONTRACT_TYPE_REVOLVING_LOANS')).toBe(0); // Cash loans

    const scores = [app100307.EXT_SOURCE_1!, app100307.EXT_SOURCE_2!, app100307.EXT_SOURCE_3!];
    const mean = (scores[0]! + scores[1]! + scores[2]!) / 3;
    expect(value(vector, 'EXT_SOURCE_MEAN')).toBe(mean);
    expect(value(vector, 'EXT_SOURCE_MIN')).toBe(Math.min(...scores));
    expect(value(vector, 'EXT_SOURCE_MAX')).toBe(Math.max(...scores));
    expect(value(vector, 'EXT_SOURCE_PRODUCT')).toBe(scores[0]! * scores[1]! * scores[2]!);
    expect(value(vector, 'EXT_SOURCE_STD')).toBeCloseTo(Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / 3), 15);
    expect(value(vector, 'EXT_SOURCE_MISSING_COUNT')).toBe(0);
  });

  it('reads the DAYS_EMPLOYED sentinel as a flag and a missing duration', () => {
    const pensioner = APPLICATIONS.find((row) => row.DAYS_EMPLOYED === 365243)!;
    expect(pensioner).toBeDefined();
    const vector = computeFeatures(records(pensioner));
    expect(value(vector, 'DAYS_EMPLOYED_ANOMALY')).toBe(1);
    expect(value(vector, 'DAYS_EMPLOYED')).toBeNaN();
    const unknown = computeFeatures(records({ ...pensioner, DAYS_EMPLOYED: null }));
    expect(value(unknown, 'DAYS_EMPLOYED_ANOMALY')).toBeNaN();
  });

  it('computes an application not yet saved: a few typed fields, no id, no history', () => {
    const typed: ApplicationRow = {
      AMT_INCOME_TOTAL: 30000,
      AMT_CREDIT: 120000,
      AMT_ANNUITY: 6000,
      DAYS_BIRTH: -12000,
      NAME_EDUCATION_TYPE: 'Higher education',
      EXT_SOURCE_2: 0.6,
    };
    const vector = computeFeatures(applicationOnlyRecords(typed));
    expect(value(vector, 'CREDIT_INCOME_RATIO')).toBe(4);
    expect(value(vector, 'PAYMENT_RATE')).toBe(0.05);
    expect(value(vector, 'EDUCATION_LEVEL')).toBe(3);
    expect(value(vector, 'EXT_SOURCE_MEAN')).toBe(0.6);
    expect(value(vector, 'EXT_SOURCE_STD')).toBeNaN(); // one score: no spread
    expect(value(vector, 'EXT_SOURCE_PRODUCT')).toBeNaN();
    expect(value(vector, 'EXT_SOURCE_MISSING_COUNT')).toBe(2);
    expect(value(vector, 'GOODS_CREDIT_RATIO')).toBeNaN();
    expect(value(vector, 'OCCUPATION_TYPE_LABORERS')).toBeNaN(); // not given: unknown, not "no"
    expect(value(vector, 'BUREAU_COUNT')).toBe(0);
    expect(value(vector, 'BUREAU_ACTIVE_DEBT_INCOME_RATIO')).toBe(0);
  });

  it('encodes categories: NULL and empty as missing, a value outside the vocabulary as none of the flags', () => {
    const flags = (row: ApplicationRow, prefix: string) => {
      const vector = computeFeatures(records(row));
      return FEATURES.filter((f) => f.name.startsWith(prefix)).map((f) => vector[f.index]);
    };
    expect(flags({ ...app100307, NAME_HOUSING_TYPE: null }, 'NAME_HOUSING_TYPE_').every(Number.isNaN)).toBe(true);
    expect(flags({ ...app100307, NAME_HOUSING_TYPE: '' }, 'NAME_HOUSING_TYPE_').every(Number.isNaN)).toBe(true);
    expect(flags({ ...app100307, NAME_HOUSING_TYPE: 'Martian' }, 'NAME_HOUSING_TYPE_')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(flags({ ...app100307, NAME_HOUSING_TYPE: 'Co-op apartment' }, 'NAME_HOUSING_TYPE_')).toEqual([0, 0, 0, 0, 0, 1]);
    // Family status is no input: no value of it changes the vector.
    const married = computeFeatures(records({ ...app100307, NAME_FAMILY_STATUS: 'Married', CNT_CHILDREN: 0 }));
    const widow = computeFeatures(records({ ...app100307, NAME_FAMILY_STATUS: 'Widow', CNT_CHILDREN: 3 }));
    expect(Array.from(widow)).toEqual(Array.from(married));
    // Maternity leave reads as employment: pregnancy sets no flag of its own.
    expect(flags({ ...app100307, NAME_INCOME_TYPE: 'Maternity leave' }, 'NAME_INCOME_TYPE_')).toEqual(flags({ ...app100307, NAME_INCOME_TYPE: 'Working' }, 'NAME_INCOME_TYPE_'));
    expect(flags({ ...app100307, ORGANIZATION_TYPE: 'Industry: type 9' }, 'ORGANIZATION_SECTOR_INDUSTRY')).toEqual([1]);
    expect(flags({ ...app100307, ORGANIZATION_TYPE: 'XNA' }, 'ORGANIZATION_SECTOR_NONE')).toEqual([1]);
    expect(flags({ ...app100307, NAME_CONTRACT_TYPE: 'Revolving loans' }, 'NAME_CONTRACT_TYPE_')).toEqual([1]);
    expect(flags({ ...app100307, NAME_INCOME_TYPE: 'Student' }, 'NAME_INCOME_TYPE_OTHER')).toEqual([1]);
  });

  it('gives the same vector whatever the excluded inputs hold (sex and age first of all)', () => {
    const replacement = (column: string, current: unknown): unknown => {
      if (column === 'CODE_GENDER') return current === 'M' ? 'F' : 'M';
      // An applicant of 20 becomes one of 79 and the other way round: nothing the model reads may move.
      if (column === 'DAYS_BIRTH') return (current as number) > -15_000 ? -29_000 : -7_300;
      return typeof current === 'string' ? `${current}-changed` : typeof current === 'number' ? current + 7 : 'filled';
    };
    for (const row of APPLICATIONS.slice(0, 50)) {
      const base = computeFeatures(records(row));
      for (const { column } of EXCLUDED_INPUTS) {
        const changed = { ...row, [column]: replacement(column, row[column as keyof ApplicationRow]) };
        expect(computeFeatures(records(changed)), `${row.SK_ID_CURR} ${column}`).toEqual(base);
      }
      const xna = computeFeatures(records({ ...row, CODE_GENDER: 'XNA' }));
      expect(xna).toEqual(base);
    }
  });

  it('never returns −0 or an infinity, and a reused buffer keeps nothing of the previous client', () => {
    // −0 days in the job is what converting 0 years typed in the form gives (−Math.round(0 × 365.25)).
    const zeroIncome = computeFeatures(records({ ...app100307, AMT_INCOME_TOTAL: 0, DAYS_EMPLOYED: -0 }));
    expect(value(zeroIncome, 'CREDIT_INCOME_RATIO')).toBeNaN();
    expect(Object.is(value(zeroIncome, 'DAYS_EMPLOYED'), 0)).toBe(true);
    for (const v of zeroIncome) expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true);

    const buffer = new Float64Array(FEATURE_COUNT);
    const withHistory = records(app100307, { bureau: [credit({ AMT_CREDIT_MAX_OVERDUE: 99 })] });
    computeFeaturesInto(withHistory, buffer);
    expect(value(buffer, 'BUREAU_MAX_OVERDUE_AMOUNT')).toBe(99);
    computeFeaturesInto(records(app100307), buffer);
    expect(Array.from(buffer)).toEqual(Array.from(computeFeatures(records(app100307))));
    expect(() => computeFeaturesInto(records(app100307), new Float64Array(3))).toThrow(/3 values/);
  });
});

describe('computeFeatures on the history tables', () => {
  it('gives a client with no history true zeros for counts and sums, and NaN for what is undefined', () => {
    const vector = computeFeatures(records(app100307));
    const history = FEATURES.filter((f) => f.group !== 'application');
    expect(history.length).toBeGreaterThan(40);
    for (const feature of history) {
      const v = vector[feature.index]!;
      if (feature.whenNoHistory === 'zero') expect(v, feature.name).toBe(0);
      else expect(v, feature.name).toBeNaN();
    }
    for (const name of ['BUREAU_COUNT', 'PREV_COUNT', 'POS_MONTHS_COUNT', 'INST_COUNT', 'CC_MONTHS_COUNT', 'BUREAU_DEBT_SUM']) {
      expect(value(vector, name), name).toBe(0);
    }
    for (const name of ['BUREAU_WORST_STATUS', 'PREV_REFUSED_SHARE', 'INST_PAID_DUE_RATIO', 'CC_UTILISATION_MEAN', 'POS_DPD_MEAN']) {
      expect(value(vector, name), name).toBeNaN();
    }
  });

  it('aggregates bureau credits and their monthly statuses (C and X say nothing about lateness)', () => {
    const month = (SK_ID_BUREAU: number, MONTHS_BALANCE: number, STATUS: string) => ({ SK_ID_BUREAU, MONTHS_BALANCE, STATUS });
    const bureau = [
      credit({ SK_ID_BUREAU: 1, balance: [month(1, -3, 'C'), month(1, -2, '0'), month(1, -1, '2')] }),
      credit({ SK_ID_BUREAU: 2, CREDIT_ACTIVE: 'Closed', AMT_CREDIT_SUM_DEBT: 0, DAYS_CREDIT: -900, balance: [month(2, -5, 'X'), month(2, -4, '0')] }),
      credit({ SK_ID_BUREAU: 3, CREDIT_ACTIVE: 'Sold', AMT_CREDIT_SUM_DEBT: null, AMT_CREDIT_SUM_OVERDUE: 250, CREDIT_TYPE: 'Microloan' }),
    ];
    const vector = computeFeatures(records({ ...app100307, AMT_INCOME_TOTAL: 1000 }, { bureau }));
    expect(value(vector, 'BUREAU_COUNT')).toBe(3);
    expect(value(vector, 'BUREAU_ACTIVE_COUNT')).toBe(1);
    expect(value(vector, 'BUREAU_CLOSED_COUNT')).toBe(1);
    expect(value(vector, 'BUREAU_BAD_DEBT_COUNT')).toBe(1);
    expect(value(vector, 'BUREAU_MICROLOAN_COUNT')).toBe(1);
    expect(value(vector, 'BUREAU_ACTIVE_SHARE')).toBe(1 / 3);
    expect(value(vector, 'BUREAU_CREDIT_SUM')).toBe(3000);
    expect(value(vector, 'BUREAU_DEBT_SUM')).toBe(500);
    expect(value(vector, 'BUREAU_ACTIVE_DEBT_SUM')).toBe(500);
    expect(value(vector, 'BUREAU_DEBT_CREDIT_RATIO')).toBe(500 / 2000); // only credits with both amounts
    expect(value(vector, 'BUREAU_ACTIVE_DEBT_INCOME_RATIO')).toBe(0.5);
    expect(value(vector, 'BUREAU_OVERDUE_SUM')).toBe(250);
    expect(value(vector, 'BUREAU_MAX_OVERDUE_AMOUNT')).toBeNaN(); // never known
    expect(value(vector, 'BUREAU_DAYS_CREDIT_MAX')).toBe(-100);
    expect(value(vector, 'BUREAU_DAYS_CREDIT_MIN')).toBe(-900);
    expect(value(vector, 'BUREAU_BALANCE_MONTHS')).toBe(5);
    expect(value(vector, 'BUREAU_WORST_STATUS')).toBe(2);
    expect(value(vector, 'BUREAU_LATE_MONTH_SHARE')).toBe(1 / 3); // one late among 0, 2, 0
  });

  it('keeps an unknown sum unknown: rows whose amounts are all NULL are not a zero debt', () => {
    const vector = computeFeatures(records(app100307, { bureau: [credit({ AMT_CREDIT_SUM_DEBT: null })] }));
    expect(value(vector, 'BUREAU_DEBT_SUM')).toBeNaN();
    expect(value(vector, 'BUREAU_ACTIVE_DEBT_SUM')).toBeNaN();
    expect(value(vector, 'BUREAU_ACTIVE_DEBT_INCOME_RATIO')).toBeNaN();
  });

  it('aggregates previous applications, reading the DAYS_* sentinel as missing', () => {
    const previous = (fields: Partial<PreviousApplicationRow>): PreviousApplicationRow => ({
      SK_ID_PREV: 1,
      SK_ID_CURR: 1,
      AMT_APPLICATION: 100,
      AMT_CREDIT: 100,
      NAME_CONTRACT_STATUS: 'Approved',
      DAYS_DECISION: -50,
      CNT_PAYMENT: 12,
      DAYS_LAST_DUE_1ST_VERSION: 365243,
      DAYS_TERMINATION: 365243,
      ...fields,
    });
    const rows = [
      previous({ AMT_APPLICATION: 120, DAYS_TERMINATION: -400 }),
      previous({ NAME_CONTRACT_STATUS: 'Refused', AMT_CREDIT: 0, DAYS_DECISION: -10, CNT_PAYMENT: null }),
      previous({ NAME_CONTRACT_STATUS: 'Canceled', AMT_APPLICATION: 50, CNT_PAYMENT: 24, DAYS_LAST_DUE_1ST_VERSION: -30 }),
    ];
    const vector = computeFeatures(records(app100307, { previousApplications: rows }));
    expect(value(vector, 'PREV_COUNT')).toBe(3);
    expect(value(vector, 'PREV_REFUSED_COUNT')).toBe(1);
    expect(value(vector, 'PREV_APPROVED_SHARE')).toBe(1 / 3);
    expect(value(vector, 'PREV_REFUSED_SHARE')).toBe(1 / 3);
    expect(value(vector, 'PREV_ASKED_GRANTED_RATIO_MEAN')).toBe((1.2 + 0.5) / 2); // nothing granted: no ratio
    expect(value(vector, 'PREV_ASKED_GRANTED_RATIO_MIN')).toBe(0.5);
    expect(value(vector, 'PREV_ASKED_GRANTED_RATIO_MAX')).toBe(1.2);
    expect(value(vector, 'PREV_DAYS_DECISION_MAX')).toBe(-10);
    expect(value(vector, 'PREV_CNT_PAYMENT_MEAN')).toBe(18);
    expect(value(vector, 'PREV_DAYS_LAST_DUE_MAX')).toBe(-30);
    expect(value(vector, 'PREV_DAYS_TERMINATION_MAX')).toBe(-400);
    const allSentinel = computeFeatures(records(app100307, { previousApplications: [previous({})] }));
    expect(value(allSentinel, 'PREV_DAYS_TERMINATION_MAX')).toBeNaN();
  });

  it('aggregates POS/cash months, instalments and credit-card months', () => {
    const pos = (SK_ID_PREV: number, NAME_CONTRACT_STATUS: string, SK_DPD: number | null): PosCashRow => ({
      SK_ID_PREV, SK_ID_CURR: 1, MONTHS_BALANCE: -1, NAME_CONTRACT_STATUS, SK_DPD, SK_DPD_DEF: 0,
    });
    const inst = (DAYS_INSTALMENT: number, DAYS_ENTRY_PAYMENT: number | null, AMT_INSTALMENT: number, AMT_PAYMENT: number | null): InstallmentRow => ({
      SK_ID_PREV: 1, SK_ID_CURR: 1, DAYS_INSTALMENT, DAYS_ENTRY_PAYMENT, AMT_INSTALMENT, AMT_PAYMENT,
    });
    const card = (AMT_BALANCE: number, AMT_CREDIT_LIMIT_ACTUAL: number, AMT_DRAWINGS_CURRENT: number | null, SK_DPD: number): CreditCardRow => ({
      SK_ID_PREV: 1, SK_ID_CURR: 1, MONTHS_BALANCE: -1, AMT_BALANCE, AMT_CREDIT_LIMIT_ACTUAL, AMT_DRAWINGS_CURRENT, SK_DPD,
    });
    const vector = computeFeatures(
      records(app100307, {
        posCash: [pos(1, 'Active', 0), pos(1, 'Completed', 0), pos(1, 'Completed', 0), pos(2, 'Active', 30), pos(2, 'Active', null)],
        installments: [inst(-100, -105, 100, 100), inst(-70, -60, 100, 40), inst(-40, -40, 100, 100), inst(-10, null, 100, null)],
        creditCard: [card(500, 1000, 200, 0), card(900, 1000, null, 3), card(100, 0, 0, 0)],
      }),
    );
    expect(value(vector, 'POS_MONTHS_COUNT')).toBe(5);
    expect(value(vector, 'POS_DPD_MAX')).toBe(30);
    expect(value(vector, 'POS_DPD_MEAN')).toBe(7.5);
    expect(value(vector, 'POS_LATE_MONTH_SHARE')).toBe(0.25);
    expect(value(vector, 'POS_COMPLETED_COUNT')).toBe(1); // one loan, completed for two months

    expect(value(vector, 'INST_COUNT')).toBe(4);
    expect(value(vector, 'INST_LATE_SHARE')).toBe(1 / 3); // 10 days late once; early and on time are not late
    expect(value(vector, 'INST_DAYS_LATE_MEAN')).toBe(10 / 3);
    expect(value(vector, 'INST_DAYS_LATE_MAX')).toBe(10);
    expect(value(vector, 'INST_PAID_DUE_RATIO')).toBe(240 / 300);
    expect(value(vector, 'INST_SHORT_PAYMENT_SHARE')).toBe(1 / 3);
    expect(value(vector, 'INST_UNDERPAID_SUM')).toBe(60);

    expect(value(vector, 'CC_MONTHS_COUNT')).toBe(3);
    expect(value(vector, 'CC_UTILISATION_MEAN')).toBe((0.5 + 0.9) / 2); // the zero-limit month has no utilisation
    expect(value(vector, 'CC_UTILISATION_MAX')).toBe(0.9);
    expect(value(vector, 'CC_DRAWINGS_MEAN')).toBe(100);
    expect(value(vector, 'CC_DPD_MAX')).toBe(3);
  });
});
