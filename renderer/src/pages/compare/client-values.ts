/** The client's value of every feature, from a score's explanation (value and value in words). */
import type { ResponseOf } from '../../../../electron/shared/contract';

/** A feature's value for the client. */
export interface ClientValue {
  value: number | null;
  valueText: string;
}

/**
 * Model input key → the client's value, from the explanation's contributions (every model input is there).
 * An input plotted as a distribution has the key of its own column, so the map answers by feature name too.
 */
export function clientValues(score: ResponseOf<'scoring:score'> | undefined): Map<string, ClientValue> | null {
  if (!score) return null;
  return new Map(score.explanation.contributions.map((contribution) => [contribution.input, { value: contribution.value, valueText: contribution.valueText }]));
}
