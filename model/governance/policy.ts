/**
 * The credit policy: the threshold in force (the last recorded change for the model in use, else the
 * model's own cost-optimal threshold), what other thresholds would cost on a scored population, and
 * recording a change. Takes the database and the engine, so it is tested without the desktop.
 */
import type { Db } from '../../db/open-database.js';
import { insertPolicyChange, latestPolicyChange } from '../../db/queries/policy.js';
import type { ScoringEngine } from '../scoring/scoring-engine.js';

/** The policy in force for the engine's model. */
export interface PolicyInForce {
  threshold: number;
  modelThreshold: number;
  /** Who last changed the threshold for this model, and when (null: the model's own threshold). */
  changedBy: string | null;
  changedAt: string | null;
}

/** One point of the cost curve. */
export interface CostPoint {
  threshold: number;
  /** Expected cost per labelled application: (fn · defaults granted + fp · good clients refused) / labelled. */
  cost: number;
  /** Share of all clients granted (probability below the threshold). */
  grantRate: number;
  /** Share of defaults among the granted clients whose outcome is known (null: none granted). */
  defaultRate: number | null;
}

/** The thresholds of the curve: every half point from 0.5 % to 99.5 %. */
export const CURVE_GRID: readonly number[] = Array.from({ length: 199 }, (_, i) => Math.round((i + 1) * 5) / 1000);

/** The policy in force: the latest policy_change for this model version, else the model's threshold. */
export function policyInForce(db: Db, engine: ScoringEngine): PolicyInForce {
  const change = latestPolicyChange(db, engine.modelVersion);
  return {
    threshold: change?.threshold ?? engine.threshold,
    modelThreshold: engine.threshold,
    changedBy: change?.username ?? null,
    changedAt: change?.changed_at ?? null,
  };
}

/** The threshold in force for the engine's model. */
export function thresholdInForce(db: Db, engine: ScoringEngine): number {
  return policyInForce(db, engine).threshold;
}

/**
 * Cost, grant rate and default rate among the granted at each threshold, on a scored population (the
 * decision rule is the engine's: refused when probability ≥ threshold). Clients without a known outcome
 * count in the grant rate only. The costs are those of the model card (a missed default vs a refused good client).
 */
export function costCurve(
  probabilities: ArrayLike<number>,
  targets: ArrayLike<number>,
  cost: { fn: number; fp: number },
  thresholds: readonly number[] = CURVE_GRID,
): CostPoint[] {
  const n = probabilities.length;
  const defaults: number[] = [];
  const repaid: number[] = [];
  for (let i = 0; i < n; i++) {
    if (targets[i] === 1) defaults.push(probabilities[i]!);
    else if (targets[i] === 0) repaid.push(probabilities[i]!);
  }
  const all = Float64Array.from({ length: n }, (_, i) => probabilities[i]!).sort();
  defaults.sort((a, b) => a - b);
  repaid.sort((a, b) => a - b);
  const labelled = defaults.length + repaid.length;
  return [...thresholds]
    .sort((a, b) => a - b)
    .map((threshold) => {
      const grantedAll = countBelow(all, threshold);
      const defaultsGranted = countBelow(defaults, threshold);
      const goodRefused = repaid.length - countBelow(repaid, threshold);
      const grantedLabelled = defaultsGranted + countBelow(repaid, threshold);
      return {
        threshold,
        cost: labelled ? (cost.fn * defaultsGranted + cost.fp * goodRefused) / labelled : 0,
        grantRate: n ? grantedAll / n : 0,
        defaultRate: grantedLabelled ? defaultsGranted / grantedLabelled : null,
      };
    });
}

/** How many values of a sorted array are strictly below `x` (binary search). */
function countBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A recorded change of the threshold. */
export interface PolicyChange {
  previous: number;
  threshold: number;
  changedBy: string;
  changedAt: string;
}

/** Records a new threshold for the engine's model (who, why, from what); the caller checks the role. */
export function setPolicyThreshold(
  db: Db,
  engine: ScoringEngine,
  user: { userId: number; username: string },
  threshold: number,
  reason: string,
  now = new Date(),
): PolicyChange {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`The threshold must be strictly between 0 and 1, got ${threshold}.`);
  const changedAt = now.toISOString();
  return db.transaction(() => {
    const previous = thresholdInForce(db, engine);
    insertPolicyChange(db, { modelVersion: engine.modelVersion, previous, threshold, reason: reason.trim(), userId: user.userId, username: user.username, changedAt });
    return { previous, threshold, changedBy: user.username, changedAt };
  }).immediate();
}
