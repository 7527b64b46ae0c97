/**
 * The new-application form's definition: every application column an officer enters, with its label
 * (from the feature registry, as reasons show it), unit, widget, allowed values (the fixed vocabularies of
 * application-categories.ts), whether it is required (REQUIRED_APPLICATION_FIELDS), its bounds and a
 * sensible default. Bounds and defaults are in the column's own unit (DAYS_* are negative day counts):
 * the form converts for people (age in years), validation (application-record.ts) stays the authority,
 * and a test holds these bounds to what validation accepts.
 *
 * Which columns: every application column a feature reads (APPLICATION_INPUT_COLUMNS), plus CODE_GENDER,
 * DAYS_BIRTH, NAME_FAMILY_STATUS and CNT_CHILDREN (sex, age, family situation), which are no model inputs but
 * are stored for fairness monitoring and validation (marked `usedByModel: false`). The other excluded columns
 * (region ratings, the building, the social circle, who came along) are not asked: the score never reads them.
 */
import { REQUIRED_APPLICATION_FIELDS } from './application-record.js';
import { CATEGORY_COLUMNS, EDUCATION_LEVELS, type OneHotColumn } from '../features/application-categories.js';
import { APPLICATION_INPUT_COLUMNS, featureByName, type Label } from '../features/feature-registry.js';
import { DAYS_SENTINEL } from '../features/feature-values.js';
import type { Lang } from '../../common/lang.js';

/** The form's sections, in order. */
export const APPLICATION_SECTIONS = ['loan', 'applicant', 'work', 'contact', 'housing', 'external', 'documents'] as const;
/** One section of the form. */
export type ApplicationSection = (typeof APPLICATION_SECTIONS)[number];

/**
 * How a field is entered:
 * - `money`, `number`, `integer`: a number in the column's unit;
 * - `select`: one of `options` (text columns with a fixed vocabulary);
 * - `yes-no`: two options, yes first (Y/N, Yes/No or 1/0 columns);
 * - `years-ago`: a negative day count entered as years before the application (age, time in job);
 *   `years-ago-or-none` adds "none" for the DAYS_EMPLOYED sentinel (no current job).
 */
export type FieldWidget = 'money' | 'number' | 'integer' | 'select' | 'yes-no' | 'years-ago' | 'years-ago-or-none';

/** The unit people read next to the field. */
export type FieldUnit = 'money' | 'years' | 'count' | 'score' | 'share' | 'rating' | null;

/** One allowed value of a select or yes-no field, with its label. */
export interface FieldOption {
  value: string | number;
  label: string;
  /** The category group the value belongs to (a sector for ORGANIZATION_TYPE), when it is not the value itself. */
  group?: string;
}

/** One field of the form, in one language. */
export interface ApplicationField {
  /** The column of the application table. */
  name: string;
  label: string;
  section: ApplicationSection;
  widget: FieldWidget;
  unit: FieldUnit;
  required: boolean;
  /** False for a stored field the score never reads (CODE_GENDER, DAYS_BIRTH). */
  usedByModel: boolean;
  /** Bounds in the column's unit (null: none); `minExclusive` when the minimum itself is refused (amounts > 0). */
  min: number | null;
  max: number | null;
  minExclusive: boolean;
  /** Number of decimals the column holds (0 for whole numbers). */
  decimals: number;
  options: FieldOption[] | null;
  /** Value used when the officer has typed nothing (column unit), null for none. */
  defaultValue: string | number | null;
  /** For `years-ago-or-none`: the column value meaning "none" (the DAYS_EMPLOYED sentinel). */
  noneValue: number | null;
}

const DAYS_PER_YEAR = 365.25;
const OLDEST_DAYS = -Math.round(100 * DAYS_PER_YEAR);
const YOUNGEST_BIRTH_DAYS = -Math.ceil(18 * DAYS_PER_YEAR);
const MAX_AMOUNT = 1e9;

/** Where each column goes; the order within a section is the form's order. A test holds it to the registry. */
const SECTION_COLUMNS: Readonly<Record<ApplicationSection, readonly string[]>> = {
  loan: ['NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'],
  applicant: [
    'CODE_GENDER', 'DAYS_BIRTH', 'NAME_EDUCATION_TYPE', 'NAME_FAMILY_STATUS', 'CNT_CHILDREN', 'CNT_FAM_MEMBERS',
    'DAYS_ID_PUBLISH', 'DAYS_REGISTRATION',
  ],
  work: ['AMT_INCOME_TOTAL', 'NAME_INCOME_TYPE', 'DAYS_EMPLOYED', 'OCCUPATION_TYPE', 'ORGANIZATION_TYPE'],
  contact: ['FLAG_CONT_MOBILE', 'FLAG_EMP_PHONE', 'FLAG_WORK_PHONE', 'FLAG_PHONE', 'FLAG_EMAIL', 'DAYS_LAST_PHONE_CHANGE'],
  housing: [
    'NAME_HOUSING_TYPE', 'FLAG_OWN_REALTY', 'FLAG_OWN_CAR', 'OWN_CAR_AGE', 'REG_REGION_NOT_LIVE_REGION', 'REG_REGION_NOT_WORK_REGION', 'LIVE_REGION_NOT_WORK_REGION',
    'REG_CITY_NOT_LIVE_CITY', 'REG_CITY_NOT_WORK_CITY', 'LIVE_CITY_NOT_WORK_CITY',
  ],
  external: [
    'EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3', 'AMT_REQ_CREDIT_BUREAU_HOUR', 'AMT_REQ_CREDIT_BUREAU_DAY',
    'AMT_REQ_CREDIT_BUREAU_WEEK', 'AMT_REQ_CREDIT_BUREAU_MON', 'AMT_REQ_CREDIT_BUREAU_QRT', 'AMT_REQ_CREDIT_BUREAU_YEAR',
  ],
  documents: Array.from({ length: 20 }, (_, i) => `FLAG_DOCUMENT_${i + 2}`),
};

/**
 * Stored but not scored: the protected attributes fairness monitoring reads (sex, age, family status) and the
 * number of children, which validation requires of every application (excluded-inputs.ts says why none is scored).
 */
const STORED_ONLY_COLUMNS: readonly string[] = ['CODE_GENDER', 'DAYS_BIRTH', 'NAME_FAMILY_STATUS', 'CNT_CHILDREN'];

/** Labels of values the registry has no label for (reference levels and the stored-only column). */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, Label>>>> = {
  CODE_GENDER: { F: { en: 'Female', fr: 'Femme' }, M: { en: 'Male', fr: 'Homme' }, XNA: { en: 'Not stated', fr: 'Non précisé' } },
};

/** Labels of the columns that are no feature of their own. */
const COLUMN_LABELS: Readonly<Record<string, Label>> = {
  CODE_GENDER: { en: 'Sex', fr: 'Sexe' },
  DAYS_BIRTH: { en: 'Age', fr: 'Âge' },
  CNT_CHILDREN: { en: 'Number of children', fr: "Nombre d'enfants" },
  // Read only through income per household member (an affordability measure), so no feature carries its label.
  CNT_FAM_MEMBERS: { en: 'Household members', fr: 'Membres du foyer' },
};

const YES_NO: Record<Lang, [string, string]> = { en: ['Yes', 'No'], fr: ['Oui', 'Non'] };
const Y_N_COLUMNS = new Set(['FLAG_OWN_CAR', 'FLAG_OWN_REALTY']);

/**
 * Defaults where one is sensible (the most common answer, or the neutral one); none for what must be asked:
 * amounts, age, income type and the like are typed by the officer.
 */
const DEFAULTS: Readonly<Record<string, string | number>> = {
  NAME_CONTRACT_TYPE: 'Cash loans',
  CNT_CHILDREN: 0,
  CNT_FAM_MEMBERS: 1,
  FLAG_CONT_MOBILE: 1,
  FLAG_EMP_PHONE: 0,
  FLAG_WORK_PHONE: 0,
  FLAG_PHONE: 0,
  FLAG_EMAIL: 0,
  REG_REGION_NOT_LIVE_REGION: 0,
  REG_REGION_NOT_WORK_REGION: 0,
  LIVE_REGION_NOT_WORK_REGION: 0,
  REG_CITY_NOT_LIVE_CITY: 0,
  REG_CITY_NOT_WORK_CITY: 0,
  LIVE_CITY_NOT_WORK_CITY: 0,
  ...Object.fromEntries(SECTION_COLUMNS.documents.map((column) => [column, 0])),
};

const ONE_HOT_BY_COLUMN = new Map(CATEGORY_COLUMNS.map((encoded) => [encoded.column, encoded]));

/** The label of a column for people: the feature of the same name, the title of its categories, or the ones above. */
function columnLabel(column: string): Label {
  const own = featureByName(column);
  if (own) return own.label;
  const oneHot = ONE_HOT_BY_COLUMN.get(column);
  if (oneHot) return oneHot.title;
  if (column === 'NAME_EDUCATION_TYPE') return featureByName('EDUCATION_LEVEL')!.label;
  const document = /^FLAG_DOCUMENT_(\d+)$/.exec(column);
  if (document) {
    // The other documents read as FLAG_DOCUMENT_3 does in the registry ("Document 3 provided").
    const model = featureByName('FLAG_DOCUMENT_3')!.label;
    return { en: model.en.replace('3', document[1]!), fr: model.fr.replace('3', document[1]!) };
  }
  const label = COLUMN_LABELS[column];
  if (!label) throw new Error(`application-fields: no label for ${column}`);
  return label;
}

/** The options of a one-hot column: each value of the vocabulary, grouped by the category it encodes. */
function oneHotOptions(encoded: OneHotColumn, lang: Lang): FieldOption[] {
  const options: FieldOption[] = (encoded.reference ?? []).map((value) => ({ value, label: encoded.referenceLabel?.[lang] ?? value }));
  for (const option of encoded.options) {
    const label = option.label[lang];
    if (option.values.length === 1) options.push({ value: option.values[0]!, label });
    // Several values of one category (sub-types of a sector): the value tells them apart, the category groups them.
    else for (const value of option.values) options.push({ value, label: `${label} — ${value}`, group: label });
  }
  return options;
}

function optionsOf(column: string, lang: Lang): FieldOption[] | null {
  const oneHot = ONE_HOT_BY_COLUMN.get(column);
  if (oneHot) return oneHotOptions(oneHot, lang);
  if (column === 'NAME_EDUCATION_TYPE') return EDUCATION_LEVELS.map((level) => ({ value: level.value, label: level.label[lang] }));
  const labelled = VALUE_LABELS[column];
  if (labelled) return Object.entries(labelled).map(([value, label]) => ({ value, label: label[lang] }));
  const [yes, no] = YES_NO[lang];
  if (Y_N_COLUMNS.has(column)) return [{ value: 'Y', label: yes }, { value: 'N', label: no }];
  if (isFlagColumn(column)) return [{ value: 1, label: yes }, { value: 0, label: no }];
  return null;
}

function isFlagColumn(column: string): boolean {
  return (column.startsWith('FLAG_') && !Y_N_COLUMNS.has(column)) || /^(REG|LIVE)_(REGION|CITY)_NOT_/.test(column);
}

type Shape = Pick<ApplicationField, 'widget' | 'unit' | 'min' | 'max' | 'minExclusive' | 'decimals' | 'noneValue'>;

const shape = (widget: FieldWidget, unit: FieldUnit, min: number | null, max: number | null, decimals: number, extra: Partial<Shape> = {}): Shape => ({
  widget, unit, min, max, minExclusive: false, decimals, noneValue: null, ...extra,
});

/** Widget, unit and bounds of a column (bounds as application-record.ts validates them). */
function shapeOf(column: string): Shape {
  if (optionsOf(column, 'en')) return shape(Y_N_COLUMNS.has(column) || isFlagColumn(column) ? 'yes-no' : 'select', null, null, null, 0);
  if (column.startsWith('AMT_REQ_CREDIT_BUREAU_')) return shape('integer', 'count', 0, 1000, 0);
  if (column.startsWith('AMT_')) return shape('money', 'money', 0, MAX_AMOUNT, 2, { minExclusive: true });
  switch (column) {
    case 'CNT_CHILDREN':
      return shape('integer', 'count', 0, 20, 0);
    case 'CNT_FAM_MEMBERS':
      return shape('integer', 'count', 1, 30, 0);
    case 'DAYS_BIRTH':
      return shape('years-ago', 'years', OLDEST_DAYS, YOUNGEST_BIRTH_DAYS, 0);
    case 'DAYS_EMPLOYED':
      return shape('years-ago-or-none', 'years', OLDEST_DAYS, 0, 0, { noneValue: DAYS_SENTINEL });
    case 'OWN_CAR_AGE':
      return shape('integer', 'years', 0, 100, 0);
  }
  if (column.startsWith('DAYS_')) return shape('years-ago', 'years', OLDEST_DAYS, 0, 0);
  if (column.startsWith('EXT_SOURCE_')) return shape('number', 'score', 0, 1, 6);
  throw new Error(`application-fields: no widget for ${column}`);
}

/** Every column of the form, in form order (sections in APPLICATION_SECTIONS order). */
export const APPLICATION_FIELD_COLUMNS: readonly string[] = APPLICATION_SECTIONS.flatMap((section) => SECTION_COLUMNS[section]);

/** The form's fields in one language. */
export function applicationFields(lang: Lang): ApplicationField[] {
  const required = new Set(REQUIRED_APPLICATION_FIELDS);
  const inputs = new Set(APPLICATION_INPUT_COLUMNS);
  return APPLICATION_SECTIONS.flatMap((section) =>
    SECTION_COLUMNS[section].map((name): ApplicationField => ({
      name,
      label: columnLabel(name)[lang],
      section,
      ...shapeOf(name),
      required: required.has(name),
      usedByModel: inputs.has(name) && !STORED_ONLY_COLUMNS.includes(name),
      options: optionsOf(name, lang),
      defaultValue: DEFAULTS[name] ?? null,
    })),
  );
}
