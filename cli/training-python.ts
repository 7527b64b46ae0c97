import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CliError } from './cli-error.js';

/**
 * The Python interpreter that has the training packages: OCTROI_PYTHON if set, else Debian's
 * /usr/bin/python3 (where python3-xgboost and friends install), else the first python3 on PATH.
 * Checked once: a clear message beats a stack trace from deep inside the pipeline.
 */
export function trainingPython(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.OCTROI_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  const python = candidates.find((c) => c === 'python3' || fs.existsSync(c))!;
  const probe = spawnSync(python, ['-c', 'import xgboost, sklearn, pandas, onnx, optuna, matplotlib'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new CliError(
      `The training needs Python with xgboost, scikit-learn, pandas, onnx, optuna and matplotlib; ${python} lacks ` +
        `them (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}). On Debian: apt-get install ` +
        'python3-xgboost python3-sklearn python3-pandas python3-onnx python3-optuna python3-matplotlib, or set OCTROI_PYTHON.',
    );
  }
  return python;
}
