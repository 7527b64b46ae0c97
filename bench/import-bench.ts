/**
 * Import speed against the `sqlite3` shell's `.import` of the same files, into the same schema, in the same run.
 * Standalone: `npx tsx bench/import-bench.ts [--rows N]` prints a table; `npm run bench` calls benchImport.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, type BenchResult } from './bench-result.js';
import { MIGRATION_0001_HOME_CREDIT } from '../db/migrations/0001-home-credit.js';
import { openDatabase } from '../db/open-database.js';
import { importPaths } from '../db/import/import-paths.js';
import { syntheticSample } from './bench-data.js';

const RUNS = 3;
const TARGET = '≥ 0.5× sqlite3 .import';

interface BenchFile {
  table: string;
  file: string;
  rows: number;
  bytes: number;
}

/**
 * Writes synthetic-looking files (bureau_balance and installments_payments with `rows` rows each, application
 * with rows/10 rows cloned from the real fixture under new ids), imports each with importPaths and with
 * `sqlite3 .import --csv --skip 1`, RUNS times each, and reports medians of rows/s and MB/s with the ratio.
 */
export async function benchImport(options: { rows: number; workDir: string }): Promise<BenchResult[]> {
  const dataDir = path.join(options.workDir, 'import-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const files = [
    writeBureauBalance(dataDir, options.rows),
    writeInstallments(dataDir, options.rows),
    writeApplications(dataDir, Math.max(1, Math.round(options.rows / 10)), await syntheticSample(options.workDir)),
  ];
  const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
  const results: BenchResult[] = [];
  for (const file of files) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(await timeImporter(file, path.join(options.workDir, `octroi-${file.table}-${run}.db`)));
      if (hasSqlite3) theirs.push(timeSqliteShell(file, path.join(options.workDir, `sqlite3-${file.table}-${run}.db`)));
    }
    const mine = median(ours);
    const reference = hasSqlite3 ? median(theirs) : null;
    const label = `${file.table}, ${file.rows.toLocaleString('en-US')} rows, ${(file.bytes / 1e6).toFixed(0)} MB`;
    const note =
      `median of ${RUNS}; octroi = importPaths (sha256, header check, every cell validated and typed, empty → NULL, ` +
      `one transaction, WAL checkpoint); sqlite3 .import stores the text as it comes (empty → '') in its default journal mode` +
      (hasSqlite3 ? '' : '; sqlite3 shell not found: no reference');
    for (const [unit, amount] of [['rows/s', file.rows], ['MB/s', file.bytes / 1e6]] as const) {
      results.push({
        name: `import ${unit} (${label})`,
        value: amount / mine,
        unit,
        ...(reference === null ? {} : { reference: { name: 'sqlite3 .import', value: amount / reference }, ratio: reference / mine }),
        target: TARGET,
        note,
      });
    }
  }
  return results;
}

/** Seconds to import one file into a fresh database with importPaths (schema created beforehand). */
async function timeImporter(file: BenchFile, dbPath: string): Promise<number> {
  removeDatabase(dbPath);
  const db = openDatabase(dbPath);
  try {
    const start = process.hrtime.bigint();
    const summary = await importPaths(db, [file.file]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const counts = summary.tables[file.table];
    if (!counts || counts.imported !== file.rows || summary.refused.length) {
      throw new Error(`benchmark import of ${file.file} went wrong: ${JSON.stringify(summary)}`);
    }
    return seconds;
  } finally {
    db.close();
    removeDatabase(dbPath);
  }
}

/** Seconds for `sqlite3 DB ".import --csv --skip 1 FILE TABLE"` into a database holding the same schema. */
function timeSqliteShell(file: BenchFile, dbPath: string): number {
  removeDatabase(dbPath);
  const schema = spawnSync('sqlite3', [dbPath], { input: MIGRATION_0001_HOME_CREDIT, encoding: 'utf8' });
  if (schema.status !== 0) throw new Error(`sqlite3 could not create the schema: ${schema.stderr}`);
  const start = process.hrtime.bigint();
  const run = spawnSync('sqlite3', [dbPath, `.import --csv --skip 1 '${file.file}' ${file.table}`], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 || run.stderr.trim()) throw new Error(`sqlite3 .import of ${file.file} failed: ${run.stderr}`);
  const count = spawnSync('sqlite3', [dbPath, `SELECT count(*) FROM "${file.table}"`], { encoding: 'utf8' });
  if (Number(count.stdout.trim()) !== file.rows) throw new Error(`sqlite3 .import loaded ${count.stdout.trim()} rows, expected ${file.rows}`);
  removeDatabase(dbPath);
  return seconds;
}

function removeDatabase(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(dbPath + suffix, { force: true });
}

/** A small deterministic generator (mulberry32): the bench files are the same from run to run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a CSV from a header and a row producer, in chunks (never the whole file in memory). */
function writeCsv(dir: string, fileName: string, table: string, header: string, rows: number, row: (i: number) => string): BenchFile {
  const file = path.join(dir, fileName);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, `${header}\n`);
    let chunk = '';
    for (let i = 0; i < rows; i++) {
      chunk += `${row(i)}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return { table, file, rows, bytes: fs.statSync(file).size };
}

/** bureau_balance: months of credits, as in the data set (ids ascending, months counting down, STATUS C/X/0–5). */
function writeBureauBalance(dir: string, rows: number): BenchFile {
  const rand = random(1);
  const statuses = ['C', 'C', 'C', 'X', '0', '0', '0', '1', '2', '5'];
  let bureau = 5_000_000;
  let month = 0;
  let months = 0;
  return writeCsv(dir, 'bureau_balance.csv', 'bureau_balance', 'SK_ID_BUREAU,MONTHS_BALANCE,STATUS', rows, () => {
    if (month <= -months) {
      bureau++;
      month = 0;
      months = 1 + Math.floor(rand() * 96);
    }
    return `${bureau},${month--},${statuses[Math.floor(rand() * statuses.length)]}`;
  });
}

/** installments_payments: numbers written the way pandas writes them (ints of NaN-holding columns as "1.0"). */
function writeInstallments(dir: string, rows: number): BenchFile {
  const rand = random(2);
  const header = 'SK_ID_PREV,SK_ID_CURR,NUM_INSTALMENT_VERSION,NUM_INSTALMENT_NUMBER,DAYS_INSTALMENT,DAYS_ENTRY_PAYMENT,AMT_INSTALMENT,AMT_PAYMENT';
  return writeCsv(dir, 'installments_payments.csv', 'installments_payments', header, rows, (i) => {
    const prev = 1_000_000 + Math.floor(i / 12);
    const curr = 100_000 + Math.floor(i / 40);
    const due = -Math.floor(rand() * 2900) - 1;
    const paid = rand() < 0.0002 ? '' : `${due - Math.floor(rand() * 20)}.0`;
    const amount = Math.round(rand() * 2_000_000) / 100;
    const payment = rand() < 0.1 ? Math.round(amount * rand() * 100) / 100 : amount;
    return `${prev},${curr},${rand() < 0.7 ? 1 : 0}.0,${(i % 12) + 1},${due}.0,${paid},${amount},${payment}`;
  });
}

/** application_train: the generator's rows (quoted fields, empties, 122 columns) cycled under fresh ids. */
function writeApplications(dir: string, rows: number, sampleDir: string): BenchFile {
  const lines = fs.readFileSync(path.join(sampleDir, 'application_train.csv'), 'utf8').split('\n');
  const header = lines[0]!;
  const body = lines.slice(1).filter((l) => l.trim() !== '');
  return writeCsv(dir, 'application_train.csv', 'application', header, rows, (i) => body[i % body.length]!.replace(/^\d+/, String(200_000 + i)));
}

function printTable(results: BenchResult[]): void {
  const figure = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
  const rows = results.map((r) => [
    r.name,
    `${figure(r.value)} ${r.unit}`,
    r.reference ? `${figure(r.reference.value)} ${r.unit}` : '-',
    r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}×`,
  ]);
  const header = ['measure', 'octroi (median)', 'sqlite3 .import', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  console.log(`target: ${TARGET}. ${results[0]?.note ?? ''}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--rows');
  const rows = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`--rows must be a whole number ≥ 1, got ${process.argv[at + 1]}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-import-bench-'));
  try {
    printTable(await benchImport({ rows, workDir }));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
