/** Numbers, money and percentages in the interface language (Intl): one place, so every screen agrees. */
import type { Lang } from '../i18n/i18n';

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** 123 456 (fr) / 123,456 (en). */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** An amount of money in euros, whole units (135 000 € / €135,000), as main's reasons and letters write it. */
export function formatMoney(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
}

/** 0.0934 → 9.3 % (fr: 9,3 %). */
export function formatPercent(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** A signed change in percentage points: +2.1 pts / −0.4 pt. */
export function formatPoints(value: number, lang: Lang, digits = 1): string {
  const points = value * 100;
  const text = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'always' }).format(points);
  return lang === 'fr' ? `${text} pt` : `${text} pts`;
}
