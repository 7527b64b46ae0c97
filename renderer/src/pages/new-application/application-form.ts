/**
 * The state of the new-application form, without React: the typed texts, their conversion to the record
 * the contract carries (column → value in the data set's units), and the checks the form can make before
 * asking main (required, number, bounds, the relations between fields). Main validates again and stays
 * the authority: its issues are shown for any field the form found nothing wrong with.
 */
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { Lang } from '../../../../common/lang';
import { daysToYears, yearsToDays } from './field-conversion';

/** One field of the form, as main defines it. */
export type FormField = ResponseOf<'applications:fields'>['fields'][number];
/** The form's sections. */
export type FormSection = FormField['section'];
/** What the officer typed or chose, by column ('' = nothing). */
export type FormValues = Record<string, string>;
/** A record for applications:validate/score/save. */
export type ApplicationRecord = Record<string, string | number | null>;

/** The text a `years-ago-or-none` field holds when "none" (no current job) is ticked. */
export const NONE = 'none';

/** What is wrong with one field: a check of the form (translated by its code) or a message of main. */
export type FieldProblem =
  | { code: 'required' | 'number' | 'integer' | 'choice' }
  | { code: 'min' | 'max' | 'above'; limit: number }
  | { code: 'annuityAboveCredit' | 'jobBeforeBirth' }
  | { code: 'household'; limit: number }
  | { code: 'server'; message: string };

/** Problems by column. */
export type FieldProblems = Record<string, FieldProblem>;

/** The fields grouped by section, sections in the order main gives them. */
export function groupBySection(fields: readonly FormField[]): Array<{ section: FormSection; fields: FormField[] }> {
  const groups: Array<{ section: FormSection; fields: FormField[] }> = [];
  for (const field of fields) {
    const last = groups[groups.length - 1];
    if (last && last.section === field.section) last.fields.push(field);
    else groups.push({ section: field.section, fields: [field] });
  }
  return groups;
}

const isYears = (field: FormField) => field.widget === 'years-ago' || field.widget === 'years-ago-or-none';

/** A value of the record (column unit) as the text the form shows (years for DAYS_*, dot decimals). */
export function textOf(field: FormField, value: string | number | null): string {
  if (value === null) return '';
  if (field.noneValue !== null && value === field.noneValue) return NONE;
  if (isYears(field) && typeof value === 'number') return String(Math.round(daysToYears(value) * 10) / 10);
  return String(value);
}

/** The form's first texts: the defaults main gives (sensible ones only; amounts and age start empty). */
export function initialValues(fields: readonly FormField[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.name, textOf(field, field.defaultValue)]));
}

/**
 * A typed number in the interface language: spaces (also the non-breaking ones French uses between
 * thousands) are ignored; French takes a comma or a dot as decimal mark, English a dot (commas there
 * group thousands). NaN when it is not a number.
 */
export function parseNumber(text: string, lang: Lang): number {
  let cleaned = text.replace(/[\s\u00a0\u202f_']/g, '');
  cleaned = lang === 'fr' ? cleaned.replace(',', '.') : cleaned.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** A field's bounds in the unit the officer types (years for DAYS_*: the order flips with the sign). */
export function formBounds(field: FormField): { min: number | null; max: number | null } {
  if (!isYears(field)) return { min: field.min, max: field.max };
  return { min: field.max === null ? null : daysToYears(field.max), max: field.min === null ? null : daysToYears(field.min) };
}

/** One field's text as its record value, or the problem with it (null value = left empty). */
export function fieldValue(field: FormField, text: string, lang: Lang): { value: string | number | null } | { problem: FieldProblem } {
  const typed = text.trim();
  if (typed === '') return field.required ? { problem: { code: 'required' } } : { value: null };
  if (field.widget === 'select' || field.widget === 'yes-no') {
    const option = field.options?.find((candidate) => String(candidate.value) === typed);
    return option ? { value: option.value } : { problem: { code: 'choice' } };
  }
  if (field.widget === 'years-ago-or-none' && typed === NONE && field.noneValue !== null) return { value: field.noneValue };
  const number = parseNumber(typed, lang);
  if (!Number.isFinite(number)) return { problem: { code: 'number' } };
  if (field.widget === 'integer' && !Number.isInteger(number)) return { problem: { code: 'integer' } };
  // Bounds are checked on the stored value, exactly as main checks them, and told in the typed unit.
  const value = isYears(field) ? yearsToDays(number) : number;
  const shown = formBounds(field);
  if (isYears(field)) {
    if (field.max !== null && value > field.max) return { problem: { code: 'min', limit: shown.min! } };
    if (field.min !== null && value < field.min) return { problem: { code: 'max', limit: shown.max! } };
    return { value };
  }
  if (field.min !== null && (field.minExclusive ? value <= field.min : value < field.min)) {
    return { problem: field.minExclusive ? { code: 'above', limit: field.min } : { code: 'min', limit: field.min } };
  }
  if (field.max !== null && value > field.max) return { problem: { code: 'max', limit: field.max } };
  return { value };
}

/**
 * The record of the form and the problems the form can see: each field on its own, then the relations a
 * real application always satisfies (as model/application/application-record.ts checks them), where both fields are valid.
 */
export function formRecord(fields: readonly FormField[], values: FormValues, lang: Lang): { record: ApplicationRecord; problems: FieldProblems } {
  const record: ApplicationRecord = {};
  const problems: FieldProblems = {};
  for (const field of fields) {
    const result = fieldValue(field, values[field.name] ?? '', lang);
    if ('problem' in result) problems[field.name] = result.problem;
    else if (result.value !== null) record[field.name] = result.value;
  }
  const n = (column: string) => (typeof record[column] === 'number' ? (record[column] as number) : undefined);
  const credit = n('AMT_CREDIT');
  const annuity = n('AMT_ANNUITY');
  if (credit !== undefined && annuity !== undefined && annuity > credit) problems.AMT_ANNUITY = { code: 'annuityAboveCredit' };
  const birth = n('DAYS_BIRTH');
  const employed = n('DAYS_EMPLOYED');
  const noJob = fields.find((f) => f.name === 'DAYS_EMPLOYED')?.noneValue;
  if (birth !== undefined && employed !== undefined && employed !== noJob && employed < birth) problems.DAYS_EMPLOYED = { code: 'jobBeforeBirth' };
  const children = n('CNT_CHILDREN');
  const family = n('CNT_FAM_MEMBERS');
  if (children !== undefined && family !== undefined && family < children + 1) problems.CNT_FAM_MEMBERS = { code: 'household', limit: children + 1 };
  return { record, problems };
}

/** Main's issues ("record.AMT_CREDIT" paths, or FieldIssue fields) as problems by column. */
export function serverProblems(issues: ReadonlyArray<{ path?: string; field?: string; message: string }>): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    const column = (issue.field ?? issue.path ?? '').replace(/^record\./, '') || '(record)';
    problems[column] ??= { code: 'server', message: issue.message };
  }
  return problems;
}

/**
 * The problems to show: the form's own first (translated, and said in the typed unit), main's for the
 * fields the form found nothing wrong with; only for `shown` fields (touched, or all after a submit).
 */
export function visibleProblems(local: FieldProblems, server: FieldProblems, shown: ReadonlySet<string> | 'all'): FieldProblems {
  const merged: FieldProblems = { ...server, ...local };
  if (shown === 'all') return merged;
  return Object.fromEntries(Object.entries(merged).filter(([column]) => shown.has(column)));
}
