/**
 * How a feature's raw values are shown on an axis. The application's DAYS_* features are negative day
 * counts before the application (−15 698 = 43 years of age): an officer reads them in years, so they are
 * shown as −days / 365.25. Everything else is shown as stored.
 */

/** A linear change of unit for display: shown = raw × factor. */
export interface DisplayScale {
  factor: number;
  /** Key of the unit word under compare:units.* ; null = no unit added to the label. */
  unit: 'years' | null;
}

const DAYS_PER_YEAR = 365.25;
const IDENTITY: DisplayScale = { factor: 1, unit: null };

/** The display scale of a feature (why DAYS_ only: the contract gives no units, and only these are always negative days). */
export function displayScale(feature: string): DisplayScale {
  // The application table's own DAYS_* columns (registry unit years_from_days); aggregates keep their raw unit.
  return /^DAYS_/.test(feature) ? { factor: -1 / DAYS_PER_YEAR, unit: 'years' } : IDENTITY;
}

/** A raw value on the display scale (null stays null). */
export function toDisplay(value: number | null, scale: DisplayScale): number | null {
  if (value === null) return null;
  const shown = value * scale.factor;
  // −0 reads "-0" in some formats.
  return shown === 0 ? 0 : shown;
}
