/**
 * The shipped model file against XGBoost's own outputs on the real fixture: ONNX Runtime's probabilities,
 * TreeSHAP in TypeScript, and the features computed by the app, all checked against golden values the
 * training pipeline wrote from the same trees.
 */
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import { loadModel } from '../../../model/model-file/load-model.js';
import { METADATA_KEY } from '../../../model/model-file/model-metadata.js';
import { ModelVerificationError, signModelFile } from '../../../model/model-file/model-signature.js';
import { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { margin } from '../../../model/model-file/tree-ensemble.js';
import { TreeShapExplainer } from '../../../model/explanation/tree-shap.js';
import { DEMO_PRIVATE_KEY_PATH } from '../../../model/keys/trusted-keys.js';
import { fixtureDatabase } from '../../support/fixture-db.js';
import { tempDir } from '../../support/paths.js';
import { readGolden, SHIPPED_MODEL, type Golden } from '../../support/shipped-model.js';

const { onnx } = onnxProto;
let golden: Golden;
let engine: ScoringEngine;
let db: Db;

const toRow = (features: (number | null)[]) => Float32Array.from(features, (v) => (v === null ? NaN : v));

beforeAll(async () => {
  golden = readGolden();
  engine = await ScoringEngine.open(SHIPPED_MODEL);
  db = (await fixtureDatabase()).db;
});
afterAll(async () => {
  await engine?.close();
  db?.close();
});

describe('the shipped model', () => {
  it('loads: signature verified, every feature computable, metadata complete', () => {
    const { metadata, warnings } = engine.model;
    expect(warnings).toEqual([]);
    expect(metadata.features.length).toBe(engine.model.inputIndex.length);
    expect(metadata.threshold).toBeGreaterThan(0);
    expect(metadata.threshold).toBeLessThan(1);
    // Trained on synthetic data of at least 100,000 clients (the labelled ones: those of application_train).
    const generated = Number(/^(\d+) synthetic clients/.exec(metadata.training.source)?.[1]);
    expect(generated).toBeGreaterThanOrEqual(100_000);
    expect(metadata.training.rows).toBeGreaterThan(0.8 * generated);
    expect(Object.keys(metadata.importance).sort()).toEqual(metadata.features.map((f) => f.name).sort());
    expect(metadata.excluded_inputs.map((e) => e.column)).toContain('CODE_GENDER');
    expect(metadata.features.map((f) => f.name)).not.toContain('CODE_GENDER');
  });

  it('ONNX Runtime gives XGBoost’s probabilities to 1e-5 on every fixture client', async () => {
    const width = golden.features[0]!.length;
    const rows = new Float32Array(golden.ids.length * width);
    golden.features.forEach((f, i) => rows.set(toRow(f), i * width));
    // Straight to the worker: the golden rows are already in the model's input order.
    const probabilities = await (engine as unknown as { scorer: { score(r: Float32Array, n: number): Promise<Float32Array> } }).scorer.score(
      rows,
      golden.ids.length,
    );
    let worst = 0;
    probabilities.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - golden.probability[i]!))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('TreeSHAP in TypeScript equals XGBoost’s pred_contribs to 1e-5, and adds up to the margin to 1e-6', () => {
    const explainer = new TreeShapExplainer(engine.model.trees);
    const phi = new Float64Array(engine.model.trees.featureCount);
    let worstContribution = 0;
    let worstSum = 0;
    golden.ids.forEach((_, i) => {
      const row = toRow(golden.features[i]!);
      const base = explainer.explain(row, phi);
      expect(base).toBeCloseTo(golden.base_value[i]!, 5);
      phi.forEach((c, j) => (worstContribution = Math.max(worstContribution, Math.abs(c - golden.contributions[i]![j]!))));
      const sum = phi.reduce((a, b) => a + b, base);
      worstSum = Math.max(worstSum, Math.abs(sum - margin(engine.model.trees, row)));
    });
    expect(worstContribution).toBeLessThan(1e-5);
    expect(worstSum).toBeLessThan(1e-6);
  });

  it('the app computes, from the database, the very inputs the pipeline was given for each fixture client', () => {
    const index = engine.model.inputIndex;
    golden.ids.forEach((id, i) => {
      const vector = computeFeatures(readClientRecords(db, id)!);
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
    const i = golden.ids.findIndex((id) => id === 100002);
    const vector = computeFeatures(readClientRecords(db, golden.ids[i]!)!);
    const [p] = await engine.probabilities([vector]);
    expect(Math.abs(p! - golden.probability[i]!)).toBeLessThan(1e-5);
    const explanation = engine.explain(vector);
    const total = explanation.probabilityContributions.reduce((a, b) => a + b, explanation.baseProbability);
    expect(total).toBeCloseTo(1 / (1 + Math.exp(-explanation.margin)), 9);
  });

  it('is refused when it needs a feature this build cannot compute, even when properly signed', () => {
    const dir = tempDir();
    const model = onnx.ModelProto.decode(fs.readFileSync(SHIPPED_MODEL));
    const entry = model.metadataProps.find((p) => p.key === METADATA_KEY)!;
    const meta = JSON.parse(entry.value!);
    meta.features[0].name = 'FEATURE_FROM_THE_FUTURE';
    entry.value = JSON.stringify(meta);
    const file = path.join(dir, 'model.onnx');
    fs.writeFileSync(file, onnx.ModelProto.encode(model).finish());
    signModelFile(file, fs.readFileSync(DEMO_PRIVATE_KEY_PATH, 'utf8'));
    let error: unknown;
    try {
      loadModel(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelVerificationError);
    expect((error as ModelVerificationError).check).toBe('features');
    expect((error as Error).message).toContain('FEATURE_FROM_THE_FUTURE');
  });

  it('is refused when its metadata is incomplete', () => {
    const dir = tempDir();
    const model = onnx.ModelProto.decode(fs.readFileSync(SHIPPED_MODEL));
    const entry = model.metadataProps.find((p) => p.key === METADATA_KEY)!;
    const meta = JSON.parse(entry.value!);
    delete meta.threshold;
    entry.value = JSON.stringify(meta);
    const file = path.join(dir, 'model.onnx');
    fs.writeFileSync(file, onnx.ModelProto.encode(model).finish());
    signModelFile(file, fs.readFileSync(DEMO_PRIVATE_KEY_PATH, 'utf8'));
    expect(() => loadModel(file)).toThrow(/threshold/);
  });
});
