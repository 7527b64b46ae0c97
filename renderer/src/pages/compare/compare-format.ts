/** Numbers of the compare screen: feature values on their display scale, in the interface language. */
import { formatNumber, numberFormat } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import type { Translate as AnyTranslate } from '../../i18n/i18n';

/** Translates a key of the compare namespace (i18next's `t`, or a fixed one in tests). */
export type Translate = AnyTranslate<'compare'>;

/** A value as read on a plot: 3 significant digits below 1 (a score of 0.372), one decimal below 100, whole above. */
export function formatValue(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  if (size !== 0 && size < 1) {
    return numberFormat(lang, { maximumSignificantDigits: 3 }).format(value);
  }
  return formatNumber(value, lang, size < 100 && !Number.isInteger(value) ? 1 : 0);
}

/** A feature's label with its display unit: "Âge (années)". */
export function axisTitle(label: string, unit: 'years' | null, t: Translate): string {
  return unit ? `${label} (${t(`units.${unit}`)})` : label;
}
