/**
 * The shipped model against XGBoost's own outputs for a fixture's clients: ONNX Runtime's probabilities,
 * TreeSHAP in TypeScript, and the features the app computes from the database, all checked against the
 * golden values written from the same trees. Run on the synthetic fixture (standalone suite) and on the
 * real fixture (real-data suite).
 */
import { expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { computeFeatures } from '../../model/features/compute-features.js';
import { readClientRecords } from '../../model/features/read-client-records.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { margin } from '../../model/model-file/tree-ensemble.js';
import { TreeShapExplainer } from '../../model/explanation/tree-shap.js';
import { sumByInput } from '../../model/explanation/input-contributions.js';
import type { Golden } from './shipped-model.js';

const toRow = (features: (number | null)[]) => Float32Array.from(features, (v) => (v === null ? NaN : v));

/** What the checks run on, available once the caller's beforeAll has run. */
export interface GoldenContext {
  golden(): Golden;
  engine(): ScoringEngine;
  /** The database holding the golden file's clients. */
  db(): Db;
  /** A client scored end to end. */
  clientId: number;
}

/** Declares the golden-value tests (inside the caller's describe). */
export function goldenValueTests(context: GoldenContext): void {
  it('ONNX Runtime gives XGBoost’s probabilities to 1e-5 on every fixture client', async () => {
    const golden = context.golden();
    const width = golden.features[0]!.length;
    const rows = new Float32Array(golden.ids.length * width);
    golden.features.forEach((f, i) => rows.set(toRow(f), i * width));
    // Straight to the worker: the golden rows are already in the model's input order.
    const scorer = (context.engine() as unknown as { scorer: { score(r: Float32Array, n: number): Promise<Float32Array> } }).scorer;
    const probabilities = await scorer.score(rows, golden.ids.length);
    let worst = 0;
    probabilities.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - golden.probability[i]!))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('TreeSHAP in TypeScript equals XGBoost’s pred_contribs to 1e-5, and adds up to the margin to 1e-6', () => {
    const golden = context.golden();
    const trees = context.engine().model.trees;
    const explainer = new TreeShapExplainer(trees);
    const phi = new Float64Array(trees.featureCount);
    let worstContribution = 0;
    let worstSum = 0;
    golden.ids.forEach((_, i) => {
      const row = toRow(golden.features[i]!);
      const base = explainer.explain(row, phi);
      expect(base).toBeCloseTo(golden.base_value[i]!, 5);
      phi.forEach((c, j) => (worstContribution = Math.max(worstContribution, Math.abs(c - golden.contributions[i]![j]!))));
      const sum = phi.reduce((a, b) => a + b, base);
      worstSum = Math.max(worstSum, Math.abs(sum - margin(trees, row)));
    });
    expect(worstContribution).toBeLessThan(1e-5);
    expect(worstSum).toBeLessThan(1e-6);
  });

  it('per model input (the sum over its columns, as every explanation gives it) TreeSHAP equals XGBoost to 1e-5', () => {
    const golden = context.golden();
    const engine = context.engine();
    const explainer = new TreeShapExplainer(engine.model.trees);
    const phi = new Float64Array(engine.model.trees.featureCount);
    const index = engine.model.inputIndex;
    let worst = 0;
    let grouped = 0;
    golden.ids.forEach((_, i) => {
      explainer.explain(toRow(golden.features[i]!), phi);
      const ours = sumByInput(index, phi);
      const theirs = sumByInput(index, golden.contributions[i]!);
      ours.forEach(({ input, sums }, k) => {
        expect(theirs[k]!.input.key).toBe(input.key);
        if (input.features.length > 1) grouped++;
        worst = Math.max(worst, Math.abs(sums[0]! - theirs[k]!.sums[0]!));
      });
    });
    expect(grouped).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-5);
  });

  it('the app computes, from the database, the very inputs the pipeline was given for each fixture client', () => {
    const golden = context.golden();
    const index = context.engine().model.inputIndex;
    golden.ids.forEach((id, i) => {
      const vector = computeFeatures(readClientRecords(context.db(), id)!);
      const expected = golden.features[i]!;
      for (let j = 0; j < index.length; j++) {
        const ours = Math.fround(vector[index[j]!]!);
        const theirs = expected[j] ?? null;
        if (theirs === null) expect(Number.isNaN(ours), `client ${id} input ${j}`).toBe(true);
        else expect(ours, `client ${id} input ${j}`).toBe(Math.fround(theirs));
      }
    });
  });

  it('scores a fixture client end to end with the same probability as XGBoost', async () => {
    const golden = context.golden();
    const engine = context.engine();
    const i = golden.ids.findIndex((id) => id === context.clientId);
    expect(i, `client ${context.clientId} in the golden file`).toBeGreaterThanOrEqual(0);
    const vector = computeFeatures(readClientRecords(context.db(), golden.ids[i]!)!);
    const [p] = await engine.probabilities([vector]);
    expect(Math.abs(p! - golden.probability[i]!)).toBeLessThan(1e-5);
    const explanation = engine.explain(vector);
    const total = explanation.probabilityContributions.reduce((a, b) => a + b, explanation.baseProbability);
    expect(total).toBeCloseTo(1 / (1 + Math.exp(-explanation.margin)), 9);
  });
}
