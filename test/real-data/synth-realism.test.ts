import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../db/synth/generate.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';
import { realData } from '../support/real-data.js';

const dir = tempDir('octroi-synth-realism-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('synthetic data teaches a model to rank real clients', () => {
  it('XGBoost trained on 20,000 synthetic clients ranks the 6,999 real head rows with AUC ≥ 0.70', async () => {
    await generateSynthetic({ clients: 20_000, seed: 3, outDir: dir });
    const out = execFileSync(
      '/usr/bin/python3',
      [
        path.join(REPO_ROOT, 'db', 'synth', 'realism-check.py'),
        '--synthetic', dir,
        '--real', realData().root,
        '--json',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const result = JSON.parse(out) as { auc_real: number; auc_ext_source_mean_real: number; synthetic_default_rate: number };
    expect(result.synthetic_default_rate).toBeGreaterThan(0.06);
    expect(result.auc_real).toBeGreaterThanOrEqual(0.7);
    // The model must use more than one signal: it should not fall far below the EXT_SOURCE mean alone.
    expect(result.auc_real).toBeGreaterThan(result.auc_ext_source_mean_real - 0.02);
  }, 120_000);
});
