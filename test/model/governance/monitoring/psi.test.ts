/**
 * PSI on known distributions: an identical sample gives ~0, a known shift gives the value computed by
 * hand, PSI grows with the shift, below the minimum sample there is no PSI, the bins follow the
 * training pipeline's conventions (edge values go right, 1.0 in the last score bin, float32 values).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../../model/model-file/load-model.js';
import {
  binCounts,
  binOf,
  psi,
  PSI_EPSILON,
  PSI_MIN_SAMPLE,
  psiOfCounts,
  psiOfShares,
  psiStatus,
  referenceBins,
  scoreReferenceBins,
  type ReferenceBins,
} from '../../../../model/governance/monitoring/psi.js';
import { SHIPPED_MODEL } from '../../../support/shipped-model.js';

const QUARTERS: ReferenceBins = { edges: [1, 2, 3], shares: [0.25, 0.25, 0.25, 0.25], missing: 0 };

/** A sample with `counts[i]` values in bin i of QUARTERS (bin i holds i + 0.5). */
const sampleOf = (counts: number[]) => counts.flatMap((n, i) => new Array<number>(n).fill(i + 0.5));

/** Deterministic standard normal draws (Box–Muller on a fixed LCG). */
function normals(n: number, seed = 1): Float64Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

/** Decile bins of the standard normal (inner edges at its 10 %, 20 %, … quantiles). */
const NORMAL_DECILES: ReferenceBins = {
  edges: [-1.2815516, -0.8416212, -0.5244005, -0.2533471, 0, 0.2533471, 0.5244005, 0.8416212, 1.2815516],
  shares: new Array<number>(10).fill(0.1),
  missing: 0,
};

describe('psi', () => {
  it('is 0 for a sample with exactly the reference shares, and ~0 for a large sample of the same distribution', () => {
    const same = psi(QUARTERS, sampleOf([250, 250, 250, 250]));
    expect(same).toEqual({ psi: 0, status: 'stable', rows: 1000 });
    const drawn = psi(NORMAL_DECILES, normals(200_000));
    expect(drawn.psi!).toBeLessThan(0.001);
    expect(drawn.status).toBe('stable');
  });

  it('equals the value computed by hand for a known shift', () => {
    // 40 % / 20 % / 20 % / 20 % against quarters:
    // 0.15·ln(0.4/0.25) + 3 · (−0.05)·ln(0.2/0.25) = 0.0705005 + 0.0334715 = 0.1039721
    const result = psi(QUARTERS, sampleOf([400, 200, 200, 200]));
    expect(result.psi).toBeCloseTo(0.15 * Math.log(0.4 / 0.25) + 3 * -0.05 * Math.log(0.2 / 0.25), 12);
    expect(result.psi).toBeCloseTo(0.1039721, 6);
    expect(result.status).toBe('watch');
    // Missing values are a bin of their own: 10 % missing where the reference has none.
    const withMissing = psi({ ...QUARTERS, missing: 0 }, [...sampleOf([225, 225, 225, 225]), ...new Array<number>(100).fill(NaN)]);
    const expected = 4 * (0.225 - 0.25) * Math.log(0.225 / 0.25) + (0.1 - PSI_EPSILON) * Math.log(0.1 / PSI_EPSILON);
    expect(withMissing.psi).toBeCloseTo(expected, 12);
    expect(withMissing.status).toBe('drift');
  });

  it('grows with the shift of a normal sample against normal deciles (stable → watch → drift)', () => {
    const base = normals(20_000, 7);
    const shifts = [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2];
    const values = shifts.map((shift) => psi(NORMAL_DECILES, base.map((x) => x + shift)).psi!);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    // For a mean shift δ of a normal, PSI ≈ δ² (the symmetric KL divergence of two normals): stable at 0.2,
    // watch at 0.5, drift from 0.8.
    expect(psiStatus(values[2]!)).toBe('stable');
    expect(psiStatus(values[4]!)).toBe('watch');
    expect(psiStatus(values[5]!)).toBe('drift');
    expect(values[4]!).toBeGreaterThan(0.2);
    expect(values[4]!).toBeLessThan(0.3);
  });

  it('is not computed below the minimum sample, and says so', () => {
    expect(PSI_MIN_SAMPLE).toBe(500);
    const small = psi(QUARTERS, sampleOf([499, 0, 0, 0]));
    expect(small).toEqual({ psi: null, status: 'insufficient', rows: 499 });
    expect(psi(QUARTERS, [])).toEqual({ psi: null, status: 'insufficient', rows: 0 });
    expect(psi(QUARTERS, sampleOf([500, 0, 0, 0])).psi).toBeGreaterThan(0.25);
    expect(psi(QUARTERS, sampleOf([10, 0, 0, 0]), 10).status).toBe('drift');
  });

  it('stays finite when a bin is empty on either side (epsilon) and is never negative', () => {
    const empty = psi({ edges: [1], shares: [1, 0], missing: 0 }, sampleOf([500, 500]));
    expect(Number.isFinite(empty.psi!)).toBe(true);
    expect(empty.psi).toBeCloseTo((0.5 - 1) * Math.log(0.5 / 1) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON), 12);
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }), (counts) => {
        const sample = sampleOf(counts);
        const result = psi(QUARTERS, sample, 1);
        return sample.length === 0 ? result.psi === null : result.psi! >= 0;
      }),
    );
  });

  it('bins like the training pipeline: a value equal to an edge goes right, 1.0 in the last score bin, float32 values', () => {
    expect(binOf([1, 2, 3], 0.999)).toBe(0);
    expect(binOf([1, 2, 3], 1)).toBe(1);
    expect(binOf([1, 2, 3], 3)).toBe(3);
    expect(binOf([1, 2, 3], 1e9)).toBe(3);
    const score = scoreReferenceBins({ edges: [0, 0.25, 0.5, 0.75, 1], shares: [0.4, 0.3, 0.2, 0.1] });
    expect(binCounts(score, [0, 0.2499, 0.25, 0.99, 1])).toEqual([2, 1, 0, 2, 0]);
    // An edge cut on float32 data: the float64 value just below it is that edge once read as float32.
    const edge = Math.fround(0.3);
    expect(0.3).toBeLessThan(edge);
    expect(binCounts({ edges: [edge], shares: [0.5, 0.5], missing: 0 }, [0.3])).toEqual([0, 1, 0]);
  });

  it('refuses malformed reference bins and share lists naming the problem', () => {
    expect(() => referenceBins('AMT_CREDIT', { edges: [1, 2], shares: [0.5, 0.5] })).toThrow(/AMT_CREDIT: 2 shares for 2 edges \(expected 3\)/);
    expect(() => referenceBins('AMT_CREDIT', { edges: [2, 1], shares: [0.3, 0.3, 0.4] })).toThrow(/not increasing/);
    expect(() => scoreReferenceBins({ edges: [0, 1], shares: [0.5, 0.5] })).toThrow(/score histogram: 2 shares for 2 edges/);
    expect(() => psiOfShares([0.5, 0.5], [1])).toThrow(/2 reference shares but 1 sample shares/);
  });

  it('reads the shipped model\'s reference statistics: every feature and the score have valid bins, and its own shares give PSI 0', () => {
    const { reference, features } = loadModel(SHIPPED_MODEL).metadata;
    expect(Object.keys(reference.features).sort()).toEqual(features.map((f) => f.name).sort());
    for (const [name, stats] of Object.entries(reference.features)) {
      const bins = referenceBins(name, stats);
      const total = bins.shares.reduce((a, b) => a + b, 0) + bins.missing;
      expect(total).toBeCloseTo(1, 6);
      expect(psiOfShares([...bins.shares, bins.missing], [...bins.shares, bins.missing])).toBe(0);
    }
    const score = scoreReferenceBins(reference.score);
    expect(score.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // A sample spread as the reference deciles of the identity document's age (one value per bin, in its
    // share; a whole-day column with no missing value, as age was before it left the inputs): PSI ≈ 0.
    const id = referenceBins('DAYS_ID_PUBLISH', reference.features.DAYS_ID_PUBLISH!);
    expect(id.missing).toBe(0);
    const mids = [id.edges[0]! - 1000, ...id.edges.map((e) => e + 1)];
    const sample = mids.flatMap((v, i) => new Array<number>(Math.round(id.shares[i]! * 10_000)).fill(v));
    expect(psi(id, sample).psi!).toBeLessThan(1e-4);
  });

  it('from counts (what branches send HQ) is exactly the PSI of the values they count, minimum sample included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constant(Number.NaN)), { maxLength: 900 }), (values) => {
        const counts = binCounts(NORMAL_DECILES, values);
        expect(psiOfCounts(NORMAL_DECILES, counts)).toEqual(psi(NORMAL_DECILES, values));
        expect(psiOfCounts(NORMAL_DECILES, counts, 10)).toEqual(psi(NORMAL_DECILES, values, 10));
      }),
    );
    expect(() => psiOfCounts(QUARTERS, [1, 2, 3])).toThrow('PSI: 3 counts for 4 bins and the missing values.');
  });
});
