// @vitest-environment jsdom
/** The threshold screen's what-if maths and cost-curve figure: interpolation, optimum, the client's decision, the slider's grid, the reason rule, the plot in words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { i18next } from '../../renderer/src/i18n/i18n';
import '../../renderer/src/pages/threshold/threshold.i18n';
import { costCurveFigure, costCurveSummary } from '../../renderer/src/pages/threshold/cost-curve-figure';
import {
  cleanThreshold,
  curveAt,
  decisionAt,
  expectedDefaults,
  optimum,
  reasonProblem,
  thresholdRange,
  type CurvePoint,
} from '../../renderer/src/pages/threshold/threshold-what-if';

/** A small curve in the shape policy:get gives (cost falls then rises; fewer grants at lower thresholds). */
const CURVE: CurvePoint[] = [
  { threshold: 0.05, cost: 0.8, grantRate: 0.3, defaultRate: 0.01 },
  { threshold: 0.1, cost: 0.5, grantRate: 0.6, defaultRate: 0.03 },
  { threshold: 0.15, cost: 0.4, grantRate: 0.75, defaultRate: 0.05 },
  { threshold: 0.2, cost: 0.45, grantRate: 0.85, defaultRate: null },
];

describe('curveAt', () => {
  it('reads the curve at its own points and linearly between them', () => {
    expect(curveAt(CURVE, 0.1)).toEqual({ threshold: 0.1, cost: 0.5, grantRate: 0.6, defaultRate: 0.03 });
    const mid = curveAt(CURVE, 0.125)!;
    expect(mid.cost).toBeCloseTo(0.45, 12);
    expect(mid.grantRate).toBeCloseTo(0.675, 12);
    expect(mid.defaultRate).toBeCloseTo(0.04, 12);
    const quarter = curveAt(CURVE, 0.0625)!;
    expect(quarter.cost).toBeCloseTo(0.725, 12);
    expect(quarter.grantRate).toBeCloseTo(0.375, 12);
  });

  it('does not extrapolate: the end points hold outside the range', () => {
    expect(curveAt(CURVE, 0.01)).toEqual({ ...CURVE[0], threshold: 0.01 });
    expect(curveAt(CURVE, 0.9)).toEqual({ ...CURVE[3], threshold: 0.9 });
  });

  it('has no default rate where a neighbour has none, and sorts an unsorted curve without touching it', () => {
    expect(curveAt(CURVE, 0.175)!.defaultRate).toBeNull();
    const shuffled = [CURVE[2]!, CURVE[0]!, CURVE[3]!, CURVE[1]!];
    const copy = JSON.stringify(shuffled);
    expect(curveAt(shuffled, 0.125)!.cost).toBeCloseTo(0.45, 12);
    expect(JSON.stringify(shuffled)).toBe(copy);
    expect(curveAt([], 0.1)).toBeNull();
  });

  it('stays between its two neighbours everywhere (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.2, noNaN: true }), (t) => {
        const point = curveAt(CURVE, t)!;
        const hi = CURVE.findIndex((p) => p.threshold >= t);
        const a = CURVE[Math.max(hi - 1, 0)]!;
        const b = CURVE[hi]!;
        expect(point.cost).toBeGreaterThanOrEqual(Math.min(a.cost, b.cost) - 1e-12);
        expect(point.cost).toBeLessThanOrEqual(Math.max(a.cost, b.cost) + 1e-12);
        expect(point.grantRate).toBeGreaterThanOrEqual(a.grantRate - 1e-12);
        expect(point.grantRate).toBeLessThanOrEqual(b.grantRate + 1e-12);
      }),
      { numRuns: 500 },
    );
  });
});

describe('optimum, decision, expected defaults, range', () => {
  it('finds the cheapest point, the lowest threshold among ties', () => {
    expect(optimum(CURVE)!.threshold).toBe(0.15);
    expect(optimum([...CURVE, { threshold: 0.3, cost: 0.4, grantRate: 0.9, defaultRate: 0.08 }])!.threshold).toBe(0.15);
    expect(optimum([{ threshold: 0.3, cost: 0.4, grantRate: 0.9, defaultRate: 0.08 }, ...CURVE])!.threshold).toBe(0.15);
    expect(optimum([])).toBeNull();
  });

  it('refuses at and above the threshold, as the scoring engine does', () => {
    expect(decisionAt(0.0949, 0.095)).toBe('granted');
    expect(decisionAt(0.095, 0.095)).toBe('refused');
    expect(decisionAt(0.2, 0.095)).toBe('refused');
    // The flip the slider shows: the same client, two thresholds.
    expect(decisionAt(0.12, 0.1)).toBe('refused');
    expect(decisionAt(0.12, 0.125)).toBe('granted');
  });

  it('counts expected defaults per 1,000 applications as grant rate × default rate', () => {
    expect(expectedDefaults(CURVE[1]!)).toBeCloseTo(18, 10);
    expect(expectedDefaults(CURVE[1]!, 100)).toBeCloseTo(1.8, 10);
    expect(expectedDefaults(CURVE[3]!)).toBeNull();
  });

  it('takes the slider range from the curve, or a default without one', () => {
    expect(thresholdRange(CURVE)).toEqual({ min: 0.05, max: 0.2 });
    expect(thresholdRange([])).toEqual({ min: 0.005, max: 0.995 });
  });
});

describe('cleanThreshold and reasonProblem', () => {
  it('clamps to the range and removes float noise; NaN is no threshold', () => {
    const range = { min: 0.05, max: 0.2 };
    expect(cleanThreshold(0.1 + 0.005, range)).toBe(0.105);
    expect(cleanThreshold(0.01, range)).toBe(0.05);
    expect(cleanThreshold(0.7, range)).toBe(0.2);
    expect(cleanThreshold(Number('abc'), range)).toBeNull();
    expect(cleanThreshold(Infinity, range)).toBeNull();
  });

  it('requires a reason of 3 to 500 characters once trimmed', () => {
    expect(reasonProblem('')).toBe('required');
    expect(reasonProblem('   ')).toBe('required');
    expect(reasonProblem(' ab ')).toBe('tooShort');
    expect(reasonProblem('abc')).toBeNull();
    expect(reasonProblem('x'.repeat(500))).toBeNull();
    expect(reasonProblem('x'.repeat(501))).toBe('tooLong');
  });
});

describe('cost curve figure', () => {
  const t = i18next.getFixedT('en', 'threshold');

  it('draws the cost and the approval rate, and marks optimum, policy, what-if and client at their thresholds', () => {
    const { data, layout } = costCurveFigure(CURVE, { policy: 0.1, whatIf: 0.125, client: { clientId: 100002, probability: 0.12 } }, 'en', t);
    expect(data).toHaveLength(2);
    expect((data[0] as { y: number[] }).y).toEqual([0.8, 0.5, 0.4, 0.45]);
    expect((data[1] as { yaxis: string }).yaxis).toBe('y2');
    expect(layout.shapes!.map((shape) => shape.x0)).toEqual([0.15, 0.1, 0.125, 0.12]);
    const labels = layout.annotations!.map((annotation) => annotation.text);
    expect(labels).toEqual(['Optimum 15.0%', 'In force 10.0%', 'What-if 12.5%', 'Client 100002 12.0%']);
    // Different line styles, not colour alone.
    expect(new Set(layout.shapes!.map((shape) => shape.line!.dash)).size).toBe(4);
  });

  it('states the optimum, the policy and the what-if value with their numbers, in both languages', () => {
    const marks = { policy: 0.1, whatIf: 0.125, client: null };
    expect(costCurveSummary(CURVE, marks, 'en', t)).toBe(
      'Lowest cost at threshold 15.0%: 0.400 per application, 75.0% approved, 5.0% defaults among the granted. ' +
        'At the threshold in force 10.0%: cost 0.500, 60.0% approved, 3.0% defaults (18.0 per 1,000 applications). ' +
        'At the what-if threshold 12.5%: cost 0.450, 67.5% approved, 4.0% defaults (27.0 per 1,000 applications).',
    );
    const fr = costCurveSummary(CURVE, marks, 'fr', i18next.getFixedT('fr', 'threshold'));
    expect(fr).toContain('Coût minimal au seuil 15,0');
    expect(fr).toContain('(27,0 pour 1 000 demandes)');
    expect(costCurveSummary([], marks, 'en', t)).toBe('The policy gives no cost curve.');
  });
});
