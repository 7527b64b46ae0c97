/** Small helpers shared by the feature groups: reading SQLite values as numbers, the DAYS_* sentinel. */

/** A stored value as a number: NULL, undefined, text → NaN (missing). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}

/**
 * The data set writes 365243 (1000 years) in DAYS_EMPLOYED and in previous_application's DAYS_FIRST_DRAWING,
 * DAYS_FIRST_DUE, DAYS_LAST_DUE*, DAYS_TERMINATION when there is no such date (no employment, a loan still
 * running). It is a code, not a duration: read as a number it would dominate every mean and ratio.
 */
export const DAYS_SENTINEL = 365243;

/** A DAYS_* value with the sentinel read as missing. */
export function days(value: unknown): number {
  return value === DAYS_SENTINEL ? NaN : num(value);
}

/** a / b, NaN when either is missing or b is 0 (a ratio with no denominator is undefined, not infinite). */
export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/** The larger of a running maximum and a value, ignoring missing values on either side. */
export function maxKnown(current: number, value: number): number {
  return Number.isNaN(current) || value > current ? value : current;
}

/** The smaller of a running minimum and a value, ignoring missing values on either side. */
export function minKnown(current: number, value: number): number {
  return Number.isNaN(current) || value < current ? value : current;
}
