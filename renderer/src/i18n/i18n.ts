/**
 * French and English for every string of the interface (i18next). Each screen keeps its strings next to
 * it in a `*.i18n.ts` file and registers them with `addStrings` when its module loads, so no central list
 * has to be kept in step. The language follows the system on first start and is switchable; the choice
 * is remembered on this workstation.
 */
import i18next, { type Namespace, type ParseKeys } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../../common/lang';
import { CATALOGUES } from '../../../common/messages/catalogue';

/** Strings of one namespace, in both languages (same keys: a test checks it). */
export interface Strings {
  fr: Record<string, unknown>;
  en: Record<string, unknown>;
}

/**
 * A namespace's `t` as plain functions take it: typed keys (a misspelled key fails the typecheck), and
 * tests may pass a fixed function of plain strings.
 */
export type Translate<Ns extends Namespace> = (key: ParseKeys<Ns>, options?: Record<string, unknown>) => string;

const STORAGE_KEY = 'octroi.lang';
const registered = new Map<string, Strings>();

/** The system's language if it is one of ours, else French (the company's language). */
export function systemLang(languages: readonly string[] = navigator.languages): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'fr';
}

function initialLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return isLang(saved) ? saved : systemLang();
}

void i18next.use(initReactI18next).init({
  lng: initialLang(),
  fallbackLng: false,
  resources: {},
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
  initImmediate: false,
});

/** Registers a namespace's strings (call at module level in the screen's *.i18n.ts). */
export function addStrings(namespace: string, strings: Strings): void {
  registered.set(namespace, strings);
  i18next.addResourceBundle('fr', namespace, strings.fr, true, true);
  i18next.addResourceBundle('en', namespace, strings.en, true, true);
}

// The text main, the CLI and letters share (common/messages): the same words on screen, in the `common` namespace.
addStrings('common', CATALOGUES);

/** Every registered namespace (tests check both languages have the same keys). */
export function registeredStrings(): ReadonlyMap<string, Strings> {
  return registered;
}

/** Switches the interface language and remembers it. */
export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/** The current language, re-rendering on change (what to pass as `lang` to the API). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'fr';
}

export { i18next };
