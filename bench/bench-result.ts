/** One measured figure of `npm run bench`. */
export interface BenchResult {
  /** What was measured, e.g. "import rows/s (bureau_balance)". */
  name: string;
  /** The median of the repeated measurements. */
  value: number;
  unit: string;
  /** The reference measured in the same run (e.g. the sqlite3 shell), when there is one. */
  reference?: { name: string; value: number };
  /** value / reference.value, or its inverse for lower-is-better units, as stated in `note`. */
  ratio?: number;
  /** A target from the issue, in words (e.g. "≥ 0.5× sqlite3 .import"). */
  target?: string;
  note?: string;
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0 < q ≤ 1) of a non-empty list by the nearest-rank method: p95 = percentile(values, 0.95). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
