/** The importer on real Home Credit files: every row of the real fixture loads, values exact. */
import path from 'node:path';
import { describe, it } from 'vitest';
import { importPaths } from '../../db/import/import-paths.js';
import { openDatabase } from '../../db/open-database.js';
import { expectFolderImported } from '../support/import-checks.js';
import { tempDir } from '../support/paths.js';
import { realData } from '../support/real-data.js';

describe('importPaths on the real fixture folder', () => {
  it('loads every row of every file, skips the glossary, and keeps values exact', async () => {
    const { fixture } = realData();
    const db = openDatabase(path.join(tempDir('octroi-real-import-'), 'octroi.db'));
    try {
      const summary = await importPaths(db, [fixture]);
      expectFolderImported(db, fixture, summary, {
        clients: 872 + 127,
        stoneBrick: 199 + 33,
        rows: [
          {
            sql: `SELECT TARGET, AMT_ANNUITY, OWN_CAR_AGE, CNT_FAM_MEMBERS, typeof(CNT_FAM_MEMBERS) AS fam_type,
                         DAYS_REGISTRATION, typeof(DAYS_REGISTRATION) AS reg_type, WALLSMATERIAL_MODE, NAME_TYPE_SUITE
                  FROM application WHERE SK_ID_CURR = 100002`,
            expected: {
              TARGET: 1,
              AMT_ANNUITY: 24700.5,
              OWN_CAR_AGE: null,
              CNT_FAM_MEMBERS: 1,
              fam_type: 'integer',
              DAYS_REGISTRATION: -3648,
              reg_type: 'integer',
              WALLSMATERIAL_MODE: 'Stone, brick',
              NAME_TYPE_SUITE: 'Unaccompanied',
            },
          },
          { sql: 'SELECT TARGET, CODE_GENDER, AMT_CREDIT FROM application WHERE SK_ID_CURR = 100001', expected: { TARGET: null, CODE_GENDER: 'F', AMT_CREDIT: 568800 } },
          {
            sql: 'SELECT * FROM bureau WHERE SK_ID_BUREAU = 5896630',
            expected: { SK_ID_CURR: 100001, CREDIT_ACTIVE: 'Closed', AMT_CREDIT_MAX_OVERDUE: null, AMT_CREDIT_SUM: 112500 },
          },
        ],
      });
    } finally {
      db.close();
    }
  });
});
