/**
 * The synthetic fixture: the generator's output for a fixed seed, the data every standalone test imports.
 * Real Home Credit rows are not ours to redistribute, so the repository makes its own: the same files,
 * headers and formats, deterministic per seed. It is written once into .cache/ (keyed by a hash of the
 * generator's code and profile, so a changed generator gives a fresh folder) by the vitest global setup,
 * the pytest conftest and scripts/build-shipped-model.sh (`npx tsx test/support/synthetic-fixture.ts`
 * prints its folder).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSynthetic } from '../../db/synth/generate.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATOR_DIR = path.join(REPO_ROOT, 'db', 'synth');

/** Clients of the fixture: about as many as a branch's test extract (ids 100002–101001, ≈ 14 % in application_test). */
export const FIXTURE_CLIENTS = 1000;
/**
 * The fixture's seed, chosen so that its first clients resemble the real sample's: 100002 defaulted and is
 * refused by the shipped model (p ≈ 0.31), 100003 and 100004 repaid and are granted. Tests may name them.
 */
export const FIXTURE_SEED = 99;

/** A short hash of everything the generator's output depends on (its code and the committed profile). */
function generatorHash(): string {
  const hash = crypto.createHash('sha256');
  for (const name of fs.readdirSync(GENERATOR_DIR).sort()) {
    if (!/\.(ts|json|csv)$/.test(name)) continue;
    hash.update(name).update(fs.readFileSync(path.join(GENERATOR_DIR, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The fixture's folder (it exists once ensureSyntheticFixture has run). */
export const FIXTURE_DIR = path.join(
  REPO_ROOT,
  '.cache',
  'synthetic-fixture',
  `seed${FIXTURE_SEED}-clients${FIXTURE_CLIENTS}-${generatorHash()}`,
);

/**
 * Writes the fixture if it is not there yet, into a temporary sibling renamed when complete, so a
 * concurrent or interrupted run never leaves a half-written folder behind. Returns its folder.
 */
export async function ensureSyntheticFixture(): Promise<string> {
  if (fs.existsSync(FIXTURE_DIR)) return FIXTURE_DIR;
  const partial = `${FIXTURE_DIR}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  await generateSynthetic({ clients: FIXTURE_CLIENTS, seed: FIXTURE_SEED, outDir: partial });
  try {
    fs.renameSync(partial, FIXTURE_DIR);
  } catch (error) {
    // Another process finished first: its folder has the same bytes.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(FIXTURE_DIR)) throw error;
  }
  return FIXTURE_DIR;
}

// `npx tsx test/support/synthetic-fixture.ts`: make sure the fixture exists and print its folder.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSyntheticFixture().then(
    (dir) => console.log(dir),
    (error: unknown) => {
      console.error(`synthetic fixture: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
