/**
 * How a feature's raw values are shown on an axis, from the unit main gives with them. Features in
 * `years_from_days` are negative day counts before the application (−3 650 = ten years in the job): an
 * officer reads them in years, so they are shown as −days / 365.25. Everything else is shown as stored.
 */
import type { z } from 'zod';
import type { FeatureUnitSchema } from '../../../../electron/shared/contract-common';

/** A feature's unit, as the contract gives it. */
export type FeatureUnit = z.infer<typeof FeatureUnitSchema>;

/** A linear change of unit for display: shown = raw × factor. */
export interface DisplayScale {
  factor: number;
  /** Key of the unit word under compare:units.* ; null = no unit added to the label. */
  unit: 'years' | null;
}

const DAYS_PER_YEAR = 365.25;
const IDENTITY: DisplayScale = { factor: 1, unit: null };

/** The display scale of a feature's unit. */
export function displayScale(unit: FeatureUnit): DisplayScale {
  return unit === 'years_from_days' ? { factor: -1 / DAYS_PER_YEAR, unit: 'years' } : IDENTITY;
}

/** A raw value on the display scale (null stays null). */
export function toDisplay(value: number | null, scale: DisplayScale): number | null {
  if (value === null) return null;
  const shown = value * scale.factor;
  // −0 reads "-0" in some formats.
  return shown === 0 ? 0 : shown;
}
