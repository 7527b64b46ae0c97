/**
 * Validation of an application record that is not (yet) in the database: a form's fields, a JSON file.
 * Every field is checked against its column (db/home-credit-columns.ts): type, vocabulary, plausible
 * range, and the few relations between fields a real application always satisfies. A record that fails
 * is never scored: the error lists EACH bad field with a message a person can act on.
 */
import { z } from 'zod';
import { HOME_CREDIT_COLUMNS, type ColumnKind } from '../../db/home-credit-columns.js';
import { IMPORT_SOURCE_COLUMN } from '../../db/import/import-sources.js';
import { CATEGORY_COLUMNS, EDUCATION_LEVELS } from '../features/application-categories.js';
import type { ApplicationRow } from '../features/client-records.js';
import { DAYS_SENTINEL } from '../features/feature-values.js';

/** One field of a record that cannot be scored, and why. */
export interface FieldIssue {
  /** The column name, or "(record)" when the record itself is not an object. */
  field: string;
  message: string;
}

/** An application record refused by validation; `issues` has one entry per bad field. */
export class ApplicationValidationError extends Error {
  constructor(readonly issues: readonly FieldIssue[]) {
    super(
      `The application cannot be scored: ${issues.length} field${issues.length > 1 ? 's are' : ' is'} missing or invalid.\n` +
        issues.map((issue) => `  - ${issue.field}: ${issue.message}`).join('\n'),
    );
    this.name = 'ApplicationValidationError';
  }
}

/**
 * Fields without which an application is not an application: the loan asked for and the facts every
 * real application in the data set has (none of them is ever missing in application_train).
 */
export const REQUIRED_APPLICATION_FIELDS: readonly string[] = [
  'NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL', 'DAYS_BIRTH', 'DAYS_EMPLOYED',
  'NAME_INCOME_TYPE', 'NAME_EDUCATION_TYPE', 'NAME_FAMILY_STATUS', 'NAME_HOUSING_TYPE', 'CNT_CHILDREN',
  'CNT_FAM_MEMBERS', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY',
];

const DAYS_PER_YEAR = 365.25;
const MIN_AGE_YEARS = 18;
const MAX_AGE_YEARS = 100;
const LONGEST_DAYS = Math.round(MAX_AGE_YEARS * DAYS_PER_YEAR);

const COLUMN_KINDS: ReadonlyMap<string, ColumnKind> = new Map(HOME_CREDIT_COLUMNS.application.map(([name, kind]) => [name, kind]));

/** The allowed values of the text columns the features read (the fixed vocabulary of the encoding). */
const VOCABULARY: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['NAME_CONTRACT_TYPE', ['Cash loans', 'Revolving loans']],
  ['CODE_GENDER', ['F', 'M', 'XNA']],
  ['FLAG_OWN_CAR', ['Y', 'N']],
  ['FLAG_OWN_REALTY', ['Y', 'N']],
  ['EMERGENCYSTATE_MODE', ['Yes', 'No']],
  ['NAME_EDUCATION_TYPE', EDUCATION_LEVELS.map((level) => level.value)],
  ['WEEKDAY_APPR_PROCESS_START', ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']],
  ...CATEGORY_COLUMNS.filter((c) => c.column !== 'NAME_CONTRACT_TYPE').map(
    (c): [string, string[]] => [c.column, [...c.options.flatMap((o) => o.values), ...(c.reference ?? []), ...(c.missingValues ?? [])]],
  ),
]);

const finite = z.number({ invalid_type_error: 'must be a number' }).finite('must be a finite number (not NaN or infinite)');
const whole = finite.int('must be a whole number');
const flag = whole.min(0, 'must be 0 or 1').max(1, 'must be 0 or 1');
const share = finite.min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const nonNegativeCount = finite.min(0, 'cannot be negative').int('must be a whole number');
const pastDays = whole.max(0, 'is a day count before the application: it must be 0 or negative').min(-LONGEST_DAYS, `cannot be more than ${MAX_AGE_YEARS} years ago`);
const amount = (what: string) => finite.positive(`${what} must be more than 0`).max(1e9, `${what} is implausibly large (over 1,000,000,000)`);

/** The schema of one numeric column's value (NULL/absent handled before). */
function numericSchema(column: string, kind: ColumnKind): z.ZodType<number> {
  switch (column) {
    case 'SK_ID_CURR':
      return whole.positive('must be a positive identifier');
    case 'TARGET':
      return flag;
    case 'CNT_CHILDREN':
      return nonNegativeCount.max(20, 'more than 20 children is not plausible');
    case 'CNT_FAM_MEMBERS':
      return whole.min(1, 'the household includes the applicant: at least 1').max(30, 'more than 30 household members is not plausible');
    case 'AMT_INCOME_TOTAL':
      return amount('the income');
    case 'AMT_CREDIT':
      return amount('the credit amount');
    case 'AMT_ANNUITY':
      return amount('the instalment');
    case 'AMT_GOODS_PRICE':
      return amount('the price of the goods');
    case 'REGION_POPULATION_RELATIVE':
      return share;
    case 'DAYS_BIRTH':
      return whole.max(-Math.ceil(MIN_AGE_YEARS * DAYS_PER_YEAR), `the applicant must be at least ${MIN_AGE_YEARS} years old (DAYS_BIRTH is minus the age in days)`)
        .min(-LONGEST_DAYS, `the applicant cannot be more than ${MAX_AGE_YEARS} years old`);
    case 'DAYS_EMPLOYED':
      return whole.refine((v) => v <= 0 || v === DAYS_SENTINEL, {
        message: `must be 0 or negative (days since the job started), or ${DAYS_SENTINEL} for no current employment`,
      });
    case 'OWN_CAR_AGE':
      return nonNegativeCount.max(100, 'a car older than 100 years is not plausible');
    case 'REGION_RATING_CLIENT':
    case 'REGION_RATING_CLIENT_W_CITY':
      return whole.min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3');
    case 'HOUR_APPR_PROCESS_START':
      return whole.min(0, 'must be an hour from 0 to 23').max(23, 'must be an hour from 0 to 23');
  }
  if (column.startsWith('DAYS_')) return pastDays;
  if (column.startsWith('FLAG_') || /^(REG|LIVE)_(REGION|CITY)_NOT_/.test(column)) return flag;
  if (column.startsWith('EXT_SOURCE_') || /_(AVG|MODE|MEDI)$/.test(column)) return share;
  if (/_CNT_SOCIAL_CIRCLE$/.test(column) || column.startsWith('AMT_REQ_CREDIT_BUREAU_')) return nonNegativeCount.max(1000, 'is implausibly large');
  return kind === 'int' ? whole : finite;
}

const FIELD_SCHEMAS: ReadonlyMap<string, z.ZodType<string | number>> = new Map(
  [...COLUMN_KINDS].map(([column, kind]): [string, z.ZodType<string | number>] => {
    if (kind !== 'text') return [column, numericSchema(column, kind)];
    const allowed = VOCABULARY.get(column);
    const text = z.string({ invalid_type_error: 'must be text' });
    return [
      column,
      allowed
        ? text.refine((v) => allowed.includes(v), {
            message: `is not a known value; expected one of: ${allowed.map((v) => `"${v}"`).join(', ')}`,
          })
        : text,
    ];
  }),
);

const describe = (value: unknown): string =>
  typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;

/**
 * Checks an application record and returns it as an ApplicationRow (absent, null and "" fields left
 * out: missing). Throws ApplicationValidationError listing every field that is missing or invalid.
 */
export function validateApplicationRecord(record: unknown): ApplicationRow {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ApplicationValidationError([{ field: '(record)', message: `expected an object of application fields, got ${describe(record)}` }]);
  }
  const issues: FieldIssue[] = [];
  const row: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(record)) {
    // A row read from the database (SELECT *) also says which imported file brought it: bookkeeping, not a field.
    if (field === IMPORT_SOURCE_COLUMN) continue;
    const schema = FIELD_SCHEMAS.get(field);
    if (!schema) {
      issues.push({ field, message: 'is not a column of the application table (check the spelling)' });
      continue;
    }
    if (value === null || value === undefined || value === '') continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) row[field] = parsed.data;
    else issues.push({ field, message: `${parsed.error.issues.map((i) => i.message).join('; ')} (got ${describe(value)})` });
  }
  const invalid = new Set(issues.map((i) => i.field));
  for (const field of REQUIRED_APPLICATION_FIELDS) {
    if (!(field in row) && !invalid.has(field)) issues.push({ field, message: 'is required' });
  }
  // Relations between fields, checked only where both fields are individually valid.
  const n = (field: string) => (typeof row[field] === 'number' ? (row[field] as number) : undefined);
  const credit = n('AMT_CREDIT');
  const annuity = n('AMT_ANNUITY');
  if (credit !== undefined && annuity !== undefined && annuity > credit) {
    issues.push({ field: 'AMT_ANNUITY', message: `the instalment (${annuity}) cannot exceed the credit amount AMT_CREDIT (${credit})` });
  }
  const birth = n('DAYS_BIRTH');
  const employed = n('DAYS_EMPLOYED');
  if (birth !== undefined && employed !== undefined && employed !== DAYS_SENTINEL && employed < birth) {
    issues.push({ field: 'DAYS_EMPLOYED', message: `the job cannot have started before the applicant was born (${employed} days < DAYS_BIRTH ${birth})` });
  }
  const children = n('CNT_CHILDREN');
  const family = n('CNT_FAM_MEMBERS');
  if (children !== undefined && family !== undefined && family < children + 1) {
    issues.push({
      field: 'CNT_FAM_MEMBERS',
      message: `the household (${family}) must count the applicant and the ${children} children (at least ${children + 1})`,
    });
  }
  if (issues.length) throw new ApplicationValidationError(issues);
  return row as ApplicationRow;
}
