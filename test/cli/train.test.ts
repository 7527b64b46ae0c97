/** `octroi train` end to end on the synthetic fixture: features by the app, the Python pipeline, a signed model the app accepts. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../../model/features/feature-registry.js';
import { loadModel } from '../../model/model-file/load-model.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { dataRows } from '../support/csv-rows.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

let dbPath: string;
let out: string;
let run: ReturnType<typeof runCli>;

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  fixture.db.close();
  dbPath = fixture.path;
  out = path.join(tempDir(), 'model');
  run = runCli(['train', '--db', dbPath, '--out', out, '--trials', '1', '--folds', '3', '--seed', '3', '--cost-fn', '8']);
}, 300_000);

describe('octroi train', () => {
  it('writes a signed model that the app loads, with its report, card and plots', () => {
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['model.onnx', 'model.onnx.sig', 'report.json', 'model-card.md', 'roc.png', 'precision-recall.png', 'cost-threshold.png', 'calibration.png']) {
      expect(fs.statSync(path.join(out, file)).size, file).toBeGreaterThan(0);
    }
    expect(fs.existsSync(path.join(out, 'features.csv')), 'the intermediate features are removed').toBe(false);
    const model = loadModel(path.join(out, 'model.onnx'));
    expect(model.metadata.feature_set_version).toBe(FEATURE_SET_VERSION);
    expect(model.metadata.features.map((f) => f.name)).toEqual([...FEATURE_NAMES]);
    expect(model.metadata.cost).toEqual({ fn: 8, fp: 1 });
    expect(model.metadata.training.rows).toBe(dataRows(path.join(FIXTURE_DIR, 'application_train.csv'))); // the fixture's labelled clients
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.threshold).toBe(model.metadata.threshold);
    expect(report.cost_at_threshold).toBeLessThanOrEqual(report.cost_at_0_5);
    expect(run.stderr).toMatch(/DEMO key/);
  });

  it('refuses bad options and a database without labelled clients, with a clear message', () => {
    const bad = runCli(['train', '--db', dbPath, '--out', tempDir(), '--cost-fn', '-3']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--cost-fn must be a positive number/);
    const missing = runCli(['train', '--db', path.join(tempDir(), 'nope.db'), '--out', tempDir()]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/No database at/);
  });
});
