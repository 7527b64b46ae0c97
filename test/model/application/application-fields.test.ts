/**
 * The new-application form's definition against the registries it derives from: it covers exactly the
 * application columns the model reads (plus CODE_GENDER, stored for fairness), its labels are the
 * registry's, its options are the fixed vocabularies, and its bounds are exactly what validation accepts.
 */
import { describe, expect, it } from 'vitest';
import { APPLICATION_FIELD_COLUMNS, APPLICATION_SECTIONS, applicationFields, type ApplicationField } from '../../../model/application/application-fields.js';
import { ApplicationValidationError, REQUIRED_APPLICATION_FIELDS, validateApplicationRecord } from '../../../model/application/application-record.js';
import { APPLICATION_INPUT_COLUMNS, EXCLUDED_INPUTS, featureByName } from '../../../model/features/feature-registry.js';
import { APPLICATION_SECTIONS as CONTRACT_SECTIONS, ApplicationFieldSchema } from '../../../electron/shared/contract-applications.js';

/** A valid application: the one a field is varied in. */
const BASE: Record<string, string | number> = {
  NAME_CONTRACT_TYPE: 'Cash loans',
  AMT_CREDIT: 450_000,
  AMT_ANNUITY: 22_500,
  AMT_INCOME_TOTAL: 180_000,
  DAYS_BIRTH: -14_000,
  DAYS_EMPLOYED: -2_500,
  NAME_INCOME_TYPE: 'Working',
  NAME_EDUCATION_TYPE: 'Higher education',
  NAME_FAMILY_STATUS: 'Married',
  NAME_HOUSING_TYPE: 'House / apartment',
  CNT_CHILDREN: 0,
  CNT_FAM_MEMBERS: 2,
  FLAG_OWN_CAR: 'N',
  FLAG_OWN_REALTY: 'Y',
};

/** The issue validation gives `field` when it holds `value` (undefined: accepted). */
function issueWith(field: string, value: string | number): string | undefined {
  // Keep the relations between fields satisfied, so only the field's own bounds are tested.
  const record: Record<string, string | number> = { ...BASE, [field]: value };
  if (field === 'AMT_ANNUITY' || field === 'AMT_CREDIT') Object.assign(record, { AMT_CREDIT: 1e9, AMT_ANNUITY: 1 }, { [field]: value });
  if (field === 'DAYS_EMPLOYED') record.DAYS_BIRTH = -36_525;
  if (field === 'CNT_CHILDREN') record.CNT_FAM_MEMBERS = 30;
  if (field === 'CNT_FAM_MEMBERS') record.CNT_CHILDREN = 0;
  try {
    validateApplicationRecord(record);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApplicationValidationError)) throw error;
    return error.issues.find((i) => i.field === field)?.message;
  }
}

const fieldsEn = applicationFields('en');
const fieldsFr = applicationFields('fr');

describe('applicationFields', () => {
  it('covers exactly the application columns the model reads, plus sex, age, family status and children (stored, not scored), once each', () => {
    const names = fieldsEn.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(APPLICATION_FIELD_COLUMNS);
    expect(APPLICATION_INPUT_COLUMNS).not.toContain('CODE_GENDER');
    expect(APPLICATION_INPUT_COLUMNS).not.toContain('DAYS_BIRTH');
    const stored = ['CODE_GENDER', 'DAYS_BIRTH', 'NAME_FAMILY_STATUS', 'CNT_CHILDREN'];
    expect([...names].sort()).toEqual([...APPLICATION_INPUT_COLUMNS, ...stored].sort());
    for (const column of stored) expect(EXCLUDED_INPUTS.map((e) => e.column)).toContain(column);
    expect(fieldsEn.filter((f) => !f.usedByModel).map((f) => f.name).sort()).toEqual([...stored].sort());
    for (const excluded of EXCLUDED_INPUTS) if (!stored.includes(excluded.column)) expect(names).not.toContain(excluded.column);
  });

  it('still asks for the age, in years, labelled for people although no feature carries that label', () => {
    const age = fieldsEn.find((f) => f.name === 'DAYS_BIRTH')!;
    expect(age).toMatchObject({ label: 'Age', widget: 'years-ago', unit: 'years', required: true, usedByModel: false });
    expect(fieldsFr.find((f) => f.name === 'DAYS_BIRTH')!.label).toBe('Âge');
  });

  it('marks exactly the required fields of validation as required, and sections in the contract’s order', () => {
    expect(fieldsEn.filter((f) => f.required).map((f) => f.name).sort()).toEqual([...REQUIRED_APPLICATION_FIELDS].sort());
    expect([...APPLICATION_SECTIONS]).toEqual([...CONTRACT_SECTIONS]);
    const order = fieldsEn.map((f) => APPLICATION_SECTIONS.indexOf(f.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('labels fields as the registry labels the features (the words reasons use), in both languages', () => {
    const byName = (fields: ApplicationField[], name: string) => fields.find((f) => f.name === name)!;
    expect(byName(fieldsEn, 'AMT_CREDIT').label).toBe(featureByName('AMT_CREDIT')!.label.en);
    expect(byName(fieldsFr, 'DAYS_EMPLOYED').label).toBe(featureByName('DAYS_EMPLOYED')!.label.fr);
    expect(byName(fieldsEn, 'NAME_INCOME_TYPE').label).toBe('Income type');
    expect(byName(fieldsFr, 'NAME_EDUCATION_TYPE').label).toBe("Niveau d'études");
    expect(byName(fieldsFr, 'FLAG_DOCUMENT_7').label).toBe('Document 7 fourni');
    for (const field of [...fieldsEn, ...fieldsFr]) {
      expect(field.label, field.name).not.toMatch(/^[A-Z0-9_]+$/);
      for (const option of field.options ?? []) expect(option.label.length).toBeGreaterThan(0);
    }
  });

  it('every field passes the contract schema; every option is accepted by validation', () => {
    for (const field of [...fieldsEn, ...fieldsFr]) {
      expect(() => ApplicationFieldSchema.parse(field), field.name).not.toThrow();
      for (const option of field.options ?? []) expect(issueWith(field.name, option.value), `${field.name}=${option.value}`).toBeUndefined();
      if (field.defaultValue !== null) expect(issueWith(field.name, field.defaultValue), field.name).toBeUndefined();
    }
    expect(issueWith('NAME_FAMILY_STATUS', 'Unknown')).toBeUndefined(); // known but "missing": not offered
    expect(fieldsEn.find((f) => f.name === 'NAME_FAMILY_STATUS')!.options!.map((o) => o.value)).not.toContain('Unknown');
    expect(fieldsEn.find((f) => f.name === 'ORGANIZATION_TYPE')!.options!.length).toBe(58);
  });

  it('has bounds that are exactly those of validation (the bound accepted, one step beyond refused)', () => {
    for (const field of fieldsEn) {
      if (field.min === null && field.max === null) continue;
      const step = field.decimals === 0 ? 1 : 10 ** -field.decimals;
      if (field.min !== null) {
        if (field.minExclusive) {
          expect(issueWith(field.name, field.min), field.name).toBeDefined();
          expect(issueWith(field.name, field.min + step), field.name).toBeUndefined();
        } else {
          expect(issueWith(field.name, field.min), field.name).toBeUndefined();
          expect(issueWith(field.name, field.min - step), field.name).toBeDefined();
        }
      }
      if (field.max !== null) {
        expect(issueWith(field.name, field.max), field.name).toBeUndefined();
        const beyond = field.max + step;
        if (beyond !== field.noneValue) expect(issueWith(field.name, beyond), field.name).toBeDefined();
      }
      if (field.noneValue !== null) expect(issueWith(field.name, field.noneValue), field.name).toBeUndefined();
    }
  });
});
