import path from 'node:path';
import { markDemoDatabase } from '../../db/demo-database-mark.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importPaths } from '../../db/import/import-paths.js';
import { FIXTURE_DIR, tempDir } from './paths.js';
import { TEST_DB_KEY } from './test-database-key.js';

/** A fresh database holding the synthetic fixture (all seven tables, ids 100002–101001), imported by the real importer, marked as a demo database. */
export async function fixtureDatabase(): Promise<{ db: Db; path: string }> {
  const file = path.join(tempDir('octroi-fixture-'), 'fixture.db');
  const db = openDatabase(file, { key: TEST_DB_KEY });
  const summary = await importPaths(db, [FIXTURE_DIR]);
  if (summary.refused.length) throw new Error(`fixture import refused: ${JSON.stringify(summary.refused)}`);
  // The generator's synthetic data: a demo database, where tests may create the DEMO accounts.
  markDemoDatabase(db);
  return { db, path: file };
}
