/**
 * A feature's value as a loan officer reads it aloud, in French or English, by the feature's unit
 * (feature-spec.ts `FeatureUnit`): day counts as years or "days ago", amounts in euros, fractions as
 * percentages, flags as yes/no, one-hot flags as the category they stand for, ordinal codes by their level.
 */
import { ONE_HOT_COLUMNS, type OneHotColumn } from '../features/application-categories.js';
import { FEATURES, type Label, type ModelInput, type RegisteredFeature } from '../features/feature-registry.js';
import { formatMoney, formatNumber, formatPercent, numberFormat } from '../../common/format.js';
import type { Lang } from '../../common/lang.js';
import { fill, messages } from '../../common/messages/catalogue.js';

const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;


/** The one-hot column a `category_flag` feature belongs to, and the category it stands for. */
export interface CategoryOf {
  /** Prefix of the column's flags (e.g. NAME_INCOME_TYPE, ORGANIZATION_SECTOR): the group's stable name. */
  prefix: string;
  /** The source column (e.g. NAME_INCOME_TYPE, ORGANIZATION_TYPE). */
  column: string;
  title: Label;
  option: Label;
  /** Names of every flag of the column, in feature order. */
  siblings: readonly string[];
}

const CATEGORY_BY_FEATURE: ReadonlyMap<string, CategoryOf> = new Map(
  ONE_HOT_COLUMNS.flatMap((encoded) => {
    const siblings = encoded.options.map((option) => `${encoded.prefix}_${option.key}`);
    return encoded.options.map((option, i): [string, CategoryOf] => [
      siblings[i]!,
      { prefix: encoded.prefix, column: encoded.column, title: encoded.title, option: option.label, siblings },
    ]);
  }),
);

/** The column and category of a one-hot flag, or undefined for any other feature. */
export function categoryOf(featureName: string): CategoryOf | undefined {
  return CATEGORY_BY_FEATURE.get(featureName);
}

/** "1 year" / "3 years", "1 an" / "3 ans": a count with its unit word, singular for 1 (and, in French, below 2). */
function counted(n: number, lang: Lang, unit: CountUnit, digits = 0): string {
  const text = formatNumber(n, lang, { upTo: digits });
  const singular = lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
  const words = messages(lang).values[unit];
  return `${text} ${singular ? words.one : words.many}`;
}

/** The units a count is said in (the catalogue's values.year, values.month, values.day). */
type CountUnit = 'year' | 'month' | 'day';

/**
 * A duration in days as people say it: whole years from one year up (an age of 35.8 years is "35 years"),
 * whole months below a year, days below a month.
 */
export function formatDuration(daysCount: number, lang: Lang): string {
  const d = Math.abs(daysCount);
  if (d >= DAYS_PER_YEAR) return counted(Math.floor(d / DAYS_PER_YEAR), lang, 'year');
  if (d >= DAYS_PER_MONTH) return counted(Math.floor(d / DAYS_PER_MONTH), lang, 'month');
  return counted(Math.round(d), lang, 'day');
}

/** A day count relative to the application: "120 days ago" / "il y a 120 jours", "in 30 days" / "dans 30 jours". */
function formatRelativeDays(daysCount: number, lang: Lang): string {
  const words = messages(lang).values;
  if (Math.round(daysCount) === 0) return words.dayOfApplication;
  // Less than a year: in days (recency matters at that scale); beyond, the duration in words.
  const span = Math.abs(daysCount) < DAYS_PER_YEAR ? counted(Math.round(Math.abs(daysCount)), lang, 'day') : formatDuration(daysCount, lang);
  return fill(daysCount < 0 ? words.ago : words.inFuture, { span });
}

/** The category part of a one-hot flag: "Pensioner" (1), "not Pensioner" / "autre que Retraité" (0). */
export function formatCategoryFlag(category: CategoryOf, value: number, lang: Lang): string {
  if (Number.isNaN(value)) return messages(lang).values.notKnown;
  const option = category.option[lang];
  if (value === 1) return option;
  return fill(messages(lang).values.notCategory, { option });
}

/**
 * The human label of one model column, unique among the columns: a one-hot flag reads with its category
 * ("Employer sector is Industry"), for the tables that list columns (drift, population plots). Explanations
 * are given per model input instead (ModelInput.label: "Employer sector").
 */
export function featureLabel(feature: RegisteredFeature, lang: Lang): string {
  return feature.label[lang];
}

/** A feature's value for people, by its unit; NaN reads "not known" / "non renseigné". */
export function formatFeatureValue(feature: RegisteredFeature, value: number, lang: Lang): string {
  const words = messages(lang).values;
  if (Number.isNaN(value)) return feature.whenMissing?.[lang] ?? words.notKnown;
  switch (feature.unit) {
    case 'years_from_days':
      return formatDuration(value, lang);
    case 'days_ago':
      return formatRelativeDays(value, lang);
    case 'days':
      return counted(value, lang, 'day', 1);
    case 'years':
      return counted(value, lang, 'year', 1);
    case 'months':
      return counted(value, lang, 'month', 1);
    case 'currency':
      return formatMoney(value, lang);
    case 'ratio':
      return fill(words.times, { count: formatNumber(value, lang, { upTo: 2 }) });
    case 'ratio_percent':
      return formatPercent(value, lang, { upTo: 1 });
    case 'count':
      return formatNumber(value, lang, { upTo: 1 });
    case 'flag':
      if (value === 1) return words.yes;
      if (value === 0) return words.no;
      return formatNumber(value, lang, { upTo: 2 });
    case 'category_flag': {
      const category = categoryOf(feature.name);
      return category ? formatCategoryFlag(category, value, lang) : formatNumber(value, lang, { upTo: 0 });
    }
    case 'ordinal': {
      const level = Number.isInteger(value) ? feature.levels?.[value] : undefined;
      return level ? level[lang] : formatNumber(value, lang, { upTo: 1 });
    }
    case 'score_0_1':
      return formatNumber(value, lang, { upTo: 2 });
    case 'plain':
      // Small quantities (a density of 0.0188) keep three significant digits; larger ones one decimal.
      return Math.abs(value) < 1 && value !== 0
        ? numberFormat(lang, { maximumSignificantDigits: 3 }).format(value)
        : formatNumber(value, lang, { upTo: 1 });
  }
}

const ONE_HOT_BY_COLUMN: ReadonlyMap<string, OneHotColumn> = new Map(ONE_HOT_COLUMNS.map((encoded) => [encoded.column, encoded]));

/** The column of the model input's own value: the feature named like the input, else its first column. */
function ownFeature(input: ModelInput): RegisteredFeature {
  return FEATURES[input.features.find((i) => FEATURES[i]!.name === input.key) ?? input.features[0]!]!;
}

/** The input's own value as a number (null for a category field, or when missing): what plots place. */
export function inputNumber(input: ModelInput, vector: ArrayLike<number>): number | null {
  if (ONE_HOT_BY_COLUMN.has(input.key)) return null;
  const value = vector[ownFeature(input).index]!;
  return Number.isNaN(value) ? null : value;
}

/**
 * A model input's value as the officer entered it, from the client's feature vector: the category of a
 * field read as one-hot flags ("Laborer"; "not given" when left empty; the reference level when no flag is
 * set), otherwise the input's own column by its unit ("no current job" for DAYS_EMPLOYED's sentinel).
 */
export function formatInputValue(input: ModelInput, vector: ArrayLike<number>, lang: Lang): string {
  const encoded = ONE_HOT_BY_COLUMN.get(input.key);
  if (encoded) {
    let known = true;
    for (const i of input.features) {
      const value = vector[i]!;
      if (Number.isNaN(value)) known = false;
      else if (value === 1) return categoryOf(FEATURES[i]!.name)!.option[lang];
    }
    if (!known) return messages(lang).values.notGiven;
    return encoded.referenceLabel?.[lang] ?? messages(lang).values.anotherValue;
  }
  const own = ownFeature(input);
  const allMissing = input.features.every((i) => Number.isNaN(vector[i]!));
  // A field left empty: "not given"; a field whose missing value means something (no current job) says so.
  if (allMissing && input.source === 'application') return messages(lang).values.notGiven;
  return formatFeatureValue(own, vector[own.index]!, lang);
}

/** "Employer sector: Industry" / "Secteur de l'employeur : Industrie": a model input and its value as one sentence. */
export function inputSentence(label: string, value: string, lang: Lang): string {
  return `${label}${messages(lang).values.colon} ${value}`;
}

