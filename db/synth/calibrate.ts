import { ApplicationModel, COPULA_VARIABLES, SHIFT_FEATURES, applicationIndex, observedCopulaValue, type LatentClient } from './latent-client.js';
import { nearestCorrelation } from './linear-algebra.js';
import { auc, normalScores, pairCorrelation } from './profile-stats.js';
import type { ApplicationProfile } from './profile-types.js';
import { Random, logit } from './random.js';

/**
 * Calibrates the copula and the default model by simulation, so that what is *observed* in synthetic rows
 * matches what is observed in real rows: the rank correlations between the copula's columns (discrete and
 * tied columns attenuate correlations, so the latent ones must be larger), each column's rank correlation
 * with TARGET (through its loading on c), the per-category default rates (through log-odds shifts) and the
 * overall default rate (through the intercept).
 */

/** What the real sample shows, measured the same way as on synthetic rows. */
export interface RealTargets {
  /** Rank (normal-score) correlations between copula variables; row/column 0 (c) unused. */
  correlation: number[][];
  /** Rank correlation of each copula variable with TARGET; entry 0 unused. */
  targetCorrelation: number[];
  /** Default rate per shift feature and value (already shrunk and scaled to the target rate). */
  categoryRates: Record<string, Record<string, number>>;
  defaultRate: number;
}

/** What a set of rows shows: the statistics calibration matches. */
export interface ObservedStatistics {
  correlation: number[][];
  targetCorrelation: number[];
  categoryRates: Record<string, Record<string, { rate: number; rows: number }>>;
  defaultRate: number;
}

/** Measures the calibrated statistics on rows given as value getters plus their TARGET. */
export function observeStatistics(
  rows: number,
  getNumber: (row: number, column: string) => number,
  getText: (row: number, column: string) => string,
  target: (row: number) => number,
): ObservedStatistics {
  const k = COPULA_VARIABLES.length;
  const scores: Float64Array[] = [new Float64Array(rows).fill(NaN)];
  for (let j = 1; j < k; j++) {
    const variable = COPULA_VARIABLES[j]!;
    const raw = new Float64Array(rows);
    for (let r = 0; r < rows; r++) raw[r] = observedCopulaValue(variable, (column) => getNumber(r, column));
    scores.push(normalScores(raw));
  }
  const t = new Float64Array(rows);
  let defaults = 0;
  for (let r = 0; r < rows; r++) {
    t[r] = target(r);
    defaults += t[r]!;
  }
  const correlation = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j): number => (i === j ? 1 : 0)));
  for (let i = 1; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const r = pairCorrelation(scores[i]!, scores[j]!);
      correlation[i]![j] = r;
      correlation[j]![i] = r;
    }
  }
  const targetCorrelation = scores.map((s, j) => (j === 0 ? 0 : pairCorrelation(s, t)));
  const categoryRates: ObservedStatistics['categoryRates'] = {};
  for (const feature of SHIFT_FEATURES) {
    const counts = new Map<string, { n: number; d: number }>();
    for (let r = 0; r < rows; r++) {
      const text = getText(r, feature.column);
      const key = feature.missing ? (text === '' ? 'missing' : 'present') : text;
      const entry = counts.get(key) ?? { n: 0, d: 0 };
      entry.n++;
      entry.d += t[r]!;
      counts.set(key, entry);
    }
    categoryRates[feature.name] = Object.fromEntries([...counts].map(([key, { n, d }]) => [key, { rate: d / n, rows: n }]));
  }
  return { correlation, targetCorrelation, categoryRates, defaultRate: defaults / rows };
}

/** Statistics of `count` clients drawn from a model (fixed seed: every iteration sees the same randomness). */
export function simulate(profile: ApplicationProfile, count: number, seed: number): { stats: ObservedStatistics; clients: LatentClient[] } {
  const model = new ApplicationModel(profile);
  const rng = new Random(seed, 0x5eed);
  const clients: LatentClient[] = [];
  for (let i = 0; i < count; i++) clients.push(model.draw(rng));
  const num = (r: number, column: string): number => {
    const v = clients[r]!.values[applicationIndex(column)]!;
    return typeof v === 'number' ? v : NaN;
  };
  const text = (r: number, column: string): string => {
    const v = clients[r]!.values[applicationIndex(column)]!;
    return typeof v === 'number' ? (v !== v ? '' : String(v)) : v;
  };
  const stats = observeStatistics(count, num, text, (r) => clients[r]!.target);
  return { stats, clients };
}

/** Iterates the copula correlations, loadings on c, shifts and intercept until synthetic matches real. */
export function calibrate(
  start: ApplicationProfile,
  real: RealTargets,
  options: { iterations: number; sampleSize: number; seed: number; log?: (line: string) => void },
): ApplicationProfile {
  const profile: ApplicationProfile = structuredClone(start);
  const k = COPULA_VARIABLES.length;
  const step = 0.5;
  let last: ObservedStatistics | null = null;
  let latentAuc = 0.5;
  for (let iteration = 0; iteration <= options.iterations; iteration++) {
    const { stats, clients } = simulate(profile, options.sampleSize, options.seed);
    last = stats;
    const c = Float64Array.from(clients, (client) => client.c);
    const t = Float64Array.from(clients, (client) => client.target);
    const kappa = Math.abs(pairCorrelation(c, t));
    latentAuc = auc(c.map((x) => -x), t);
    let maxError = 0;
    for (let i = 1; i < k; i++) {
      for (let j = i + 1; j < k; j++) maxError = Math.max(maxError, Math.abs(real.correlation[i]![j]! - stats.correlation[i]![j]!));
    }
    const maxTargetError = Math.max(...real.targetCorrelation.map((r, j) => Math.abs(r - stats.targetCorrelation[j]!)));
    if (iteration === options.iterations) {
      const worst: Array<[number, string]> = [];
      for (let i = 1; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const d = real.correlation[i]![j]! - stats.correlation[i]![j]!;
          if (Math.abs(d) > 0.05) worst.push([d, `${COPULA_VARIABLES[i]} ~ ${COPULA_VARIABLES[j]}: real ${real.correlation[i]![j]!.toFixed(3)}, synthetic ${stats.correlation[i]![j]!.toFixed(3)}`]);
        }
      }
      worst.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]));
      for (const [, line] of worst.slice(0, 12)) options.log?.(`  correlation off: ${line}`);
    }
    options.log?.(
      `iteration ${iteration}: default rate ${stats.defaultRate.toFixed(4)}, max |Δcorr| ${maxError.toFixed(3)}, ` +
        `max |Δcorr(TARGET)| ${maxTargetError.toFixed(3)}, latent AUC ${latentAuc.toFixed(3)}, ` +
        `max |shift| ${Math.max(...Object.values(profile.target.shifts).flatMap((m) => Object.values(m).map(Math.abs))).toFixed(2)}, ` +
        `max |loading| ${Math.max(...profile.copula.correlation[0]!.slice(1).map(Math.abs)).toFixed(2)}, kappa ${kappa.toFixed(3)}`,
    );
    if (iteration === options.iterations) break;

    const r = profile.copula.correlation;
    for (let i = 1; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = clamp(r[i]![j]! + step * (real.correlation[i]![j]! - stats.correlation[i]![j]!), -0.995, 0.995);
        r[i]![j] = v;
        r[j]![i] = v;
      }
    }
    for (let j = 1; j < k; j++) {
      // corr(column, TARGET) ≈ loading × corr(c, TARGET), whatever the column's marginal.
      const v = clamp(r[0]![j]! + (step * (real.targetCorrelation[j]! - stats.targetCorrelation[j]!)) / -Math.max(kappa, 0.05), -0.95, 0.95);
      r[0]![j] = v;
      r[j]![0] = v;
    }
    profile.copula.correlation = nearestCorrelation(r, 1e-3).map((row) => row.map(round6));
    for (const feature of SHIFT_FEATURES) {
      // Shifts move each category relative to the feature's average; the intercept alone sets the level.
      const shifts = (profile.target.shifts[feature.name] ??= {});
      const deltas: Array<[string, number, number]> = [];
      for (const [value, goal] of Object.entries(real.categoryRates[feature.name] ?? {})) {
        const seen = stats.categoryRates[feature.name]?.[value];
        if (!seen || seen.rows < 200) continue;
        deltas.push([value, logit(clampRate(goal)) - logit(clampRate(seen.rate)), seen.rows]);
      }
      const weight = deltas.reduce((a, [, , n]) => a + n, 0);
      const mean = weight ? deltas.reduce((a, [, d, n]) => a + d * n, 0) / weight : 0;
      for (const [value, delta] of deltas) shifts[value] = round6((shifts[value] ?? 0) + 0.6 * step * (delta - mean));
    }
    profile.target.intercept = round6(profile.target.intercept + logit(real.defaultRate) - logit(clampRate(stats.defaultRate)));
  }
  const stats = last!;
  profile.calibration = {
    targetCorrelation: Object.fromEntries(
      COPULA_VARIABLES.slice(1).map((v, j) => [v, { real: round6(real.targetCorrelation[j + 1]!), synthetic: round6(stats.targetCorrelation[j + 1]!) }]),
    ),
    categoryRates: Object.fromEntries(
      SHIFT_FEATURES.map((f) => [
        f.name,
        Object.fromEntries(
          Object.entries(real.categoryRates[f.name] ?? {}).map(([value, rate]) => [
            value,
            { real: round6(rate), synthetic: round6(stats.categoryRates[f.name]?.[value]?.rate ?? NaN) },
          ]),
        ),
      ]),
    ),
    latentAuc: round6(latentAuc),
    maxCorrelationError: round6(
      Math.max(...COPULA_VARIABLES.flatMap((_, i) => COPULA_VARIABLES.map((__, j) => (i > 0 && j > 0 ? Math.abs(real.correlation[i]![j]! - stats.correlation[i]![j]!) : 0)))),
    ),
  };
  return profile;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function clampRate(p: number): number {
  return clamp(p, 0.002, 0.6);
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

