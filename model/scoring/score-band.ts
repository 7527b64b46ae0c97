/** Score bands: the probability of default read relative to the policy threshold, A (lowest risk) to E. */
export type ScoreBand = 'A' | 'B' | 'C' | 'D' | 'E';

/** The bands, lowest risk first. */
export const SCORE_BANDS: readonly ScoreBand[] = ['A', 'B', 'C', 'D', 'E'];

/** Upper bounds of bands A–D as fractions of the threshold; E is everything from 2× the threshold up. */
const BAND_LIMITS: ReadonlyArray<readonly [ScoreBand, number]> = [
  ['A', 1 / 3],
  ['B', 2 / 3],
  ['C', 1],
  ['D', 2],
];

/**
 * The band of a probability under a threshold. Bands follow the threshold (not fixed probabilities) so
 * that A–C are always granted and D–E refused, whatever the calibration of the model in use.
 */
export function scoreBand(probability: number, threshold: number): ScoreBand {
  for (const [band, limit] of BAND_LIMITS) if (probability < limit * threshold) return band;
  return 'E';
}

/** The lower probability bound of each band under a threshold (for legends and plots). */
export function bandBounds(threshold: number): Array<{ band: ScoreBand; from: number; to: number }> {
  let from = 0;
  const bounds = BAND_LIMITS.map(([band, limit]) => {
    const b = { band, from, to: Math.min(1, limit * threshold) };
    from = b.to;
    return b;
  });
  return [...bounds, { band: 'E', from, to: 1 }];
}
