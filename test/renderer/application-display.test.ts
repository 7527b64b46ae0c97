/** A client's application in words: labels from the form definition, values by widget and unit. */
import { describe, expect, it } from 'vitest';
import { displayApplication, displayValue, type DisplayWords } from '../../renderer/src/pages/client/application-display';
import type { FormField } from '../../renderer/src/pages/new-application/application-form';

const words: DisplayWords = { yes: 'yes', no: 'no', none: 'none', missing: '—', years: (n) => `${n} years` };
const field = (over: Partial<FormField>): FormField => ({
  name: 'X',
  label: 'X',
  section: 'loan',
  widget: 'number',
  unit: null,
  required: false,
  usedByModel: true,
  min: null,
  max: null,
  minExclusive: false,
  decimals: 2,
  options: null,
  defaultValue: null,
  noneValue: null,
  ...over,
});

describe('displayValue', () => {
  it('formats money, years from days, categories, flags, none and missing values', () => {
    expect(displayValue(field({ widget: 'money', unit: 'money' }), 568800, 'en', words)).toBe('€568,800');
    expect(displayValue(field({ widget: 'money', unit: 'money' }), 568800, 'fr', words)).toMatch(/^568\s800\s€$/);
    expect(displayValue(field({ widget: 'years-ago', unit: 'years' }), -9461, 'en', words)).toBe('25 years');
    expect(displayValue(field({ widget: 'years-ago-or-none', unit: 'years', noneValue: 365243 }), 365243, 'en', words)).toBe('none');
    expect(displayValue(field({ widget: 'select', options: [{ value: 'Working', label: 'Employee' }] }), 'Working', 'en', words)).toBe('Employee');
    expect(displayValue(field({ widget: 'yes-no' }), 'Y', 'en', words)).toBe('yes');
    expect(displayValue(field({ widget: 'yes-no' }), 0, 'en', words)).toBe('no');
    expect(displayValue(field({}), null, 'en', words)).toBe('—');
    expect(displayValue(field({}), undefined, 'en', words)).toBe('—');
    expect(displayValue(field({ unit: 'score', decimals: 6 }), 0.262949, 'en', words)).toBe('0.263');
  });
});

describe('displayApplication', () => {
  it('keeps the definition’s sections and order, and says which fields the score does not use', () => {
    const fields = [field({ name: 'AMT_CREDIT', label: 'Credit', widget: 'money', unit: 'money' }), field({ name: 'CODE_GENDER', label: 'Sex', section: 'applicant', widget: 'select', usedByModel: false, options: [{ value: 'F', label: 'Woman' }] })];
    const shown = displayApplication(fields, { AMT_CREDIT: 1000, CODE_GENDER: 'F' }, 'en', words);
    expect(shown.map((s) => s.section)).toEqual(['loan', 'applicant']);
    expect(shown[1]!.fields[0]).toEqual({ name: 'CODE_GENDER', label: 'Sex', text: 'Woman', usedByModel: false });
  });
});
