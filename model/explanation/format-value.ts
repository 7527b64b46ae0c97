/**
 * A feature's value as a loan officer reads it aloud, in French or English, by the feature's unit
 * (feature-spec.ts `FeatureUnit`): day counts as years or "days ago", amounts in euros, fractions as
 * percentages, flags as yes/no, one-hot flags as the category they stand for, ordinal codes by their level.
 */
import { ONE_HOT_COLUMNS, type OneHotColumn } from '../features/application-categories.js';
import { FEATURES, type Label, type ModelInput, type RegisteredFeature } from '../features/feature-registry.js';
import { formatMoney, formatNumber, formatPercent, numberFormat } from '../../common/format.js';
import type { Lang } from '../../common/lang.js';

const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/** What people read for a missing value. */
export const NOT_KNOWN: Label = { en: 'not known', fr: 'non renseigné' };
/** What people read for an application field left empty. */
export const NOT_GIVEN: Label = { en: 'not given', fr: 'non renseigné' };
/** A category value outside the fixed vocabulary. */
const ANOTHER_VALUE: Label = { en: 'another value', fr: 'une autre valeur' };

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
function counted(n: number, lang: Lang, unit: { en: [string, string]; fr: [string, string] }, digits = 0): string {
  const text = formatNumber(n, lang, { upTo: digits });
  const singular = lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
  return `${text} ${unit[lang][singular ? 0 : 1]}`;
}

const YEARS = { en: ['year', 'years'], fr: ['an', 'ans'] } as { en: [string, string]; fr: [string, string] };
const MONTHS = { en: ['month', 'months'], fr: ['mois', 'mois'] } as { en: [string, string]; fr: [string, string] };
const DAYS = { en: ['day', 'days'], fr: ['jour', 'jours'] } as { en: [string, string]; fr: [string, string] };

/**
 * A duration in days as people say it: whole years from one year up (an age of 35.8 years is "35 years"),
 * whole months below a year, days below a month.
 */
export function formatDuration(daysCount: number, lang: Lang): string {
  const d = Math.abs(daysCount);
  if (d >= DAYS_PER_YEAR) return counted(Math.floor(d / DAYS_PER_YEAR), lang, YEARS);
  if (d >= DAYS_PER_MONTH) return counted(Math.floor(d / DAYS_PER_MONTH), lang, MONTHS);
  return counted(Math.round(d), lang, DAYS);
}

/** A day count relative to the application: "120 days ago" / "il y a 120 jours", "in 30 days" / "dans 30 jours". */
function formatRelativeDays(daysCount: number, lang: Lang): string {
  if (Math.round(daysCount) === 0) return lang === 'fr' ? 'le jour de la demande' : 'on the day of the application';
  // Less than a year: in days (recency matters at that scale); beyond, the duration in words.
  const span = Math.abs(daysCount) < DAYS_PER_YEAR ? counted(Math.round(Math.abs(daysCount)), lang, DAYS) : formatDuration(daysCount, lang);
  if (daysCount < 0) return lang === 'fr' ? `il y a ${span}` : `${span} ago`;
  return lang === 'fr' ? `dans ${span}` : `in ${span}`;
}

/** The category part of a one-hot flag: "Pensioner" (1), "not Pensioner" / "autre que Retraité" (0). */
export function formatCategoryFlag(category: CategoryOf, value: number, lang: Lang): string {
  if (Number.isNaN(value)) return NOT_KNOWN[lang];
  const option = category.option[lang];
  if (value === 1) return option;
  return lang === 'fr' ? `autre que ${option}` : `not ${option}`;
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
  if (Number.isNaN(value)) return feature.whenMissing?.[lang] ?? NOT_KNOWN[lang];
  switch (feature.unit) {
    case 'years_from_days':
      return formatDuration(value, lang);
    case 'days_ago':
      return formatRelativeDays(value, lang);
    case 'days':
      return counted(value, lang, DAYS, 1);
    case 'years':
      return counted(value, lang, YEARS, 1);
    case 'months':
      return counted(value, lang, MONTHS, 1);
    case 'currency':
      return formatMoney(value, lang);
    case 'ratio':
      return `${formatNumber(value, lang, { upTo: 2 })} ${lang === 'fr' ? 'fois' : 'times'}`;
    case 'ratio_percent':
      return formatPercent(value, lang, { upTo: 1 });
    case 'count':
      return formatNumber(value, lang, { upTo: 1 });
    case 'flag':
      if (value === 1) return lang === 'fr' ? 'oui' : 'yes';
      if (value === 0) return lang === 'fr' ? 'non' : 'no';
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
    if (!known) return NOT_GIVEN[lang];
    return (encoded.referenceLabel ?? ANOTHER_VALUE)[lang];
  }
  const own = ownFeature(input);
  const allMissing = input.features.every((i) => Number.isNaN(vector[i]!));
  // A field left empty: "not given"; a field whose missing value means something (no current job) says so.
  if (allMissing && input.source === 'application') return NOT_GIVEN[lang];
  return formatFeatureValue(own, vector[own.index]!, lang);
}

/** "Employer sector: Industry" / "Secteur de l'employeur : Industrie": a model input and its value as one sentence. */
export function inputSentence(label: string, value: string, lang: Lang): string {
  return lang === 'fr' ? `${label} : ${value}` : `${label}: ${value}`;
}

