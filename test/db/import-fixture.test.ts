import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importPaths } from '../../db/import/import-paths.js';
import { HOME_CREDIT_TABLES, tableForFile } from '../../db/home-credit-tables.js';
import { dataRows } from '../support/csv-rows.js';
import { expectFolderImported } from '../support/import-checks.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { FIXTURE_CLIENTS } from '../support/synthetic-fixture.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function freshDb(dir = tempDir('octroi-import-')): Db {
  const db = openDatabase(path.join(dir, 'octroi.db'));
  opened.push(db);
  return db;
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

describe('importPaths on the synthetic fixture folder', () => {
  it('loads every row of every file, skips the glossary, and keeps values exact', async () => {
    const db = freshDb();
    const summary = await importPaths(db, [FIXTURE_DIR]);
    expectFolderImported(db, FIXTURE_DIR, summary, {
      clients: FIXTURE_CLIENTS,
      stoneBrick: 203 + 21,
      rows: [
        {
          sql: `SELECT TARGET, AMT_ANNUITY, OWN_CAR_AGE, CNT_FAM_MEMBERS, typeof(CNT_FAM_MEMBERS) AS fam_type,
                       DAYS_REGISTRATION, typeof(DAYS_REGISTRATION) AS reg_type, WALLSMATERIAL_MODE, NAME_TYPE_SUITE
                FROM application WHERE SK_ID_CURR = 100010`,
          expected: {
            TARGET: 1,
            AMT_ANNUITY: 16550.8,
            OWN_CAR_AGE: null, // empty field in the file
            CNT_FAM_MEMBERS: 2, // written "2.0", as pandas does
            fam_type: 'integer',
            DAYS_REGISTRATION: -4942, // "-4942.0"
            reg_type: 'integer',
            WALLSMATERIAL_MODE: 'Stone, brick', // a quoted field with the delimiter inside
            NAME_TYPE_SUITE: 'Family',
          },
        },
        // application_test has no TARGET column: its rows carry NULL.
        { sql: 'SELECT TARGET, CODE_GENDER, AMT_CREDIT FROM application WHERE SK_ID_CURR = 100008', expected: { TARGET: null, CODE_GENDER: 'F', AMT_CREDIT: 1090080 } },
        {
          sql: 'SELECT * FROM bureau WHERE SK_ID_BUREAU = 5000030',
          expected: { SK_ID_CURR: 100008, CREDIT_ACTIVE: 'Closed', AMT_CREDIT_MAX_OVERDUE: null, AMT_CREDIT_SUM: 675000 },
        },
      ],
    });
  });

  it('does not duplicate anything when the same files are imported again', async () => {
    const db = freshDb();
    await importPaths(db, [FIXTURE_DIR]);
    const before = HOME_CREDIT_TABLES.map((t) => count(db, t.name));
    const again = await importPaths(db, [FIXTURE_DIR, path.join(FIXTURE_DIR, 'bureau.csv')]);
    expect(HOME_CREDIT_TABLES.map((t) => count(db, t.name))).toEqual(before);
    expect(again.tables).toEqual({});
    expect(again.refused).toEqual([]);
    const already = again.skipped.filter((s) => s.reason.startsWith('already imported on '));
    expect(already).toHaveLength(8); // bureau.csv named twice is still one file
    expect(count(db, 'import_file')).toBe(8);
  });

  it('recognises a copy of an imported file under another folder by its content', async () => {
    const db = freshDb();
    await importPaths(db, [path.join(FIXTURE_DIR, 'bureau_balance.csv')]);
    const copyDir = tempDir();
    fs.copyFileSync(path.join(FIXTURE_DIR, 'bureau_balance.csv'), path.join(copyDir, 'bureau_balance.csv'));
    const again = await importPaths(db, [copyDir]);
    expect(again.skipped).toEqual([{ file: path.join(copyDir, 'bureau_balance.csv'), reason: expect.stringMatching(/^already imported on \d{4}-/) }]);
    expect(count(db, 'bureau_balance')).toBe(dataRows(path.join(FIXTURE_DIR, 'bureau_balance.csv')));
  });
});

// ---- quirky files: the same rows written the ways real exports write them ----

interface Quirks {
  delimiter?: string;
  lineEnd?: string;
  bom?: boolean;
  /** Write missing values as R does: NA, and every text value quoted. */
  rStyle?: boolean;
  /** A leading unnamed index column, as pandas' to_csv writes by default. */
  indexColumn?: boolean;
  quoteAll?: boolean;
  reverseColumns?: boolean;
}

function readRecords(file: string, rows: number): string[][] {
  return (parse(fs.readFileSync(file, 'utf8'), { to_line: rows + 1 }) as string[][]).slice(0, rows + 1);
}

function writeQuirky(records: string[][], quirks: Quirks, textColumns: Set<string>): string {
  const d = quirks.delimiter ?? ',';
  const header = records[0]!;
  const order = header.map((_, i) => i);
  if (quirks.reverseColumns) order.reverse();
  const lines = records.map((record, r) => {
    const cells = order.map((i) => {
      let value = record[i]!;
      const isText = r === 0 || textColumns.has(header[i]!);
      if (quirks.rStyle && r > 0 && value === '') return 'NA';
      const mustQuote = value.includes(d) || value.includes('"') || /[\r\n]/.test(value);
      if (mustQuote || quirks.quoteAll || (quirks.rStyle && isText)) value = `"${value.replace(/"/g, '""')}"`;
      return value;
    });
    if (quirks.indexColumn) cells.unshift(r === 0 ? '' : String(r - 1));
    return cells.join(d);
  });
  return (quirks.bom ? '\uFEFF' : '') + lines.join(quirks.lineEnd ?? '\n') + (quirks.lineEnd ?? '\n');
}

describe('importPaths on quirky exports of the fixture rows', () => {
  const variants: Array<[string, Quirks]> = [
    ['UTF-8 BOM and CRLF line ends', { bom: true, lineEnd: '\r\n' }],
    ['R-written: NA for missing, text quoted', { rStyle: true }],
    ['pandas index column (unnamed first header)', { indexColumn: true }],
    ['tab separated', { delimiter: '\t' }],
    ['semicolon separated, CRLF', { delimiter: ';', lineEnd: '\r\n' }],
    ['every field quoted (RFC 4180)', { quoteAll: true }],
    ['columns in another order', { reverseColumns: true }],
    ['all at once: BOM, CRLF, tabs, index column, NA', { bom: true, lineEnd: '\r\n', delimiter: '\t', indexColumn: true, rStyle: true }],
  ];
  const sources = ['application_train.csv', 'bureau.csv', 'bureau_balance.csv'];

  const snapshot = (db: Db): Record<string, unknown[]> =>
    Object.fromEntries(
      ['application', 'bureau', 'bureau_balance'].map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw().all()]),
    );

  it.each(variants)('reads %s exactly like the plain file', async (_name, quirks) => {
    const plainDir = tempDir();
    const quirkyDir = tempDir();
    for (const file of sources) {
      const records = readRecords(path.join(FIXTURE_DIR, file), 60);
      const table = tableForFile(file)!;
      const text = new Set(table.columns.filter(([, kind]) => kind === 'text').map(([name]) => name));
      fs.writeFileSync(path.join(plainDir, file), writeQuirky(records, {}, text));
      fs.writeFileSync(path.join(quirkyDir, file), writeQuirky(records, quirks, text));
    }
    const plain = freshDb();
    const quirky = freshDb();
    const plainSummary = await importPaths(plain, [plainDir]);
    const quirkySummary = await importPaths(quirky, [quirkyDir]);
    expect(quirkySummary.refused).toEqual([]);
    expect(quirkySummary.rejects).toBeNull();
    expect(quirkySummary.tables).toEqual(plainSummary.tables);
    expect(plainSummary.tables.application).toEqual({ read: 60, imported: 60, rejected: 0 });
    expect(snapshot(quirky)).toEqual(snapshot(plain));
    // the quoted "Stone, brick" survived whatever the delimiter and quoting
    const walls = quirky.prepare(`SELECT count(*) AS n FROM application WHERE WALLSMATERIAL_MODE = 'Stone, brick'`).get() as { n: number };
    expect(walls.n).toBeGreaterThan(5);
  });

  it('keeps a doubled quote inside a quoted field as one quote, and an empty field as NULL', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'bureau_balance.csv'),
      'SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n5715448,0,"say ""C"", twice"\n5715448,-1,\n5715448,-2,""\n',
    );
    const db = freshDb();
    const summary = await importPaths(db, [dir]);
    expect(summary.tables.bureau_balance).toEqual({ read: 3, imported: 3, rejected: 0 });
    expect(db.prepare('SELECT STATUS FROM bureau_balance ORDER BY MONTHS_BALANCE DESC').pluck().all()).toEqual([
      'say "C", twice',
      null,
      null,
    ]);
  });
});
