/**
 * The new-application form's logic: the years ↔ DAYS_* conversion both ways, typed numbers in both
 * languages, bounds checked on the stored value exactly as main checks them (the real field definitions
 * of model/application/application-fields.ts), relations between fields, main's issues merged under the form's own.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applicationFields } from '../../model/application/application-fields';
import { ApplicationValidationError, validateApplicationRecord } from '../../model/application/application-record';
import {
  fieldValue,
  formBounds,
  formRecord,
  groupBySection,
  initialValues,
  NONE,
  parseNumber,
  serverProblems,
  textOf,
  visibleProblems,
  type FormField,
} from '../../renderer/src/pages/new-application/application-form';
import { daysToYears, yearsToDays } from '../../renderer/src/pages/new-application/field-conversion';

const fields: FormField[] = applicationFields('en');
const field = (name: string) => fields.find((f) => f.name === name)!;

/** Texts of a complete, valid application as an officer types them (English). */
const TYPED: Record<string, string> = {
  ...initialValues(fields),
  AMT_CREDIT: '450,000',
  AMT_ANNUITY: '22500',
  AMT_GOODS_PRICE: '405000',
  AMT_INCOME_TOTAL: '180000',
  DAYS_BIRTH: '38.3',
  DAYS_EMPLOYED: '6.8',
  NAME_INCOME_TYPE: 'Working',
  NAME_EDUCATION_TYPE: 'Higher education',
  NAME_FAMILY_STATUS: 'Married',
  NAME_HOUSING_TYPE: 'House / apartment',
  CNT_FAM_MEMBERS: '2',
  FLAG_OWN_CAR: 'N',
  FLAG_OWN_REALTY: 'Y',
  EXT_SOURCE_2: '0.61',
};

describe('yearsToDays / daysToYears', () => {
  it('turns years before the application into negative whole days and back', () => {
    expect(yearsToDays(35)).toBe(-12_784);
    expect(yearsToDays(0)).toBe(0);
    expect(Object.is(yearsToDays(0), -0)).toBe(false);
    expect(daysToYears(-12_784)).toBeCloseTo(35, 2);
    expect(daysToYears(-36_525)).toBe(100);
  });

  it('round-trips: every whole day count exactly, every age in years to within half a day', () => {
    fc.assert(fc.property(fc.integer({ min: -40_000, max: 0 }), (days) => yearsToDays(daysToYears(days)) === days));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 110, noNaN: true }), (years) => Math.abs(daysToYears(yearsToDays(years)) - years) <= 0.5 / 365.25 + 1e-12),
    );
  });
});

describe('parseNumber', () => {
  it('reads French and English ways of writing numbers; anything else is NaN', () => {
    expect(parseNumber('450 000,50', 'fr')).toBe(450_000.5);
    expect(parseNumber('450\u202f000', 'fr')).toBe(450_000);
    expect(parseNumber('0.25', 'fr')).toBe(0.25);
    expect(parseNumber('450,000.50', 'en')).toBe(450_000.5);
    expect(parseNumber('-3', 'en')).toBe(-3);
    for (const bad of ['', 'abc', '12a', '1.2.3', '--1', '1e5']) expect(parseNumber(bad, 'en'), bad).toBeNaN();
  });
});

describe('fieldValue', () => {
  it('converts an age in years to DAYS_BIRTH and checks its bounds as main does, said in years', () => {
    expect(fieldValue(field('DAYS_BIRTH'), '35', 'en')).toEqual({ value: -12_784 });
    expect(fieldValue(field('DAYS_BIRTH'), '17', 'en')).toEqual({ problem: { code: 'min', limit: daysToYears(field('DAYS_BIRTH').max!) } });
    expect(fieldValue(field('DAYS_BIRTH'), '101', 'en')).toEqual({ problem: { code: 'max', limit: 100 } });
    expect(formBounds(field('DAYS_BIRTH')).min).toBeCloseTo(18, 2);
    expect(fieldValue(field('DAYS_BIRTH'), '', 'en')).toEqual({ problem: { code: 'required' } });
    expect(fieldValue(field('DAYS_BIRTH'), 'old', 'en')).toEqual({ problem: { code: 'number' } });
  });

  it('gives DAYS_EMPLOYED its sentinel for "no current job"', () => {
    expect(fieldValue(field('DAYS_EMPLOYED'), NONE, 'en')).toEqual({ value: 365_243 });
    expect(textOf(field('DAYS_EMPLOYED'), 365_243)).toBe(NONE);
    expect(fieldValue(field('DAYS_EMPLOYED'), '-1', 'en')).toEqual({ problem: { code: 'min', limit: 0 } });
  });

  it('refuses amounts of 0, decimals in counts, values outside the list; leaves optional fields empty', () => {
    expect(fieldValue(field('AMT_CREDIT'), '0', 'en')).toEqual({ problem: { code: 'above', limit: 0 } });
    expect(fieldValue(field('CNT_CHILDREN'), '1.5', 'en')).toEqual({ problem: { code: 'integer' } });
    expect(fieldValue(field('CNT_CHILDREN'), '21', 'en')).toEqual({ problem: { code: 'max', limit: 20 } });
    expect(fieldValue(field('EXT_SOURCE_1'), '1.2', 'en')).toEqual({ problem: { code: 'max', limit: 1 } });
    expect(fieldValue(field('NAME_INCOME_TYPE'), 'Astronaut', 'en')).toEqual({ problem: { code: 'choice' } });
    expect(fieldValue(field('FLAG_EMAIL'), '1', 'en')).toEqual({ value: 1 });
    expect(fieldValue(field('EXT_SOURCE_1'), '  ', 'en')).toEqual({ value: null });
  });

  it('agrees with main on every bound, both ways: the form accepts exactly what validation accepts (property test on the real definitions)', () => {
    const numeric = fields.filter((f) => f.widget !== 'select' && f.widget !== 'yes-no');
    const cases = fc.constantFrom(...numeric).chain((f) => {
      const { min, max } = formBounds(f);
      const lo = (min ?? 0) - 2;
      const hi = (max ?? 1e6) + 2;
      return fc.tuple(fc.constant(f), fc.oneof(fc.double({ min: lo, max: hi, noNaN: true }), fc.constantFrom(lo + 2, hi - 2)));
    });
    const { record } = formRecord(fields, TYPED, 'en');
    fc.assert(
      fc.property(cases, ([f, typed]) => {
        // What a person types: at most 6 decimals (no exponent notation).
        const number = (f.widget === 'integer' ? Math.round(typed) : Math.round(typed * 1e6) / 1e6) || 0;
        const result = fieldValue(f, String(number), 'en');
        const stored = f.widget === 'years-ago' || f.widget === 'years-ago-or-none' ? yearsToDays(number) : number;
        if ('problem' in result) expect(['min', 'max', 'above']).toContain(result.problem.code);
        else expect(result.value).toBe(stored);
        const probe: Record<string, unknown> = { ...record, [f.name]: stored };
        // Keep relations out of it: only the field's own bounds are compared here.
        if (f.name === 'AMT_CREDIT' || f.name === 'AMT_ANNUITY') Object.assign(probe, { AMT_CREDIT: 1e9, AMT_ANNUITY: 1 }, { [f.name]: stored });
        if (f.name === 'DAYS_EMPLOYED') probe.DAYS_BIRTH = -36_525;
        if (f.name === 'CNT_CHILDREN') probe.CNT_FAM_MEMBERS = 30;
        if (f.name === 'CNT_FAM_MEMBERS') probe.CNT_CHILDREN = 0;
        let mainRefuses = false;
        try {
          validateApplicationRecord(probe);
        } catch (error) {
          if (!(error instanceof ApplicationValidationError)) throw error;
          mainRefuses = error.issues.some((issue) => issue.field === f.name);
        }
        expect(mainRefuses, `${f.name} = ${number}`).toBe('problem' in result);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formRecord', () => {
  it('builds the record main validates and scores, in the data set’s units', () => {
    const { record, problems } = formRecord(fields, TYPED, 'en');
    expect(problems).toEqual({});
    expect(record).toMatchObject({ AMT_CREDIT: 450_000, DAYS_BIRTH: yearsToDays(38.3), DAYS_EMPLOYED: yearsToDays(6.8), NAME_CONTRACT_TYPE: 'Cash loans', CNT_CHILDREN: 0, FLAG_OWN_REALTY: 'Y', EXT_SOURCE_2: 0.61 });
    expect('EXT_SOURCE_1' in record).toBe(false);
    expect(() => validateApplicationRecord(record)).not.toThrow();
  });

  it('names each field to correct, including the relations between fields', () => {
    const { problems } = formRecord(fields, { ...TYPED, AMT_ANNUITY: '500000', DAYS_EMPLOYED: '45', CNT_CHILDREN: '3', CNT_FAM_MEMBERS: '2', NAME_HOUSING_TYPE: '' }, 'en');
    expect(problems).toEqual({
      AMT_ANNUITY: { code: 'annuityAboveCredit' },
      DAYS_EMPLOYED: { code: 'jobBeforeBirth' },
      CNT_FAM_MEMBERS: { code: 'household', limit: 4 },
      NAME_HOUSING_TYPE: { code: 'required' },
    });
    expect(formRecord(fields, { ...TYPED, DAYS_EMPLOYED: NONE, DAYS_BIRTH: '70' }, 'en').problems).toEqual({});
  });

  it('starts from main’s defaults: the contract type and household filled, amounts and age empty', () => {
    const values = initialValues(fields);
    expect(values.NAME_CONTRACT_TYPE).toBe('Cash loans');
    expect(values.CNT_FAM_MEMBERS).toBe('1');
    expect(values.AMT_CREDIT).toBe('');
    expect(values.DAYS_BIRTH).toBe('');
  });
});

describe('grouping and problems shown', () => {
  it('groups fields by section in main’s order', () => {
    const groups = groupBySection(fields);
    expect(groups.map((g) => g.section)).toEqual(['loan', 'applicant', 'work', 'contact', 'housing', 'external', 'documents']);
    expect(groups.flatMap((g) => g.fields)).toEqual(fields);
  });

  it('maps main’s issues to fields and shows the form’s own first, only for visited fields until a submit', () => {
    const server = serverProblems([{ path: 'record.AMT_ANNUITY', message: 'the instalment cannot exceed' }, { path: 'record.CNT_FAM_MEMBERS', message: 'household' }]);
    expect(Object.keys(server)).toEqual(['AMT_ANNUITY', 'CNT_FAM_MEMBERS']);
    expect(serverProblems([{ field: 'AMT_CREDIT', message: 'm' }])).toEqual({ AMT_CREDIT: { code: 'server', message: 'm' } });
    const local = { CNT_FAM_MEMBERS: { code: 'household', limit: 2 } as const };
    expect(visibleProblems(local, server, new Set(['CNT_FAM_MEMBERS']))).toEqual({ CNT_FAM_MEMBERS: local.CNT_FAM_MEMBERS });
    expect(visibleProblems(local, server, 'all')).toEqual({ AMT_ANNUITY: server.AMT_ANNUITY, CNT_FAM_MEMBERS: local.CNT_FAM_MEMBERS });
  });
});
