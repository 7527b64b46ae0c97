/**
 * Never a lost, doubled or silently changed row on import (issue 13): loads are idempotent by source, a cut
 * file loads nothing, real exports (French Excel, Windows-1252) read as meant, any file name with its table
 * said, binary files named as such, one import at a time. Every file here is written by the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { importIncomplete, importPaths, ImportRunningError } from '../../db/import/import-paths.js';
import { importLockPath } from '../../db/import/import-lock.js';
import { tempDir } from '../support/paths.js';
import { bureauRows, instalments, tableLines, writeLines, type CsvRow } from '../support/home-credit-csv.js';
import { runCliAsync, startCli } from '../support/run-cli.js';
import { writeLockProbe } from '../support/write-lock-probe.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

function freshDb(): { db: Db; dir: string } {
  const dir = tempDir('octroi-integrity-');
  return { db: openDatabase(path.join(dir, 'octroi.db'), { key: TEST_DB_KEY }), dir };
}

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;

/** A table's rows as sorted JSON lines, without the column that says which file version brought them. */
function tableContent(db: Db, table: string): string[] {
  return (db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>)
    .map((row) => {
      const { import_file_id: _source, ...rest } = row;
      return JSON.stringify(rest);
    })
    .sort();
}

describe('loads are idempotent by source', () => {
  it('replaces (with replace) or refuses (without) a new version of a file, never adds to it', async () => {
    const { db, dir } = freshDb();
    const v1 = writeLines(tempDir(), 'installments_payments.csv', tableLines('installments_payments', instalments(40)));
    await importPaths(db, [v1]);
    expect(count(db, 'installments_payments')).toBe(40);

    const v2 = writeLines(tempDir(), 'Installments_Payments.CSV', tableLines('installments_payments', instalments(55, 100_001, (i) => 2000 + i)));
    const refused = await importPaths(db, [v2]);
    expect(refused.refused).toEqual([
      {
        file: v2,
        line: null,
        message: expect.stringMatching(/another version of installments_payments\.csv was imported into installments_payments on .* \(40 rows\).*Nothing was loaded.*--replace/),
      },
    ]);
    expect(importIncomplete(refused)).toBe(true);
    expect(count(db, 'installments_payments')).toBe(40);

    const replaced = await importPaths(db, [v2], { replace: true });
    expect(replaced.refused).toEqual([]);
    expect(replaced.replaced).toEqual([{ file: v2, previousImportedAt: expect.any(String), rowsRemoved: 40 }]);
    expect(count(db, 'installments_payments')).toBe(55);
    expect(db.prepare('SELECT sum(AMT_PAYMENT) FROM installments_payments').pluck().get()).toBe(55 * 2000 + (54 * 55) / 2);
    // the history keeps both versions; one is current
    expect(db.prepare('SELECT count(*) FROM import_file WHERE replaced_at IS NULL').pluck().get()).toBe(1);
    expect(count(db, 'import_file')).toBe(2);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the right keyed row replaces the wrong one when the corrected file is imported with replace', async () => {
    const { db } = freshDb();
    const wrong = bureauRows(30);
    wrong[7]!.AMT_CREDIT_SUM = 99;
    await importPaths(db, [writeLines(tempDir(), 'bureau.csv', tableLines('bureau', wrong))]);
    await importPaths(db, [writeLines(tempDir(), 'bureau.csv', tableLines('bureau', bureauRows(30)))], { replace: true });
    expect(db.prepare('SELECT AMT_CREDIT_SUM FROM bureau WHERE SK_ID_BUREAU = ?').pluck().get(5_000_007)).toBe(10_000 + 7 * 12.5);
    expect(count(db, 'bureau')).toBe(30);
    db.close();
  });

  it('property: any sequence of imports of any versions ends equal to loading the last version of each file once', async () => {
    const version = (source: number) =>
      fc.array(fc.record({ n: fc.integer({ min: 0, max: 20 }), amount: fc.integer({ min: 1, max: 9 }), key: fc.integer({ min: 0, max: 25 }) }), { minLength: 1, maxLength: 3 }).map((parts) =>
        parts.map(({ n, amount, key }) =>
          source === 0
            ? instalments(n, 100_001 + key, (i) => amount * 100 + i)
            : // keyed rows: keys of this source only (another source's keys would make the first loaded win)
              bureauRows(n, 5_000_000 + source * 1000 + key).map((r) => ({ ...r, AMT_CREDIT_SUM: amount })),
        ),
      );
    const sources = [
      { table: 'installments_payments', file: 'installments_payments.csv' },
      { table: 'bureau', file: 'bureau.csv' },
      { table: 'bureau', file: 'bureau-archive.csv' },
    ] as const;
    const step = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }));
    await fc.assert(
      fc.asyncProperty(version(0), version(1), version(2), fc.array(step, { minLength: 1, maxLength: 8 }), async (v0, v1, v2, steps) => {
        const versions: CsvRow[][][] = [v0, v1, v2];
        const dir = tempDir('octroi-prop-');
        const files = sources.map((source, s) =>
          versions[s]!.map((rows, v) => {
            fs.mkdirSync(path.join(dir, `${s}-${v}`));
            return `${source.table}=${writeLines(path.join(dir, `${s}-${v}`), source.file, tableLines(source.table, rows))}`;
          }),
        );
        const sequenced = openDatabase(path.join(dir, 'sequenced.db'), { key: TEST_DB_KEY });
        const last = new Map<number, number>();
        for (const [s, v] of steps) {
          const index = v % versions[s]!.length;
          await importPaths(sequenced, [files[s]![index]!], { replace: true, rejectsPath: path.join(dir, 'r.csv') });
          last.set(s, index);
        }
        const once = openDatabase(path.join(dir, 'once.db'), { key: TEST_DB_KEY });
        await importPaths(once, [...last.entries()].map(([s, v]) => files[s]![v]!), { rejectsPath: path.join(dir, 'r.csv') });
        for (const table of ['installments_payments', 'bureau']) expect(tableContent(sequenced, table)).toEqual(tableContent(once, table));
        sequenced.close();
        once.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('nothing is loaded from a file that is not whole', () => {
  const lines = tableLines('installments_payments', instalments(30, 100_001, () => 36134.46));

  it('refuses a file cut inside its last value (no final line break), naming the line; the whole file then loads', async () => {
    const { db } = freshDb();
    const dir = tempDir();
    const file = path.join(dir, 'installments_payments.csv');
    const whole = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, whole.slice(0, whole.lastIndexOf('36134.46') + 3)); // "…,361": cut in AMT_PAYMENT
    const summary = await importPaths(db, [file]);
    expect(summary.refused).toEqual([
      { file, line: 31, message: expect.stringMatching(/line 31: the file does not end with a line break: it looks cut short.*Nothing of it was loaded/) },
    ]);
    expect(count(db, 'installments_payments')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM installments_payments WHERE AMT_PAYMENT = 361').pluck().get()).toBe(0);
    fs.writeFileSync(file, whole);
    const again = await importPaths(db, [file]);
    expect(again.tables.installments_payments).toEqual({ read: 30, imported: 30, rejected: 0 });
    expect(count(db, 'installments_payments')).toBe(30);
  });

  it('refuses a file whose last record is short even with a final line break; a short row inside is only rejected', async () => {
    const { db } = freshDb();
    const cut = [...lines.slice(0, -1), lines.at(-1)!.split(',').slice(0, 5).join(',')];
    const file = writeLines(tempDir(), 'installments_payments.csv', cut);
    const summary = await importPaths(db, [file]);
    expect(summary.refused[0]).toMatchObject({ line: 31, message: expect.stringContaining('the file looks cut short: its last line has 5 of the 8 values') });
    expect(count(db, 'installments_payments')).toBe(0);

    const inside = [...lines];
    inside[10] = inside[10]!.split(',').slice(0, 5).join(',');
    const summary2 = await importPaths(db, [writeLines(tempDir(), 'installments_payments.csv', inside)]);
    expect(summary2.tables.installments_payments).toEqual({ read: 30, imported: 29, rejected: 1 });
    expect(fs.readFileSync(summary2.rejects!, 'utf8')).toContain('has 5 values where the header has 8 columns: the row is cut short after DAYS_INSTALMENT');
  });

  it('a cut file then the whole file (the CLI): exit 2 then 0, the rows of the whole file exactly once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'octroi.db');
    const file = path.join(dir, 'installments_payments.csv');
    const whole = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, whole.slice(0, -10));
    const first = await runCliAsync(['import', '--db', db, file]);
    expect(first.status).toBe(2);
    expect(first.stdout).toMatch(/REFUSED \(nothing loaded\): .*installments_payments\.csv, line 31: the file does not end with a line break/);
    fs.writeFileSync(file, whole);
    const second = await runCliAsync(['import', '--db', db, '--json', file]);
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).tables).toEqual({ installments_payments: { read: 30, imported: 30, rejected: 0 } });
  });
});

describe('real exports are read as the person who exported them meant', () => {
  const french = (rows: CsvRow[]) =>
    tableLines(
      'bureau',
      rows.map((r, i) => ({ ...r, AMT_CREDIT_SUM: `${1 + i}\u00a0234,56`, AMT_ANNUITY: i % 2 ? '12,5' : '7' })),
      ';',
    );

  it('reads a French Excel export: semicolons, decimal comma, thousands space, Windows-1252, CRLF', async () => {
    const { db } = freshDb();
    const rows = bureauRows(12, 5_000_000, 'Crédit à la consommation');
    const file = writeLines(tempDir(), 'bureau.csv', french(rows), { lineEnd: '\r\n', encode: (t) => iconv.encode(t, 'win1252') });
    const summary = await importPaths(db, [file]);
    expect(summary.refused).toEqual([]);
    expect(summary.tables.bureau).toEqual({ read: 12, imported: 12, rejected: 0 });
    expect(db.prepare('SELECT AMT_CREDIT_SUM, AMT_ANNUITY, CREDIT_TYPE FROM bureau WHERE SK_ID_BUREAU = 5000001').get()).toEqual({
      AMT_CREDIT_SUM: 2234.56,
      AMT_ANNUITY: 12.5,
      CREDIT_TYPE: 'Crédit à la consommation',
    });
  });

  it('reads the same export saved as UTF-8 with a BOM, and a Windows-1252 file with points and commas', async () => {
    const { db } = freshDb();
    const utf8 = writeLines(tempDir(), 'bureau.csv', french(bureauRows(5, 5_000_000, 'Crédit')), { encode: (t) => Buffer.from(`\ufeff${t}`, 'utf8') });
    expect((await importPaths(db, [utf8])).tables.bureau).toEqual({ read: 5, imported: 5, rejected: 0 });
    expect(db.prepare('SELECT AMT_CREDIT_SUM FROM bureau WHERE SK_ID_BUREAU = 5000004').pluck().get()).toBe(5234.56);
    const cp1252 = writeLines(tempDir(), 'bureau-cp1252.csv', tableLines('bureau', bureauRows(5, 6_000_000, 'Prêt € voiture')), { encode: (t) => iconv.encode(t, 'win1252') });
    expect((await importPaths(db, [`bureau=${cp1252}`])).tables.bureau).toEqual({ read: 5, imported: 5, rejected: 0 });
    expect(db.prepare('SELECT CREDIT_TYPE FROM bureau WHERE SK_ID_BUREAU = 6000000').pluck().get()).toBe('Prêt € voiture');
  });

  it('takes the dialect from options (--separator, --decimal-comma, --encoding) and refuses a file mixing decimal marks whole', async () => {
    const { db } = freshDb();
    const rows = bureauRows(6).map((r) => ({ ...r, AMT_CREDIT_SUM: '1500' }));
    rows[4]!.AMT_CREDIT_SUM = '1500.5'; // a point where the option says commas
    const file = writeLines(tempDir(), 'bureau.csv', tableLines('bureau', rows, '\t'));
    const summary = await importPaths(db, [file], { separator: '\t', decimalComma: true, encoding: 'latin1' });
    expect(summary.refused).toEqual([{ file, line: 6, message: expect.stringContaining('the file mixes decimal marks: decimal commas were announced (--decimal-comma)') }]);
    expect(count(db, 'bureau')).toBe(0);
  });
});

describe('what is not a CSV text file is said so', () => {
  it('names gzip data, random bytes, an overlong unquoted line and an empty file, and echoes no control character', async () => {
    const { db } = freshDb();
    const dir = tempDir();
    const csv = `${tableLines('bureau', bureauRows(50)).join('\n')}\n`;
    const gz = path.join(dir, 'bureau.csv');
    fs.writeFileSync(gz, zlib.gzipSync(csv));
    const randomDir = tempDir();
    const random = path.join(randomDir, 'bureau.csv');
    let seed = 7;
    fs.writeFileSync(random, Buffer.from(Array.from({ length: 20_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff)));
    const longDir = tempDir();
    const long = path.join(longDir, 'bureau.csv');
    fs.writeFileSync(long, `${tableLines('bureau', []).join('\n')}\n${'x'.repeat(5_000_000)}\n`);
    const emptyDir = tempDir();
    const empty = path.join(emptyDir, 'bureau.csv');
    fs.writeFileSync(empty, '');
    const summary = await importPaths(db, [gz]);
    expect(summary.refused[0]!.message).toBe(`${gz}: not a text file: it is gzip-compressed data: decompress it (gunzip, 7-Zip) and import the CSV inside.`);
    const messages = [summary, await importPaths(db, [random]), await importPaths(db, [long]), await importPaths(db, [empty])].map((s) => s.refused[0]!.message);
    expect(messages[1]).toMatch(/not a text file: it (is binary data|holds a NUL byte)/);
    expect(messages[2]).toMatch(/line 2: this line runs past 1,000,000 characters without a line break \(and holds no quote\)/);
    expect(messages[2]).not.toMatch(/quoting/);
    expect(messages[3]).toMatch(/the file is empty \(0 bytes\)/);
    for (const message of messages) expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(count(db, 'bureau')).toBe(0);
  });

  it('shows control characters of a header as escapes, not as terminal commands', async () => {
    const { db } = freshDb();
    const file = writeLines(tempDir(), 'bureau.csv', ['SK_ID_CURR,\u001b[2JEVIL\u0007', '1,2']);
    const message = (await importPaths(db, [file])).refused[0]!.message;
    expect(message).toContain('\\x1b[2JEVIL\\x07');
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('any file name, with its table said', () => {
  it('loads a table-named file, refuses an unknown name in a folder with how to name it, and exits 2 (CLI)', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    writeLines(data, 'BUREAU.csv', tableLines('bureau', bureauRows(4)));
    writeLines(data, 'application_data_sample.csv', tableLines('installments_payments', instalments(3)));
    const run = await runCliAsync(['import', '--db', path.join(dir, 'octroi.db'), data]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^bureau\s+4\s+4\s+0$/m);
    expect(run.stdout).toMatch(/REFUSED \(nothing loaded\): .*application_data_sample\.csv: "application_data_sample\.csv" is not a Home Credit file name.*--table TABLE, or TABLE=FILE/);
    const named = await runCliAsync(['import', '--db', path.join(dir, 'octroi.db'), '--json', `installments_payments=${path.join(data, 'application_data_sample.csv')}`]);
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout).tables.installments_payments).toEqual({ read: 3, imported: 3, rejected: 0 });
    const unknown = await runCliAsync(['import', '--db', path.join(dir, 'octroi.db'), '--table', 'clients', data]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('octroi: there is no table "clients"; the tables are application, bureau, bureau_balance, previous_application, POS_CASH_balance, installments_payments, credit_card_balance.\n');
  });

  it('exits non-zero when nothing was imported from a folder (only a glossary, or no CSV at all)', async () => {
    const dir = tempDir();
    const none = path.join(dir, 'none');
    fs.mkdirSync(none);
    const run = await runCliAsync(['import', '--db', path.join(dir, 'octroi.db'), none]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('the folder holds no .csv file, so nothing of it was imported.');
  });
});

describe('one import at a time per database', () => {
  it('refuses a second import while another live process holds the lock, in words; takes over a stale lock', async () => {
    const { db } = freshDb();
    const file = writeLines(tempDir(), 'bureau.csv', tableLines('bureau', bureauRows(3)));
    const holder = spawn('sleep', ['30']);
    const lock = importLockPath(db.name);
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), since: '2026-12-06T14:02:00.000Z' }));
      const error = await importPaths(db, [file]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRunningError);
      const time = new Date('2026-12-06T14:02:00.000Z').toTimeString().slice(0, 5);
      expect((error as Error).message).toBe(`another import is running on this database since ${time} (pid ${holder.pid}); wait for it to finish, then import again.`);
      expect(count(db, 'bureau')).toBe(0);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.on('close', resolve));
    }
    // the holder is gone: its lock is stale and taken over
    expect((await importPaths(db, [file])).tables.bureau).toEqual({ read: 3, imported: 3, rejected: 0 });
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('a replace killed half-way, and a second import meanwhile (real processes)', () => {
  it('a second CLI import is refused in words while the first runs; kill -9 during the replace leaves the earlier version whole', async () => {
    const dir = tempDir('octroi-replace-kill-');
    const dbPath = path.join(dir, 'octroi.db');
    const v1Lines = ['SK_ID_BUREAU,MONTHS_BALANCE,STATUS', ...Array.from({ length: 1000 }, (_, i) => `${7_000_000 + Math.floor(i / 10)},${-(i % 10)},C`)];
    const v1 = writeLines(tempDir(), 'bureau_balance.csv', v1Lines);
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    await importPaths(db, [v1]);
    const before = tableContent(db, 'bureau_balance');
    db.close();

    // Version 2: ~1 M rows (a few seconds of loading), same file name.
    const v2 = path.join(tempDir(), 'bureau_balance.csv');
    const fd = fs.openSync(v2, 'w');
    fs.writeSync(fd, 'SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n');
    for (let start = 0; start < 1_000_000; start += 50_000) {
      let chunk = '';
      for (let i = start; i < start + 50_000; i++) chunk += `${9_000_000 + Math.floor(i / 40)},${-(i % 40)},X\n`;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);

    const first = startCli(['import', '--db', dbPath, '--replace', '--json', v2]);
    const probe = writeLockProbe(dbPath);
    const writeLocked = probe.locked;
    const deadline = Date.now() + 60_000;
    while (!writeLocked() && first.running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(first.running(), 'the replace finished before the second import and the kill').toBe(true);
    // Paused inside its transaction (a stopped process is alive): the second import meets it there for sure.
    process.kill(-first.pid, 'SIGSTOP');

    const second = await runCliAsync(['import', '--db', dbPath, writeLines(tempDir(), 'bureau.csv', tableLines('bureau', bureauRows(2)))]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^octroi: ${dbPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: another import is running on this database since \\d\\d:\\d\\d \\(pid \\d+\\); wait for it to finish, then import again\\.\\n$`));
    expect(second.stderr).not.toMatch(/SqliteError|at .*\.ts:/);

    expect(first.running(), 'the replace finished before the kill').toBe(true);
    process.kill(-first.pid, 'SIGCONT');
    await new Promise((r) => setTimeout(r, 200)); // well into the rows again
    expect(writeLocked()).toBe(true);
    process.kill(-first.pid, 'SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    probe.close();

    const after = openDatabase(dbPath, { key: TEST_DB_KEY });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(tableContent(after, 'bureau_balance')).toEqual(before);
    expect(after.prepare('SELECT count(*) FROM import_file WHERE replaced_at IS NULL').pluck().get()).toBe(1);
    // The dead importer's lock is stale: the replace runs again and lands whole.
    const summary = await importPaths(after, [v2], { replace: true });
    expect(summary.replaced).toEqual([{ file: v2, previousImportedAt: expect.any(String), rowsRemoved: 1000 }]);
    expect(count(after, 'bureau_balance')).toBe(1_000_000);
    after.close();
  }, 180_000);
});
