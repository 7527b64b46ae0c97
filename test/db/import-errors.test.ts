import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importPaths, RejectsPathError } from '../../db/import/import-paths.js';
import { dataRows } from '../support/csv-rows.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function freshDb(): { db: Db; dir: string } {
  const dir = tempDir('octroi-import-');
  const db = openDatabase(path.join(dir, 'octroi.db'));
  opened.push(db);
  return { db, dir };
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/** The first `rows` data lines of a fixture file, with its header, as lines (no line end). */
function fixtureLines(file: string, rows: number): string[] {
  return fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8').split('\n').slice(0, rows + 1);
}

function writeFile(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Replaces field `column` (by header name) of a comma-separated line without quotes. */
function setField(header: string, line: string, column: string, value: string): string {
  const index = header.split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  const cells = line.split(',');
  cells[index] = value;
  return cells.join(',');
}

function readReport(file: string): Array<Record<string, string>> {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

describe('importPaths refuses a file whose structure is wrong, and loads nothing of it', () => {
  // Breaks come after a few batches of rows have been inserted, so that the rollback has work to undo.
  const bureau = fixtureLines('bureau.csv', 300);
  const header = bureau[0]!;
  // A bad row before the break: its reject must vanish with the refused file.
  const withBadRow = (lines: string[]) => lines.map((l, i) => (i === 5 ? setField(header, l, 'DAYS_CREDIT', 'abc') : l));
  /** The lines with CREDIT_TYPE of file line `lineNo` rewritten (bureau has no quoted field to get in the way). */
  const creditType = (lineNo: number, rewrite: (value: string) => string) =>
    withBadRow(bureau).map((l, i) => (i === lineNo - 1 ? setField(header, l, 'CREDIT_TYPE', rewrite(l.split(',')[14]!)) : l));
  const cases: Array<[string, string, string[], number | null, RegExp, BufferEncoding?]> = [
    ['an unknown table name', 'bureau_2023.csv', bureau, null, /"bureau_2023\.csv" is not a Home Credit file name.*bureau\.csv/],
    [
      'a renamed header column',
      'bureau.csv',
      [header.replace('AMT_ANNUITY', 'AMT_ANNUITE'), ...bureau.slice(1)],
      1,
      /unknown column "AMT_ANNUITE" \(column 17\); missing column "AMT_ANNUITY"/,
    ],
    [
      'a missing header column',
      'bureau.csv',
      bureau.map((l) => l.split(',').slice(0, -1).join(',')),
      1,
      /missing column "AMT_ANNUITY"/,
    ],
    [
      'a repeated header column',
      'bureau.csv',
      [`${header},CREDIT_TYPE`, ...bureau.slice(1).map((l) => `${l},x`)],
      1,
      /header column 18 repeats "CREDIT_TYPE"/,
    ],
    [
      'a quote that is never closed',
      'bureau.csv',
      creditType(241, (v) => `"${v}`),
      241,
      /broken quoting: a quote opened in this record is never closed/,
    ],
    [
      'text after a closing quote',
      'bureau.csv',
      creditType(241, (v) => `"${v}" x`),
      241,
      /broken quoting in column CREDIT_TYPE \(field 15\): a quoted value is followed by other characters/,
    ],
    [
      'a quote inside an unquoted value',
      'bureau.csv',
      creditType(241, (v) => `${v} "x"`),
      241,
      /broken quoting in column CREDIT_TYPE \(field 15\): a quote inside an unquoted value/,
    ],
    [
      'data lines wrapped in quotes by a broken export',
      'bureau.csv',
      withBadRow(bureau).map((l, i) => (i === 0 ? l : `"${l}"`)),
      2,
      /the whole line is one quoted field/,
    ],
    [
      'lines wrapped in quotes from line 200 on',
      'bureau.csv',
      withBadRow(bureau).map((l, i) => (i < 199 ? l : `"${l}"`)),
      200,
      /the whole line is one quoted field/,
    ],
    ['every line wrapped in quotes, header too', 'bureau.csv', bureau.map((l) => `"${l}"`), 1, /the whole header line is one quoted field/],
    [
      'bytes that are not UTF-8 (a cp1252 export)',
      'bureau.csv',
      creditType(231, () => 'Cr\u00e9dit conso'),
      231,
      /column CREDIT_TYPE holds bytes that are not valid UTF-8/,
      'latin1', // é written as the single byte 0xE9, invalid in UTF-8
    ],
    ['an empty file', 'bureau.csv', [], 1, /the file is empty/],
  ];

  it.each(cases)('refuses %s, naming the file and line; other files still load', async (_name, fileName, lines, line, message, encoding) => {
    const { db } = freshDb();
    await importPaths(db, [path.join(FIXTURE_DIR, 'bureau_balance.csv')]);
    const before = { bureau: count(db, 'bureau'), balance: count(db, 'bureau_balance'), files: count(db, 'import_file') };

    const dir = tempDir();
    const file = path.join(dir, fileName);
    fs.writeFileSync(file, lines.length ? Buffer.from(`${lines.join('\n')}\n`, encoding ?? 'utf8') : '');
    const good = path.join(FIXTURE_DIR, 'credit_card_balance.csv');
    const summary = await importPaths(db, [file, good]);

    expect(summary.refused).toHaveLength(1);
    const refused = summary.refused[0]!;
    expect(refused.file).toBe(file);
    expect(refused.line).toBe(line);
    expect(refused.message).toContain(file);
    if (line !== null) expect(refused.message).toContain(`line ${line}:`);
    expect(refused.message).toMatch(message);
    // nothing of the refused file, nor of its rejected row, is left anywhere
    expect(count(db, 'bureau')).toBe(before.bureau);
    expect(count(db, 'bureau_balance')).toBe(before.balance);
    expect(summary.rejects).toBeNull();
    expect(summary.tables.bureau).toBeUndefined();
    // the other file of the call was loaded
    expect(summary.tables.credit_card_balance).toEqual({ read: dataRows(good), imported: dataRows(good), rejected: 0 });
    expect(count(db, 'import_file')).toBe(before.files + 1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a path that does not exist, with its name', async () => {
    const { db } = freshDb();
    const summary = await importPaths(db, ['/no/such/bureau.csv']);
    expect(summary.refused).toEqual([{ file: '/no/such/bureau.csv', line: null, message: '/no/such/bureau.csv: no such file or folder.' }]);
  });
});

describe('importPaths rejects bad rows to the report and loads the others', () => {
  const bureau = fixtureLines('bureau.csv', 40);
  const header = bureau[0]!;
  const idOf = (line: string) => line.split(',')[1]!;

  it('rejects bad numbers, missing keys, wrong field counts and repeated keys, with file, line, column, reason', async () => {
    const { db, dir: dbDir } = freshDb();
    const lines = [...bureau];
    const edit = (lineNo: number, column: string, value: string) => {
      lines[lineNo - 1] = setField(header, lines[lineNo - 1]!, column, value);
    };
    edit(3, 'AMT_CREDIT_SUM', 'abc');
    edit(4, 'DAYS_CREDIT', '1.5'); // int column
    edit(5, 'DAYS_CREDIT', '-857.0'); // accepted: pandas writes ints of NaN-holding columns as floats
    edit(6, 'SK_ID_BUREAU', '');
    lines[6] = lines[6]!.split(',').slice(0, 10).join(','); // line 7: 10 fields
    lines[7] = lines[1]!.replace(/^(\d+),(\d+),Closed/, '$1,$2,Active'); // line 8 repeats line 2's key
    edit(9, 'AMT_ANNUITY', 'NaN');
    edit(10, 'AMT_CREDIT_SUM_DEBT', 'Infinity');
    edit(11, 'AMT_CREDIT_SUM', '9e+05'); // accepted: R writes big round numbers so
    edit(12, 'AMT_CREDIT_SUM', '0x10');
    edit(13, 'SK_ID_CURR', 'NA');
    edit(14, 'DAYS_CREDIT', 'abc');
    edit(14, 'AMT_CREDIT_SUM', '1.5x'); // two problems in one row
    const dir = tempDir();
    const file = writeFile(dir, 'bureau.csv', lines);

    const summary = await importPaths(db, [file]);
    expect(summary.refused).toEqual([]);
    const rejectedLines = [3, 4, 6, 7, 8, 9, 10, 12, 13, 14];
    expect(summary.tables.bureau).toEqual({ read: 40, imported: 40 - rejectedLines.length, rejected: rejectedLines.length });
    expect(count(db, 'bureau')).toBe(40 - rejectedLines.length);
    expect(summary.rejects).not.toBeNull();
    expect(path.dirname(summary.rejects!)).toBe(dbDir);
    expect(path.basename(summary.rejects!)).toMatch(/^octroi\.db\.rejects-\d{8}T\d{6}Z\.csv$/);

    const report = readReport(summary.rejects!);
    const at = (line: number) => report.filter((r) => r.line === String(line));
    expect(report.every((r) => r.file === file)).toBe(true);
    expect(at(3)).toEqual([{ file, line: '3', column: 'AMT_CREDIT_SUM', value: 'abc', reason: '"abc" is not a number' }]);
    expect(at(4)).toEqual([{ file, line: '4', column: 'DAYS_CREDIT', value: '1.5', reason: '"1.5" is not a whole number (integer column)' }]);
    expect(at(6)).toEqual([{ file, line: '6', column: 'SK_ID_BUREAU', value: '', reason: 'required value is missing' }]);
    expect(at(7)).toMatchObject([{ column: '', reason: 'has 10 fields, the header has 17' }]);
    expect(at(8)).toEqual([
      { file, line: '8', column: 'SK_ID_BUREAU', value: idOf(bureau[1]!), reason: `duplicate primary key (SK_ID_BUREAU=${idOf(bureau[1]!)}): repeats an earlier row of this file` },
    ]);
    expect(at(9)).toMatchObject([{ column: 'AMT_ANNUITY', value: 'NaN', reason: '"NaN" is not a finite number' }]);
    expect(at(10)).toMatchObject([{ column: 'AMT_CREDIT_SUM_DEBT', value: 'Infinity', reason: '"Infinity" is not a finite number' }]);
    expect(at(12)).toMatchObject([{ column: 'AMT_CREDIT_SUM', value: '0x10', reason: '"0x10" is not a number' }]);
    expect(at(13)).toMatchObject([{ column: 'SK_ID_CURR', value: 'NA', reason: 'required value is missing' }]);
    expect(at(14).map((r) => r.column)).toEqual(['DAYS_CREDIT', 'AMT_CREDIT_SUM']);
    expect(report).toHaveLength(11);

    // rejected rows are not half-loaded; the first of two rows with one key is the one kept
    const ids = (lineNo: number) => idOf(bureau[lineNo - 1]!);
    const has = (id: string) => db.prepare('SELECT CREDIT_ACTIVE FROM bureau WHERE SK_ID_BUREAU = ?').get(Number(id)) as { CREDIT_ACTIVE: string } | undefined;
    for (const lineNo of [3, 4, 9, 10, 12, 13, 14]) expect(has(ids(lineNo)), `line ${lineNo}`).toBeUndefined();
    expect(has(ids(2))).toEqual({ CREDIT_ACTIVE: 'Closed' });
    expect(db.prepare('SELECT DAYS_CREDIT FROM bureau WHERE SK_ID_BUREAU = ?').pluck().get(Number(ids(5)))).toBe(-857);
    expect(db.prepare('SELECT AMT_CREDIT_SUM FROM bureau WHERE SK_ID_BUREAU = ?').pluck().get(Number(ids(11)))).toBe(900000);
    // the file is recorded with its counts
    expect(db.prepare('SELECT rows_read, rows_imported, rows_rejected FROM import_file').get()).toEqual({
      rows_read: 40,
      rows_imported: 30,
      rows_rejected: 10,
    });
  });

  it('rejects a row whose key is already in the database, saying so, into the report path given', async () => {
    const { db } = freshDb();
    const first = writeFile(tempDir(), 'bureau.csv', bureau.slice(0, 21));
    await importPaths(db, [first]);
    const second = writeFile(tempDir(), 'bureau.csv', [header, ...bureau.slice(15, 31)]); // its first 6 rows are in the first file
    const rejectsPath = path.join(tempDir(), 'my-rejects.csv');
    const summary = await importPaths(db, [second], { rejectsPath });
    expect(summary.rejects).toBe(rejectsPath);
    expect(summary.tables.bureau).toEqual({ read: 16, imported: 10, rejected: 6 });
    expect(count(db, 'bureau')).toBe(30);
    const report = readReport(rejectsPath);
    expect(report).toHaveLength(6);
    expect(report[0]).toEqual({
      file: second,
      line: '2',
      column: 'SK_ID_BUREAU',
      value: idOf(bureau[15]!),
      reason: `duplicate primary key (SK_ID_BUREAU=${idOf(bureau[15]!)}): already in the database from an earlier import`,
    });
  });

  it('says "decimal comma" for 1,5 in a semicolon-separated file', async () => {
    const { db } = freshDb();
    const lines = fixtureLines('installments_payments.csv', 3).map((l) => l.replace(/,/g, ';'));
    lines[2] = lines[2]!.replace(/;[^;]*$/, ';5242,86'); // AMT_PAYMENT of line 3, as European Excel writes it
    const summary = await importPaths(db, [writeFile(tempDir(), 'installments_payments.csv', lines)]);
    expect(summary.tables.installments_payments).toEqual({ read: 3, imported: 2, rejected: 1 });
    expect(readReport(summary.rejects!)).toEqual([
      expect.objectContaining({ line: '3', column: 'AMT_PAYMENT', reason: expect.stringContaining('(decimal comma? numbers must use a point)') }),
    ]);
  });

  it('checks a reject report path before loading anything', async () => {
    const { db } = freshDb();
    await expect(importPaths(db, [FIXTURE_DIR], { rejectsPath: '/no/such/folder/rejects.csv' })).rejects.toBeInstanceOf(RejectsPathError);
    expect(count(db, 'application')).toBe(0);
  });

  it('rejects a repeated composite key of bureau_balance and accepts the rest', async () => {
    const { db } = freshDb();
    const lines = fixtureLines('bureau_balance.csv', 10);
    lines.push(lines[3]!.replace(/,[^,]*$/, ',X')); // line 12: same (SK_ID_BUREAU, MONTHS_BALANCE) as line 4
    const summary = await importPaths(db, [writeFile(tempDir(), 'bureau_balance.csv', lines)]);
    expect(summary.tables.bureau_balance).toEqual({ read: 11, imported: 10, rejected: 1 });
    const report = readReport(summary.rejects!);
    const [bureauId, month] = lines[3]!.split(',');
    expect(report).toEqual([
      expect.objectContaining({
        line: '12',
        column: 'SK_ID_BUREAU+MONTHS_BALANCE',
        value: `${bureauId},${month}`,
        reason: expect.stringContaining('repeats an earlier row of this file'),
      }),
    ]);
  });
});
