import type { NumberFormat } from './format.js';
import type { Categorical, Conditional, Marginal } from './profile-types.js';
import { normalQuantile } from './random.js';

/** Columns with at most this many distinct values are sampled as a step function of their real values. */
const MAX_DISCRETE_VALUES = 100;
/** Target number of linear pieces between atoms of a continuous marginal. */
const CONTINUOUS_PIECES = 240;

/** Number of decimals a value's text shows (`202500.0` → 0, `0.0247` → 4, scientific → 99). */
function decimalsOf(text: string): number {
  if (/e/i.test(text)) return 99;
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  const frac = text.slice(dot + 1).replace(/0+$/, '');
  return frac.length;
}

/**
 * How pandas would write the column: float64 (Python repr, `.0` on integral values) when the column has
 * a missing value or a non-integral one, or when the sample already shows float text; int64 otherwise.
 */
export function formatOf(texts: readonly string[]): NumberFormat {
  for (const t of texts) if (t === '' || /[.eE]/.test(t)) return 'float';
  return 'int';
}

/** The marginal of one numeric column from its real texts ('' = missing). */
export function numericMarginal(texts: readonly string[], format: NumberFormat = formatOf(texts)): Marginal {
  const present = texts.filter((t) => t !== '');
  const missing = texts.length ? 1 - present.length / texts.length : 1;
  if (present.length === 0) return { missing: 1, format, decimals: 0, discrete: true, u: [1], x: [0] };
  const values = present.map(Number).sort((a, b) => a - b);
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`Not a number in a numeric column: ${v}`);
  const decimalsList = present.map(decimalsOf).sort((a, b) => a - b);
  // The precision 98% of the real values need; more than 6 places means "continuous, keep full precision".
  const d98 = decimalsList[Math.min(decimalsList.length - 1, Math.floor(0.98 * decimalsList.length))]!;
  const decimals = format === 'int' ? 0 : d98 > 6 ? null : d98;
  return { missing, format, decimals, ...inverseCdf(values) };
}

/** The marginal of a derived quantity: whole numbers (day offsets) stay whole, ratios keep full precision. */
export function derivedMarginal(values: readonly number[]): Marginal {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const whole = finite.every((v) => Number.isInteger(v));
  return { missing: 0, format: 'float', decimals: whole ? 0 : null, ...inverseCdf(finite) };
}

/** Knots of the inverse CDF of sorted values: a step function for few distinct values, else piecewise linear. */
function inverseCdf(sorted: readonly number[]): { discrete: boolean; u: number[]; x: number[] } {
  const n = sorted.length;
  const runs: Array<{ value: number; start: number; end: number }> = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    runs.push({ value: sorted[i]!, start: i, end: j });
    i = j;
  }
  if (runs.length <= MAX_DISCRETE_VALUES) {
    return { discrete: true, u: runs.map((r) => round6(r.end / n)), x: runs.map((r) => r.value) };
  }
  const atomSize = Math.max(3, Math.ceil(0.004 * n));
  const step = Math.max(1, Math.floor(n / CONTINUOUS_PIECES));
  const u: number[] = [0];
  const x: number[] = [sorted[0]!];
  const push = (uu: number, xx: number): void => {
    if (uu < u[u.length - 1]!) return;
    u.push(round6(uu));
    x.push(xx);
  };
  let sinceKnot = 0;
  for (const run of runs) {
    const count = run.end - run.start;
    if (count >= atomSize) {
      push(run.start / n, run.value);
      push(run.end / n, run.value);
      sinceKnot = 0;
    } else {
      sinceKnot += count;
      if (sinceKnot >= step) {
        push((run.start + count / 2) / n, run.value);
        sinceKnot = 0;
      }
    }
  }
  push(1, sorted[n - 1]!);
  return { discrete: false, u, x };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The distribution of a text column ('' = missing), most frequent first. */
export function categorical(texts: readonly string[]): Categorical {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = texts.length;
  let acc = 0;
  const values: string[] = [];
  const cum: number[] = [];
  for (const [value, count] of entries) {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`Category with non-ASCII or control characters: ${JSON.stringify(value)}`);
    acc += count;
    values.push(value);
    cum.push(round6(acc / total));
  }
  cum[cum.length - 1] = 1;
  return { values, cum };
}

/**
 * A text column's distribution given its parents' values (one list per row). Tables are kept for the full
 * combination of parents and for the first parent alone, each only when seen at least `minRows` times;
 * the sampler falls back from the combination to the first parent to the marginal.
 */
export function conditional(parent: string, parentValues: readonly (readonly string[])[], texts: readonly string[], minRows = 30): Conditional {
  const groups = new Map<string, string[]>();
  const add = (key: string, text: string): void => {
    const list = groups.get(key) ?? [];
    list.push(text);
    groups.set(key, list);
  };
  parentValues.forEach((values, i) => {
    add(values.join('|'), texts[i]!);
    if (values.length > 1) add(values[0]!, texts[i]!);
  });
  const tables: Record<string, Categorical> = {};
  for (const [key, list] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (list.length >= minRows) tables[key] = categorical(list);
  }
  return { parent, tables, fallback: categorical(texts) };
}

/** Normal scores Φ⁻¹((mid-rank − ½)/n) of the present values (NaN stays NaN): a rank-based, tie-aware transform. */
export function normalScores(values: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) idx.push(i);
  idx.sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(values.length).fill(NaN);
  const n = idx.length;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && values[idx[j]!] === values[idx[i]!]) j++;
    const midRank = (i + j + 1) / 2; // 1-based average rank of the tie group
    const z = normalQuantile((midRank - 0.5) / n);
    for (let k = i; k < j; k++) out[idx[k]!] = z;
    i = j;
  }
  return out;
}

/** Pearson correlation over the rows where both are present (0 when fewer than 30 such rows or no variance). */
export function pairCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== x || y !== y) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  if (n < 30) return 0;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** Area under the ROC curve of `score` for the binary `label` (ties count half), present scores only. */
export function auc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const idx: number[] = [];
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i]!)) idx.push(i);
  idx.sort((a, b) => score[a]! - score[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i + 1;
    while (j < idx.length && score[idx[j]!] === score[idx[i]!]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (label[idx[k]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const negatives = idx.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
