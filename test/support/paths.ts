import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The synthetic fixture (all seven tables plus the glossary, 1,000 clients from id 100002), made by the
 * generator; vitest's global setup writes it before any test runs (test/support/synthetic-fixture.ts).
 */
export { FIXTURE_DIR } from './synthetic-fixture.js';

/** A fresh temporary folder, removed by the caller's cleanup (or by the OS). */
export function tempDir(prefix = 'octroi-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
