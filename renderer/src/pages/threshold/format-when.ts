/** A recorded moment in the interface language: "24 novembre 2026 à 22:29" / "24 November 2026, 22:29". */
import type { Lang } from '../../i18n/i18n';

/** An ISO timestamp as a date and time in the officer's time zone (the ISO text when it does not parse). */
export function formatWhen(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
