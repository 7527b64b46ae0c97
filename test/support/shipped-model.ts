import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The model shipped in model/artifacts and the golden values the training pipeline wrote beside it. */
export const SHIPPED_MODEL = path.join(REPO_ROOT, 'model', 'artifacts', 'model.onnx');
export const GOLDEN_PATH = path.join(REPO_ROOT, 'model', 'artifacts', 'golden.json');

/** XGBoost's own outputs for the real fixture clients (model/training/train.py --golden). */
export interface Golden {
  ids: number[];
  /** Model inputs as the pipeline read them (null = missing), in the model's input order. */
  features: (number | null)[][];
  probability: number[];
  margin: number[];
  contributions: number[][];
  base_value: number[];
}

export function readGolden(): Golden {
  return JSON.parse(fs.readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
}
