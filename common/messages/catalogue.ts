/**
 * The typed catalogue of the text main, the CLI and letters write for people, in French and English.
 * Keys are checked by the compiler (`messages(lang).score.amount`, `message(lang, 'groups.A')`); the
 * renderer's i18next registers the same catalogue as its `common` namespace.
 */
import type { Lang } from '../lang.js';
import { EN } from './en.js';
import { FR } from './fr.js';
import type { MessageKey, Messages } from './messages-shape.js';

export type { MessageKey, Messages } from './messages-shape.js';

/** Both catalogues, by language. */
export const CATALOGUES: Readonly<Record<Lang, Messages>> = { fr: FR, en: EN };

/** The whole catalogue of a language, for code that reads several strings of one part. */
export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** Values put into a text's `{{name}}` marks. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** A text of the catalogue with `{{name}}` replaced by `values[name]` (values are put in as they are, never read for marks). */
export function fill(text: string, values: MessageValues = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** One string of the catalogue, with `{{name}}` replaced by `values[name]`. */
export function message(lang: Lang, key: MessageKey, values: MessageValues = {}): string {
  let node: unknown = CATALOGUES[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`message ${key}: not a string of the ${lang} catalogue`);
  return fill(node, values);
}
