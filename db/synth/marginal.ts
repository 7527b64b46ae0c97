import { roundTo } from './format.js';
import type { Categorical, Marginal } from './profile-types.js';

/** The value of a marginal at cumulative probability u in (0, 1), rounded to the column's decimals. */
export function quantile(m: Marginal, u: number): number {
  const us = m.u;
  const xs = m.x;
  if (m.discrete) {
    // Step function: the first value whose cumulative share exceeds u.
    let lo = 0;
    let hi = us.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (us[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return xs[lo]!;
  }
  // Piecewise linear: find the last knot at or below u.
  let lo = 0;
  let hi = us.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (us[mid]! <= u) lo = mid;
    else hi = mid;
  }
  const u0 = us[lo]!;
  const u1 = us[hi]!;
  const x0 = xs[lo]!;
  const x1 = xs[hi]!;
  const x = u1 > u0 ? x0 + ((x1 - x0) * (u - u0)) / (u1 - u0) : x1;
  return roundTo(x, m.decimals);
}

/** The category at cumulative probability u in (0, 1). */
export function pick(cat: Categorical, u: number): string {
  const cum = cat.cum;
  const n = cum.length;
  for (let i = 0; i < n - 1; i++) if (u < cum[i]!) return cat.values[i]!;
  return cat.values[n - 1]!;
}

/** The share of a marginal's (present) values at or below `value`: where its inverse CDF leaves `value`. */
export function shareAtMost(m: Marginal, value: number): number {
  let share = 0;
  for (let i = 0; i < m.x.length; i++) if (m.x[i]! <= value) share = m.u[i]!;
  return share;
}
