/** The shape every language's catalogue has: English's keys, each a string. */
import type { EN } from './en.js';

/** Same keys as T, every leaf a string (the French catalogue's type: a missing or extra key fails the typecheck). */
export type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/** A catalogue of one language. */
export type Messages = SameKeys<typeof EN>;

/** Dotted paths to the strings of T ('score.amount', 'groups.A'). */
export type PathsOf<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${PathsOf<T[K]>}`;
}[keyof T & string];

/** A key of the catalogue: a misspelled one fails the typecheck. */
export type MessageKey = PathsOf<Messages>;
