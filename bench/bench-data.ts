/**
 * The data the benchmarks scale up: the synthetic generator's seven files (same headers, quirks and value
 * formats as the real data set), written once per run into the benchmark's work folder. Real rows are not
 * the repository's to ship, so the benchmarks never need them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSynthetic } from '../db/synth/generate.js';

/** The folder holding a small synthetic data set (1,000 clients, seed 7) inside workDir, generated on first use. */
export async function syntheticSample(workDir: string, clients = 1_000): Promise<string> {
  const dir = path.join(workDir, `synthetic-sample-${clients}`);
  if (!fs.existsSync(path.join(dir, 'application_train.csv'))) {
    await generateSynthetic({ clients, seed: 7, outDir: dir });
  }
  return dir;
}
