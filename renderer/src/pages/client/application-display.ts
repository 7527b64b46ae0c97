/**
 * A client's application as people read it: every field of the form definition (applications:fields,
 * the one definition main gives), by section, with its label and its value in words — money in the
 * interface's format, DAYS_* columns as years, categories by their label, flags as yes/no.
 * Pure: tested in test/renderer/application-display.test.ts.
 */
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatMoney, formatNumber } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { daysToYears } from '../new-application/field-conversion';
import { groupBySection, type FormField, type FormSection } from '../new-application/application-form';

type ApplicationRecord = ResponseOf<'clients:get'>['application'];

/** Words the display needs from the translations. */
export interface DisplayWords {
  yes: string;
  no: string;
  none: string;
  missing: string;
  years(count: number): string;
}

/** One displayed field. */
export interface DisplayedField {
  name: string;
  label: string;
  text: string;
  usedByModel: boolean;
}

/** The text of one value of a field. */
export function displayValue(field: FormField, value: string | number | null | undefined, lang: Lang, words: DisplayWords): string {
  if (value === null || value === undefined || value === '') return words.missing;
  if (field.noneValue !== null && value === field.noneValue) return words.none;
  if (field.options) {
    const option = field.options.find((candidate) => candidate.value === value || String(candidate.value) === String(value));
    if (option) return option.label;
  }
  if (field.widget === 'yes-no') return value === 1 || value === 'Y' || value === 'Yes' ? words.yes : words.no;
  if (typeof value !== 'number') return String(value);
  if (field.widget === 'years-ago' || field.widget === 'years-ago-or-none') return words.years(Math.floor(daysToYears(value)));
  if (field.unit === 'money') return formatMoney(value, lang);
  return formatNumber(value, lang, Math.min(field.decimals, 3));
}

/** The application by section, every field of the definition in its order. */
export function displayApplication(fields: readonly FormField[], record: ApplicationRecord, lang: Lang, words: DisplayWords): Array<{ section: FormSection; fields: DisplayedField[] }> {
  return groupBySection(fields).map(({ section, fields: inSection }) => ({
    section,
    fields: inSection.map((field) => ({ name: field.name, label: field.label, text: displayValue(field, record[field.name], lang, words), usedByModel: field.usedByModel })),
  }));
}
