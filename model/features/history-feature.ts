/** Builder of the history tables' feature specs, and a sum that knows whether anything was summed. */
import type { FeatureGroup, FeatureSpec, FeatureUnit, Label, SourceColumn } from './feature-spec.js';

/** A builder of feature specs for one history group (`whenNoHistory` is required there). */
export function historyFeatureBuilder(group: Exclude<FeatureGroup, 'application'>) {
  return <const N extends string>(
    name: N,
    label: Label,
    unit: FeatureUnit,
    whenNoHistory: 'zero' | 'missing',
    inputs: readonly SourceColumn[],
    extra: Partial<Omit<FeatureSpec, 'name'>> = {},
  ): FeatureSpec & { name: N } => ({ name, label, unit, group, inputs, whenNoHistory, ...extra });
}

/**
 * Sum of a column over a client's rows, for `zero` features: 0 when the client has no row (no credit,
 * no debt: true), NaN when there are rows but none with a known value (the debt is unknown, not 0).
 */
export function knownSum(sum: number, known: number, rows: number): number {
  if (rows === 0) return 0;
  return known > 0 ? sum : NaN;
}
