import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The model shipped in model/artifacts and the golden values the training pipeline wrote beside it. */
export const SHIPPED_MODEL = path.join(REPO_ROOT, 'model', 'artifacts', 'model.onnx');
/** Golden values for the clients of the synthetic test fixture (standalone suite). */
export const GOLDEN_SYNTHETIC_PATH = path.join(REPO_ROOT, 'model', 'artifacts', 'golden-synthetic.json');
/** Golden values for the real fixture clients (real-data suite). */
export const GOLDEN_REAL_PATH = path.join(REPO_ROOT, 'model', 'artifacts', 'golden.json');

/**
 * XGBoost's own outputs for a fixture's clients (model/training/train.py --golden / --golden-synthetic,
 * or model/training/golden_from_model.py from the model file's trees).
 */
export interface Golden {
  ids: number[];
  /** Model inputs as the pipeline read them (null = missing), in the model's input order. */
  features: (number | null)[][];
  probability: number[];
  margin: number[];
  contributions: number[][];
  base_value: number[];
}

/** Reads a golden file, naming the command that writes it when it is missing. */
export function readGolden(file: string): Golden {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: scripts/build-shipped-model.sh writes it (golden-synthetic.json also scripts/golden-values.sh)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Golden;
}
