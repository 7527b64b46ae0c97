/** The languages of the app, defined once for every layer (the contract's LangSchema, the CLI's --lang, the UI). */

/** The languages of the app. */
export type Lang = 'fr' | 'en';

/** The languages, for option parsers and schemas (French first: the company's language). */
export const LANGS = ['fr', 'en'] as const satisfies readonly Lang[];

/** The locale each language is formatted in (Intl). */
export const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB' };

/** Whether a text names one of our languages. */
export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}
