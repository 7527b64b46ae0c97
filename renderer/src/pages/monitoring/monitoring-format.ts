/** Words, symbols and month names of the monitoring screen: one place, so tables, plots and summaries agree. */
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatDate, formatNumber } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import type { Translate as AnyTranslate } from '../../i18n/i18n';

/** stable, watch, drift or insufficient (no PSI below the minimum sample). */
export type DriftStatus = ResponseOf<'monitoring:drift'>['overall']['score']['status'];

/** Translates a key of the monitoring namespace (i18next's `t`, or a fixed one in tests). */
export type Translate = AnyTranslate<'monitoring'>;

/**
 * A symbol for each drift status, shown beside its word (colour is never the only carrier): a check for
 * stable, a warning sign to watch, a cross for significant drift, an empty set when no PSI was computed.
 */
export const STATUS_SYMBOLS: Readonly<Record<DriftStatus, string>> = { stable: '✓', watch: '⚠', drift: '✖', insufficient: '∅' };

/** The symbol of a flagged group or a warned override rate. */
export const WARN_SYMBOL = '⚠';

/** A month 'YYYY-MM' in words: "oct. 2026" (fr) / "Oct 2026" (en); the input itself when malformed. */
export function formatMonth(month: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return formatDate(date, lang, 'month');
}

/** A date-time from the API in the interface language, to the minute (the ISO text when it does not parse). */
export function formatDateTime(iso: string, lang: Lang): string {
  return formatDate(iso, lang, 'dateTime');
}

/** A PSI with three decimals (0,042 / 0.042). */
export function formatPsi(psi: number, lang: Lang): string {
  return formatNumber(psi, lang, 3);
}

/** A ratio with two decimals (0,78 / 0.78). */
export function formatRatio(ratio: number, lang: Lang): string {
  return formatNumber(ratio, lang, 2);
}

/** A limit as written in rules: 0.1, 0.25 (no trailing zeros). */
export function formatLimit(value: number, lang: Lang): string {
  return formatNumber(value, lang, { upTo: 3 });
}
