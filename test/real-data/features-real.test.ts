/** The features on real rows: the category vocabulary knows every value, the form accepts every application. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../db/import/import-paths.js';
import { openDatabase } from '../../db/open-database.js';
import { validateApplicationRecord } from '../../model/application/application-record.js';
import { tempDir } from '../support/paths.js';
import { realData } from '../support/real-data.js';
import { expectVocabularyKnowsEveryValue } from '../support/vocabulary-checks.js';

describe('features on real rows', () => {
  it('the fixed category vocabulary knows every value real rows hold (an unknown value would encode as "none of these")', () => {
    const { head7000, fixture } = realData();
    expectVocabularyKnowsEveryValue([head7000, path.join(fixture, 'application_train.csv'), path.join(fixture, 'application_test.csv')]);
  });

  it('the new-application validation accepts every real application, every column as imported', async () => {
    const db = openDatabase(path.join(tempDir('octroi-real-apps-'), 'octroi.db'));
    try {
      await importPaths(db, [path.join(realData().fixture, 'application_train.csv'), path.join(realData().fixture, 'application_test.csv')]);
      const rows = db.prepare('SELECT * FROM application').all() as Array<Record<string, unknown>>;
      expect(rows.length).toBe(872 + 127);
      for (const row of rows) expect(() => validateApplicationRecord(row), `client ${row.SK_ID_CURR}`).not.toThrow();
    } finally {
      db.close();
    }
  });
});
