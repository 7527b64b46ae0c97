/**
 * Numbers, money, percentages, probability points and dates in the reader's language, for every layer:
 * screens, letters, the CLI and main's messages read the same "135 000 €", "9,3 %", "+2,1 pts". Intl only
 * (no Node, no DOM), so the renderer may import it too.
 */
import { LOCALES, type Lang } from './lang.js';

/** What a table cell or a figure shows for a value that is missing or not a finite number. */
export const MISSING = '—';

/**
 * How many decimals: a number is exactly that many (figures in tables and cards line up: "0,780"),
 * `{ upTo }` drops trailing zeros (a value inside a sentence: "2,5 ans", "3 ans").
 */
export type Decimals = number | { upTo: number };

function digitsOf(decimals: Decimals): Intl.NumberFormatOptions {
  return typeof decimals === 'number'
    ? { minimumFractionDigits: decimals, maximumFractionDigits: decimals }
    : { minimumFractionDigits: 0, maximumFractionDigits: decimals.upTo };
}

// Formatters are costly to build and used for every cell and reason shown: one per (language, style).
const numberFormats = new Map<string, Intl.NumberFormat>();
/** The cached Intl number format of a language and options (for the rare style this module does not name). */
export function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(key, format);
  }
  return format;
}

function known(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** A plain number: "123 456" (fr) / "123,456" (en); whole by default. */
export function formatNumber(value: number | null | undefined, lang: Lang, decimals: Decimals = 0): string {
  return known(value) ? numberFormat(lang, digitsOf(decimals)).format(value) : MISSING;
}

/** An amount of money in euros, whole units: "135 000 €" / "€135,000". */
export function formatMoney(value: number | null | undefined, lang: Lang): string {
  return known(value) ? numberFormat(lang, { style: 'currency', currency: 'EUR', ...digitsOf(0) }).format(value) : MISSING;
}

/** A fraction as a percentage, one decimal by default: 0.0934 → "9,3 %" / "9.3%". */
export function formatPercent(fraction: number | null | undefined, lang: Lang, decimals: Decimals = 1): string {
  return known(fraction) ? numberFormat(lang, { style: 'percent', ...digitsOf(decimals) }).format(fraction) : MISSING;
}

/**
 * A change of probability in percentage points, signed, with a true minus sign: 0.031 → "+3,1 pts",
 * −0.004 → "−0,4 pts" (the unit of explanations, what-ifs and the CLI's reasons).
 */
export function formatPoints(change: number | null | undefined, lang: Lang, decimals: Decimals = 1): string {
  if (!known(change)) return MISSING;
  const points = numberFormat(lang, { ...digitsOf(decimals), signDisplay: 'always' }).format(change * 100);
  return `${points.replace('-', '−')} pts`;
}

/** A signed number ("+0,012" / "−0.012"), for differences that are not probabilities. */
export function formatSigned(change: number | null | undefined, lang: Lang, decimals: Decimals = 0): string {
  if (!known(change)) return MISSING;
  return numberFormat(lang, { ...digitsOf(decimals), signDisplay: 'always' }).format(change).replace('-', '−');
}

/** The ways a date is written in the app. */
const DATE_STYLES = {
  /** "6 déc. 2026" / "6 Dec 2026": a day in a list. */
  date: { dateStyle: 'medium' },
  /** "6 décembre 2026" / "6 December 2026": a letter's date, the UTC day it was written. */
  longDate: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  /** "déc. 2026" / "Dec 2026": a month of monitoring (UTC, as months are stored). */
  month: { month: 'short', year: 'numeric', timeZone: 'UTC' },
  /** "06/12/2026 22:29": a row of the decision log. */
  shortDateTime: { dateStyle: 'short', timeStyle: 'short' },
  /** "6 déc. 2026, 22:29": a recorded event in a table. */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** "6 décembre 2026 à 22:29" / "6 December 2026 at 22:29": a recorded moment in a sentence. */
  longDateTime: { dateStyle: 'long', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A named way of writing a date (see DATE_STYLES). */
export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, style: DateStyle): Intl.DateTimeFormat {
  const key = `${lang}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], DATE_STYLES[style]);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * A date or moment in the reader's language and time zone (UTC for `longDate` and `month`). An ISO text
 * that does not parse comes back as it is: showing what was recorded beats hiding it.
 */
export function formatDate(value: Date | string, lang: Lang, style: DateStyle): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : MISSING;
  return dateFormat(lang, style).format(date);
}
