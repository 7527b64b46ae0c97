import { formatFloat, formatInt, roundTo, type NumberFormat } from './format.js';
import { quantile } from './marginal.js';
import type { ChildTableProfile, Marginal } from './profile-types.js';
import { normalCdf, type Random } from './random.js';

/**
 * How the history tables read a client's riskiness h = −c (standard normal; high = likely to default).
 * Both helpers keep the real marginals on average over clients, so the tables' distributions follow the
 * samples while riskier clients get the worse end of them.
 */

/**
 * Noisy views ρ·h + √(1−ρ²)·ε of a client's riskiness, one per behaviour of the history tables. Separate
 * views make separate features (late payments, refusals, card use…) each carry part of the signal, as in
 * real data, instead of all repeating one number; averaging a client's many rows would otherwise recover h
 * almost exactly and one history feature would outrank the real data's best.
 */
export interface RiskViews {
  /** Open bureau credits and debt. */
  bureau: number;
  /** Bureau overdue amounts and days. */
  overdue: number;
  /** Arrears in bureau_balance. */
  balance: number;
  /** Refused previous applications. */
  refusal: number;
  /** Late instalment payments. */
  late: number;
  /** Short instalment payments. */
  short: number;
  /** POS/cash arrears. */
  arrears: number;
  /** Credit-card utilisation and missed card payments. */
  card: number;
}

/** Correlation of each view with the client's riskiness. */
export const VIEW_CORRELATION = 0.5;

/** Draws a client's views of riskiness h into `out`. */
export function drawViews(rng: Random, h: number, out: RiskViews): void {
  const a = VIEW_CORRELATION;
  const b = Math.sqrt(1 - a * a);
  out.bureau = a * h + b * rng.normal();
  out.overdue = a * h + b * rng.normal();
  out.balance = a * h + b * rng.normal();
  out.refusal = a * h + b * rng.normal();
  out.late = a * h + b * rng.normal();
  out.short = a * h + b * rng.normal();
  out.arrears = a * h + b * rng.normal();
  out.card = a * h + b * rng.normal();
}

/** A uniform on (0,1) correlated with h: Φ(ρ·h + √(1−ρ²)·ε). Feeding it to a quantile function tilts the draw. */
export function tiltedUniform(rng: Random, h: number, rho: number): number {
  return normalCdf(rho * h + Math.sqrt(1 - rho * rho) * rng.normal());
}

/** True with probability p·exp(γh − γ²/2) (capped at 0.95): the mean over clients stays p. */
export function riskyChance(rng: Random, p: number, h: number, gamma: number): boolean {
  return rng.uniform() < Math.min(0.95, p * Math.exp(gamma * h - (gamma * gamma) / 2));
}

/** The marginal of `column` in `cell` (falling back to the table-wide cell `*`); throws if the profile lacks it. */
export function marginalOf(profile: ChildTableProfile, column: string, cell = '*'): Marginal {
  const m = profile.cells[cell]?.numeric[column] ?? profile.cells['*']?.numeric[column];
  if (!m) throw new Error(`Profile has no marginal for ${column}`);
  return m;
}

/** A draw from a marginal, missing (NaN) at its missing rate. */
export function draw(rng: Random, m: Marginal): number {
  return m.missing > 0 && rng.uniform() < m.missing ? NaN : quantile(m, rng.uniform());
}

/** Formats a number per the column's real format; NaN → empty field. */
export function formatter(format: NumberFormat | undefined, decimals: number | null = null): (x: number) => string {
  if (format === 'float') return (x) => (x !== x ? '' : formatFloat(roundTo(x, decimals)));
  return (x) => (x !== x ? '' : formatInt(Math.round(x)));
}

/** Formatters for a child table's numeric columns, from the profile's formats (decimals for computed amounts). */
export function formattersFor(profile: ChildTableProfile, decimals: Record<string, number> = {}): Record<string, (x: number) => string> {
  const out: Record<string, (x: number) => string> = {};
  for (const [column, format] of Object.entries(profile.formats)) out[column] = formatter(format, decimals[column] ?? null);
  return out;
}
