import path from 'node:path';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importPaths } from '../../db/import/import-paths.js';
import { FIXTURE_DIR, tempDir } from './paths.js';

/** A fresh database holding the synthetic fixture (all seven tables, ids 100002–101001), imported by the real importer. */
export async function fixtureDatabase(): Promise<{ db: Db; path: string }> {
  const file = path.join(tempDir('octroi-fixture-'), 'fixture.db');
  const db = openDatabase(file);
  const summary = await importPaths(db, [FIXTURE_DIR]);
  if (summary.refused.length) throw new Error(`fixture import refused: ${JSON.stringify(summary.refused)}`);
  return { db, path: file };
}
