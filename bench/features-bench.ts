/**
 * Speed of the feature code, for `npm run bench`: batch export (clients/s) and one client end to end
 * (records read + features, ms), on a database built from a 999-client synthetic sample scaled to N clients with the
 * full data set's rows per client in every history table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { BenchResult } from './bench-result.js';
import { median } from './bench-result.js';
import { importPaths } from '../db/import/import-paths.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { computeFeatures, computeFeaturesInto } from '../model/features/compute-features.js';
import { exportFeatures } from '../model/features/export-features.js';
import { FEATURE_COUNT } from '../model/features/feature-registry.js';
import { iterateClientRecords } from '../model/features/iterate-client-records.js';
import { readClientRecords } from '../model/features/read-client-records.js';

/** Size and location of the features benchmark. */
export interface FeaturesBenchOptions {
  /** Clients in the scaled database (rounded up to whole copies of the sample's 999). */
  clients: number;
  workDir: string;
  /** The sample folder: the seven files of 999 clients with ids 100002–101000 (bench-data.ts). */
  fixtureDir: string;
  /** History rows per client: the sample's own (default: the generator already draws the full data set's rows per client) or multiplied by the factors measured on a partial real extract. */
  density?: 'full' | 'sample';
  repeats?: number;
}

/**
 * Copies of each history row per fixture row, so that rows per client match the full data set
 * (DATA.md: e.g. 13.6 M instalments for 356 k clients ≈ 38 per client; the fixture has 6.4).
 */
const FULL_DENSITY = { bureau: 2, bureauBalanceMonths: 20, posCash: 52, installments: 6, creditCard: 160 };
const SAMPLE_DENSITY = { bureau: 1, bureauBalanceMonths: 1, posCash: 1, installments: 1, creditCard: 1 };

/** Builds the scaled database from the fixture; returns it open, with its row counts. */
export async function buildScaledDatabase(
  file: string,
  fixtureDir: string,
  clients: number,
  density: 'full' | 'sample' = 'full',
): Promise<{ db: Db; rows: Record<string, number> }> {
  const DENSITY = density === 'full' ? FULL_DENSITY : SAMPLE_DENSITY;
  const source = `${file}.fixture.db`;
  const fixture = openDatabase(source);
  const imported = await importPaths(fixture, [fixtureDir]);
  fixture.close();
  if (imported.refused.length) throw new Error(`The fixture did not import: ${imported.refused[0]!.message}`);
  const db = openDatabase(file);
  db.prepare('ATTACH DATABASE ? AS f').run(source);
  const copies = Math.ceil(clients / 999);
  const series = (n: number) => `(WITH RECURSIVE c(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM c WHERE j < ${n - 1}) SELECT j FROM c)`;
  const columns = (table: string) =>
    (db.prepare(`SELECT name FROM f.pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => `"${r.name}"`);
  const insert = (table: string, replace: Record<string, string>, repeat: number, k: number) => {
    const cols = columns(table);
    const select = cols.map((c) => replace[c.slice(1, -1)] ?? c).join(', ');
    db.prepare(`INSERT INTO main."${table}" (${cols.join(', ')}) SELECT ${select} FROM f."${table}" CROSS JOIN ${series(repeat)} ORDER BY j`).run({ k });
  };
  // Client ids shift by 1000 per copy (the sample's ids are 100002–101000); the rows of one client are
  // spread across the tables as in a real file (not stored together), which is what the ordered scans meet.
  db.transaction(() => {
    for (let k = 0; k < copies; k++) {
      insert('application', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k' }, 1, k);
      const bureauId = `SK_ID_BUREAU + 10000000 * ($k * ${DENSITY.bureau} + j)`;
      insert('bureau', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k', SK_ID_BUREAU: bureauId }, DENSITY.bureau, k);
      insert('previous_application', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k', SK_ID_PREV: 'SK_ID_PREV + 10000000 * $k' }, 1, k);
      insert('POS_CASH_balance', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k' }, DENSITY.posCash, k);
      insert('installments_payments', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k' }, DENSITY.installments, k);
      insert('credit_card_balance', { SK_ID_CURR: 'SK_ID_CURR + 1000 * $k' }, DENSITY.creditCard, k);
    }
    // Months of every copied credit: each fixture month repeated with a shifted MONTHS_BALANCE (the key).
    for (let k = 0; k < copies; k++) {
      for (let b = 0; b < DENSITY.bureau; b++) {
        db.prepare(
          `INSERT INTO main.bureau_balance (SK_ID_BUREAU, MONTHS_BALANCE, STATUS)
           SELECT SK_ID_BUREAU + 10000000 * (${k * DENSITY.bureau + b}), MONTHS_BALANCE - 100 * j, STATUS
           FROM f.bureau_balance CROSS JOIN ${series(DENSITY.bureauBalanceMonths)}`,
        ).run();
      }
    }
  })();
  db.exec('DETACH DATABASE f; ANALYZE');
  fs.rmSync(source, { force: true });
  const rows: Record<string, number> = {};
  for (const table of ['application', 'bureau', 'bureau_balance', 'previous_application', 'POS_CASH_balance', 'installments_payments', 'credit_card_balance']) {
    rows[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return { db, rows };
}

/** Measures batch and single-client speed; returns the figures for the bench table. */
export async function benchFeatures(options: FeaturesBenchOptions): Promise<BenchResult[]> {
  const repeats = options.repeats ?? 3;
  const density = options.density ?? 'sample';
  const file = path.join(options.workDir, `features-bench-${density}.db`);
  const { db, rows } = await buildScaledDatabase(file, options.fixtureDir, options.clients, density);
  try {
    const clients = rows.application!;
    const historyRows = Object.entries(rows).reduce((sum, [table, n]) => (table === 'application' ? sum : sum + n), 0);
    const note =
      `${clients.toLocaleString('en-US')} clients, ${(historyRows / clients).toFixed(0)} history rows per client ` +
      `(synthetic sample scaled, ${density === 'full' ? "history rows multiplied to the full data set's density" : "the sample's own density"})`;

    const exportRates: number[] = [];
    const computeRates: number[] = [];
    const readRates: number[] = [];
    const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const buffer = new Float64Array(FEATURE_COUNT);
    for (let r = 0; r < repeats; r++) {
      exportRates.push((await exportFeatures(db, discard())).clientsPerSecond);
      let started = performance.now();
      let n = 0;
      for (const records of iterateClientRecords(db)) {
        computeFeaturesInto(records, buffer);
        n++;
      }
      computeRates.push(n / ((performance.now() - started) / 1000));
      started = performance.now();
      n = 0;
      for (const records of iterateClientRecords(db)) if (records) n++;
      readRates.push(n / ((performance.now() - started) / 1000));
    }

    const ids = (db.prepare('SELECT SK_ID_CURR FROM application').all() as { SK_ID_CURR: number }[]).map((r) => r.SK_ID_CURR);
    const times: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const started = performance.now();
      computeFeatures(readClientRecords(db, id)!);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)]!;

    return [
      {
        name: `features batch export (CSV, ${density} density)`,
        value: median(exportRates),
        unit: 'clients/s',
        target: '≥ 10,000 clients/s features + score',
        note,
      },
      {
        name: `features batch, no CSV (${density} density)`,
        value: median(computeRates),
        unit: 'clients/s',
        note: 'ordered scans merged + computeFeatures; the rest of the time is SQLite stepping the scans',
      },
      { name: `features batch, reading records only (${density} density)`, value: median(readRates), unit: 'clients/s' },
      {
        name: `features one client, read + compute (${density} density)`,
        value: median(times),
        unit: 'ms',
        target: '≤ 3 ms p50 end to end (with the score)',
        note: `p95 ${p95.toFixed(3)} ms over ${times.length} clients`,
      },
    ];
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}
