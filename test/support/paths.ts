import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Real Home Credit samples shipped beside the repository (see ../shared/data/home-credit/README.md). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'home-credit');
/** The linked real sample of all seven tables (ids 100001–100999). */
export const FIXTURE_DIR = path.join(SHARED_DATA, 'fixture');

/** A fresh temporary folder, removed by the caller's cleanup (or by the OS). */
export function tempDir(prefix = 'octroi-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
