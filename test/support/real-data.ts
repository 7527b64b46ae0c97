/**
 * The real-data suite's samples: a folder of real Home Credit rows named by OCTROI_REAL_DATA (not part of
 * the repository; see docs/DATA.md for its structure). The suite (test/real-data/) only runs when it is
 * set (vitest.config.ts); these paths throw when it is not, so a real-data test can never pass silently.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The environment variable that names the folder of real samples. */
export const REAL_DATA_VARIABLE = 'OCTROI_REAL_DATA';

/** The folder of real samples, or undefined when OCTROI_REAL_DATA is not set. */
export function realDataFolder(): string | undefined {
  const value = process.env[REAL_DATA_VARIABLE];
  return value ? path.resolve(value) : undefined;
}

/** The real samples: `fixture/` (all seven tables, ids 100001–100999), `application_train_head7000.csv`, `child-samples/`. */
export function realData(): { root: string; fixture: string; head7000: string; childSamples: string } {
  const root = realDataFolder();
  if (!root) throw new Error(`${REAL_DATA_VARIABLE} is not set: the real-data suite needs a folder of real samples`);
  if (!fs.existsSync(path.join(root, 'fixture'))) {
    throw new Error(`${REAL_DATA_VARIABLE}=${root}: no fixture/ folder there (see docs/DATA.md for the structure)`);
  }
  return {
    root,
    fixture: path.join(root, 'fixture'),
    head7000: path.join(root, 'application_train_head7000.csv'),
    childSamples: path.join(root, 'child-samples'),
  };
}
