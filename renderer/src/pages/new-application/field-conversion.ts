/**
 * The one conversion between what an officer types and what the data set stores for time spans: the
 * DAYS_* columns count days BEFORE the application, as negative numbers (DAYS_BIRTH −12 784 is an age of
 * 35 years). The form asks for years; the record carries whole days, as the data set does.
 */

/** Days per year, as the features and the labels count them (model/explanation/format-value.ts). */
export const DAYS_PER_YEAR = 365.25;

/** Years before the application (35.5) → the DAYS_* value (−12 966): whole days, negative, never −0. */
export function yearsToDays(years: number): number {
  const days = -Math.round(years * DAYS_PER_YEAR);
  return days === 0 ? 0 : days;
}

/** A DAYS_* value (−12 966) → years before the application (35.498…), unrounded. */
export function daysToYears(days: number): number {
  const years = -days / DAYS_PER_YEAR;
  return years === 0 ? 0 : years;
}
