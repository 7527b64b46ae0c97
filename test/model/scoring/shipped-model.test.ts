/**
 * The shipped model file against XGBoost's own outputs on the synthetic fixture: ONNX Runtime's
 * probabilities, TreeSHAP in TypeScript, and the features computed by the app, all checked against the
 * golden values of golden-synthetic.json (the same on real clients: test/real-data/shipped-model-real.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { loadModel } from '../../../model/model-file/load-model.js';
import { METADATA_KEY } from '../../../model/model-file/model-metadata.js';
import { ModelVerificationError, signModelFile } from '../../../model/model-file/model-signature.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { DEMO_PRIVATE_KEY_PATH } from '../../../model/keys/trusted-keys.js';
import { fixtureDatabase } from '../../support/fixture-db.js';
import { tempDir } from '../../support/paths.js';
import { goldenValueTests } from '../../support/golden-checks.js';
import { GOLDEN_SYNTHETIC_PATH, readGolden, SHIPPED_MODEL, type Golden } from '../../support/shipped-model.js';
import { openShippedEngine } from '../../support/shipped-engine.js';

const { onnx } = onnxProto;
let golden: Golden;
let engine: ScoringEngine;
let db: Db;

beforeAll(async () => {
  golden = readGolden(GOLDEN_SYNTHETIC_PATH);
  engine = await openShippedEngine();
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

  goldenValueTests({ golden: () => golden, engine: () => engine, db: () => db, clientId: 100002 });

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
