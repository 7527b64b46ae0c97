/**
 * The shipped model on real clients: ONNX Runtime, TreeSHAP in TypeScript and the app's features against
 * XGBoost's own outputs for every real fixture client (golden.json, written by the training run), and the
 * model ranks real clients (defaults rise from band A to band E).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { importPaths } from '../../db/import/import-paths.js';
import { openDatabase } from '../../db/open-database.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { goldenValueTests } from '../support/golden-checks.js';
import { expectDefaultsRiseByBand } from '../support/model-checks.js';
import { tempDir } from '../support/paths.js';
import { realData } from '../support/real-data.js';
import { GOLDEN_REAL_PATH, readGolden, type Golden } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';
import { openShippedEngine } from '../support/shipped-engine.js';

let golden: Golden;
let engine: ScoringEngine;
let db: Db;

beforeAll(async () => {
  golden = readGolden(GOLDEN_REAL_PATH);
  engine = await openShippedEngine();
  db = openDatabase(`${tempDir('octroi-real-fixture-')}/fixture.db`, { key: TEST_DB_KEY });
  const summary = await importPaths(db, [realData().fixture]);
  if (summary.refused.length) throw new Error(`real fixture import refused: ${JSON.stringify(summary.refused)}`);
});
afterAll(async () => {
  await engine?.close();
  db?.close();
});

describe('the shipped model on the real fixture', () => {
  goldenValueTests({ golden: () => golden, engine: () => engine, db: () => db, clientId: 100002 });

  it('ranks real clients: defaults rise from the best band to the worst', async () => {
    await expectDefaultsRiseByBand(db);
  }, 120_000);
});
