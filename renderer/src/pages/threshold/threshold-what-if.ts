/**
 * What-if maths of the threshold screen, from the policy's cost curve: the curve read at any threshold
 * (linear interpolation between its points), its optimum, the client's decision under a threshold,
 * and the slider's value kept on its grid.
 */
import type { ResponseOf } from '../../../../electron/shared/contract';

/** One point of the policy's curve. */
export type CurvePoint = ResponseOf<'policy:get'>['curve'][number];

/** The slider's step (a probability of default). */
export const THRESHOLD_STEP = 0.005;

/** The curve sorted by threshold, points with a non-finite value dropped (a copy: the answer is not touched). */
export function sortedCurve(curve: readonly CurvePoint[]): CurvePoint[] {
  return curve.filter((point) => Number.isFinite(point.threshold) && Number.isFinite(point.cost)).sort((a, b) => a.threshold - b.threshold);
}

/**
 * The curve at `threshold`: linear between the two points around it, the end point's values outside the
 * curve's range (no extrapolation: the curve does not say). defaultRate is null when either neighbour's is
 * null (no granted client there). Null for an empty curve.
 */
export function curveAt(curve: readonly CurvePoint[], threshold: number): CurvePoint | null {
  const points = sortedCurve(curve);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  if (threshold <= first.threshold) return { ...first, threshold };
  if (threshold >= last.threshold) return { ...last, threshold };
  let hi = 1;
  while (points[hi]!.threshold < threshold) hi++;
  const a = points[hi - 1]!;
  const b = points[hi]!;
  const span = b.threshold - a.threshold;
  const w = span === 0 ? 0 : (threshold - a.threshold) / span;
  const lerp = (u: number, v: number) => u + (v - u) * w;
  return {
    threshold,
    cost: lerp(a.cost, b.cost),
    grantRate: lerp(a.grantRate, b.grantRate),
    defaultRate: a.defaultRate === null || b.defaultRate === null ? null : lerp(a.defaultRate, b.defaultRate),
  };
}

/** The cost-minimal point of the curve (the lowest threshold among ties), null for an empty curve. */
export function optimum(curve: readonly CurvePoint[]): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const point of sortedCurve(curve)) if (!best || point.cost < best.cost) best = point;
  return best;
}

/** The model's rule: refused when the probability of default reaches the threshold (ScoringEngine.judge). */
export function decisionAt(probability: number, threshold: number): 'granted' | 'refused' {
  return probability >= threshold ? 'refused' : 'granted';
}

/** Expected defaults per `per` applications at a point: granted share × default rate among the granted. */
export function expectedDefaults(point: CurvePoint, per = 1000): number | null {
  return point.defaultRate === null ? null : point.grantRate * point.defaultRate * per;
}

/** The slider's range: the curve's, else (no curve) one step from 0 to one step from 1. */
export function thresholdRange(curve: readonly CurvePoint[]): { min: number; max: number } {
  const points = sortedCurve(curve);
  if (points.length === 0) return { min: THRESHOLD_STEP, max: 1 - THRESHOLD_STEP };
  return { min: points[0]!.threshold, max: points[points.length - 1]!.threshold };
}

/**
 * A typed or dragged value made a valid what-if threshold: clamped to the range, kept on 4 decimals so
 * 0.1 + 0.005 reads 0.105 (not 0.10500000000000001). NaN gives null (nothing valid typed yet).
 */
export function cleanThreshold(value: number, range: { min: number; max: number }): number | null {
  if (!Number.isFinite(value)) return null;
  const clamped = Math.min(range.max, Math.max(range.min, value));
  return Math.round(clamped * 10_000) / 10_000;
}

/** The reason of a policy change: required, 3 to 500 characters once trimmed (the contract's bounds). Returns the problem's key or null. */
export function reasonProblem(reason: string): 'required' | 'tooShort' | 'tooLong' | null {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return 'required';
  if (trimmed.length < 3) return 'tooShort';
  if (trimmed.length > 500) return 'tooLong';
  return null;
}
