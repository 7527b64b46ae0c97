/**
 * Population Stability Index of a sample against reference bins (the model's own reference statistics,
 * model-metadata.ts `reference`): PSI = Σ (sᵢ − rᵢ) · ln(sᵢ / rᵢ) over the bins and the missing values,
 * where rᵢ is the reference share of bin i and sᵢ the sample's. Read as: < 0.1 stable, < 0.25 watch,
 * otherwise drift (the usual credit-scoring rule of thumb, e.g. Siddiqi, Credit Risk Scorecards, 2006).
 */

/** Below this many rows PSI is not computed: with 10 bins, sampling noise alone gives PSI ≈ (bins − 1) / n (0.018 at 500). */
export const PSI_MIN_SAMPLE = 500;
/** PSI from which a distribution is watched. */
export const PSI_WATCH = 0.1;
/** PSI from which a distribution has drifted. */
export const PSI_DRIFT = 0.25;
/**
 * Share given to an empty bin (in the reference or in the sample) before the logarithm: ln(s / 0) is
 * infinite, so one client in a bin the training population never reached would make PSI infinite. 1e-4
 * (one in ten thousand) keeps such a bin's weight bounded — about 0.1 for a bin holding 1 % of the sample.
 */
export const PSI_EPSILON = 1e-4;

/** How stable a distribution is; 'insufficient' when the sample is below PSI_MIN_SAMPLE (no PSI computed). */
export type PsiStatus = 'stable' | 'watch' | 'drift' | 'insufficient';

/**
 * Reference bins: `edges` are the inner cut points e₁ < … < e_k of k + 1 bins (−∞, e₁), [e₁, e₂), …,
 * [e_k, +∞) — numpy's searchsorted(side="right"), as model/training/octroi_training/reference_stats.py
 * writes them; `shares` their k + 1 shares and `missing` the share of missing values (all add up to 1).
 */
export interface ReferenceBins {
  edges: readonly number[];
  shares: readonly number[];
  missing: number;
}

/** A PSI, or null with status 'insufficient' below the minimum sample. */
export interface PsiResult {
  psi: number | null;
  status: PsiStatus;
  /** Rows of the sample (missing values included). */
  rows: number;
}

/** The status of a computed PSI. */
export function psiStatus(psi: number): Exclude<PsiStatus, 'insufficient'> {
  return psi < PSI_WATCH ? 'stable' : psi < PSI_DRIFT ? 'watch' : 'drift';
}

/**
 * The feature bins of the metadata as ReferenceBins, checked: one share more than edges, edges
 * increasing. Throws naming `what` when the statistics are malformed (a model file bug, not user input).
 */
export function referenceBins(what: string, bins: { edges: readonly number[]; shares: readonly number[]; missing?: number }): ReferenceBins {
  if (bins.shares.length !== bins.edges.length + 1) {
    throw new Error(`Reference bins of ${what}: ${bins.shares.length} shares for ${bins.edges.length} edges (expected ${bins.edges.length + 1}).`);
  }
  for (let i = 1; i < bins.edges.length; i++) {
    if (!(bins.edges[i]! > bins.edges[i - 1]!)) throw new Error(`Reference bins of ${what}: edges are not increasing at ${i}.`);
  }
  return { edges: bins.edges, shares: bins.shares, missing: bins.missing ?? 0 };
}

/**
 * The score histogram of the metadata (21 edges 0, 0.05, …, 1 for 20 bins, numpy.histogram: the last bin
 * closed) as ReferenceBins: its inner edges with searchsorted(right) put 1.0 in the last bin as numpy
 * does, and a probability is never missing.
 */
export function scoreReferenceBins(score: { edges: readonly number[]; shares: readonly number[] }): ReferenceBins {
  if (score.edges.length !== score.shares.length + 1) {
    throw new Error(`Reference score histogram: ${score.shares.length} shares for ${score.edges.length} edges (expected ${score.shares.length + 1}).`);
  }
  return referenceBins('the score', { edges: score.edges.slice(1, -1), shares: score.shares, missing: 0 });
}

/** The bin of a value: the number of inner edges ≤ value (binary search). */
export function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bin of one value (index bins.shares.length = missing). Values are read as float32, as the model and the reference saw them. */
export function binIndex(bins: ReferenceBins, value: number): number {
  // The training pipeline read the features as float32 (features_csv.py) and cut the bins there: a
  // float64 value just below an edge can be that edge in float32.
  return Number.isNaN(value) ? bins.shares.length : binOf(bins.edges, Math.fround(value));
}

/** Counts of a sample per bin (index bins.shares.length = missing), each value binned by binIndex. */
export function binCounts(bins: ReferenceBins, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(bins.shares.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binIndex(bins, values[i]!)]!++;
  return counts;
}

/** PSI of sample shares against reference shares (same length), empty bins floored at PSI_EPSILON. */
export function psiOfShares(reference: readonly number[], sample: readonly number[]): number {
  if (reference.length !== sample.length) throw new Error(`PSI: ${reference.length} reference shares but ${sample.length} sample shares.`);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, PSI_EPSILON);
    const s = Math.max(sample[i]!, PSI_EPSILON);
    psi += (s - r) * Math.log(s / r);
  }
  return psi;
}

/**
 * PSI of a sample given by its counts per bin (binCounts: index bins.shares.length = missing) against
 * reference bins; below `minSample` rows no PSI. What HQ computes from the counts branches send, and what
 * psi() computes from values: one definition.
 */
export function psiOfCounts(bins: ReferenceBins, counts: readonly number[], minSample = PSI_MIN_SAMPLE): PsiResult {
  if (counts.length !== bins.shares.length + 1) throw new Error(`PSI: ${counts.length} counts for ${bins.shares.length} bins and the missing values.`);
  const rows = counts.reduce((sum, c) => sum + c, 0);
  if (rows < minSample || rows === 0) return { psi: null, status: 'insufficient', rows };
  const value = psiOfShares(
    [...bins.shares, bins.missing],
    counts.map((c) => c / rows),
  );
  return { psi: value, status: psiStatus(value), rows };
}

/**
 * PSI of a sample (NaN = missing) against reference bins; below `minSample` rows (default PSI_MIN_SAMPLE)
 * no PSI: { psi: null, status: 'insufficient' }.
 */
export function psi(bins: ReferenceBins, values: ArrayLike<number>, minSample = PSI_MIN_SAMPLE): PsiResult {
  if (values.length < minSample || values.length === 0) return { psi: null, status: 'insufficient', rows: values.length };
  return psiOfCounts(bins, binCounts(bins, values), minSample);
}
