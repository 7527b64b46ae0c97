/**
 * `npm run bench -- --only encryption`: what encryption at rest costs, encrypted against clear in the same
 * run, on the same synthetic files: the import (rows/s), one client end to end (p50 ms) and batch scoring
 * with the worker threads (clients/s). Each measure alternates clear and encrypted rounds, so the shared
 * machine's load falls on both alike; the import and the batch also report the CPU time the process spent
 * (every thread), which other programs' load does not inflate: what encryption costs in work. Target
 * (issue 15): encrypted ≥ 0.85× clear.
 *
 * Where the cost is (measured on this build: SQLite3 Multiple Ciphers 2.3.5 with AES-NI, raw key so no key
 * derivation on open — 0.1 ms more per connection): every page written goes through AES-256-CBC and
 * HMAC-SHA512 (software) three times in WAL mode — into the WAL at commit, then out of it (decrypted,
 * checked) and into the database (encrypted again) at the checkpoint —, about 3 ms per MB each way on the
 * build machine; a page read once decrypts once (a fresh connection over the whole database: ~100 ms for
 * 37 MB), then stays decrypted in the page cache (16 MB by default in this build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { median, type BenchResult } from './bench-result.js';
import { timeBatch, timeOneClient } from './scoring-bench.js';
import { generateDatabaseKey, type DatabaseKey } from '../db/database-key.js';
import { importPaths } from '../db/import/import-paths.js';
import { openDatabase } from '../db/open-database.js';
import { generateSynthetic } from '../db/synth/generate.js';
import { SHIPPED_MODEL_PATH } from '../model/model-file/shipped-model-path.js';
import { ScoringEngine } from '../model/scoring/scoring-engine.js';

/** Options of the encryption benchmark. */
export interface EncryptionBenchOptions {
  workDir: string;
  /** Synthetic clients (with their history in the six other tables). */
  clients?: number;
  /** Rounds of each measure, per variant. */
  rounds?: number;
}

const TARGET = 'encrypted ≥ 0.85× clear';

/** The two variants measured: a clear database and an encrypted one. */
const variants = (key: DatabaseKey) => [
  { name: 'clear', key: null },
  { name: 'encrypted', key },
];

/** CPU seconds this process (every thread) spent since `since` (process.cpuUsage()). */
const cpuSecondsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** Imports the CSV folder into a fresh database; seconds (wall and CPU) and rows. */
async function timeImport(csvDir: string, file: string, key: DatabaseKey | null): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file, { key });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await importPaths(db, [csvDir]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu);
    if (summary.refused.length) throw new Error(`the benchmark import refused ${summary.refused[0]!.message}`);
    return { seconds, cpuSeconds, rows: Object.values(summary.tables).reduce((sum, t) => sum + t.imported, 0) };
  } finally {
    db.close();
  }
}

/** One result, encrypted against clear; `higherIsBetter` says which way the ratio goes. */
function compare(name: string, unit: string, clear: number, encrypted: number, higherIsBetter: boolean, note: string): BenchResult {
  return {
    name: `${name}, encrypted`,
    value: encrypted,
    unit,
    reference: { name: 'clear', value: clear },
    ratio: higherIsBetter ? encrypted / clear : clear / encrypted,
    target: TARGET,
    note,
  };
}

/** The encryption benchmark (see the file comment). */
export async function benchEncryption(options: EncryptionBenchOptions): Promise<BenchResult[]> {
  const clients = options.clients ?? 5000;
  const rounds = options.rounds ?? 5;
  const csvDir = path.join(options.workDir, 'encryption-csv');
  await generateSynthetic({ clients, seed: 15, outDir: csvDir });
  const key = generateDatabaseKey();
  const files = { clear: path.join(options.workDir, 'encryption-clear.db'), encrypted: path.join(options.workDir, 'encryption-encrypted.db') };

  const importRates: Record<string, number[]> = { clear: [], encrypted: [] };
  const importCpu: Record<string, number[]> = { clear: [], encrypted: [] };
  let rows = 0;
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants(key)) {
      const run = await timeImport(csvDir, files[variant.name as keyof typeof files], variant.key);
      rows = run.rows;
      importRates[variant.name]!.push(run.rows / run.seconds);
      importCpu[variant.name]!.push(run.cpuSeconds);
    }
  }

  const engine = await ScoringEngine.open(SHIPPED_MODEL_PATH);
  const oneClient: Record<string, number[]> = { clear: [], encrypted: [] };
  const batch: Record<string, number[]> = { clear: [], encrypted: [] };
  const batchCpu: Record<string, number[]> = { clear: [], encrypted: [] };
  try {
    const open = variants(key).map((variant) => ({ ...variant, db: openDatabase(files[variant.name as keyof typeof files], { key: variant.key, readonly: true }) }));
    try {
      for (let round = 0; round < rounds; round++) {
        for (const variant of open) oneClient[variant.name]!.push(...(await timeOneClient(variant.db, engine, 700)));
        for (const variant of open) {
          const cpu = process.cpuUsage();
          batch[variant.name]!.push((await timeBatch(variant.db, engine, 1, { dbPath: files[variant.name as keyof typeof files] })).perSecond);
          batchCpu[variant.name]!.push(cpuSecondsSince(cpu));
        }
      }
    } finally {
      for (const variant of open) variant.db.close();
    }
  } finally {
    await engine.close();
  }

  const where = `${clients.toLocaleString('en-US')} synthetic clients, ${rows.toLocaleString('en-US')} rows in the seven tables; SQLCipher 4 (AES-256-CBC, HMAC-SHA512), raw 256-bit key; medians of ${rounds} alternating rounds`;
  return [
    compare('import rows/s', 'rows/s', median(importRates.clear!), median(importRates.encrypted!), true, where),
    compare('score one client end to end, p50', 'ms', median(oneClient.clear!), median(oneClient.encrypted!), false, `${where}; ${oneClient.clear!.length} calls each`),
    compare('batch scoring, worker threads', 'clients/s', median(batch.clear!), median(batch.encrypted!), true, where),
    compare('import, CPU time of all threads', 's', median(importCpu.clear!), median(importCpu.encrypted!), false, `${where}; process CPU time, not inflated by other programs' load`),
    compare('batch scoring, CPU time of all threads (2 passes)', 's', median(batchCpu.clear!), median(batchCpu.encrypted!), false, `${where}; process CPU time, not inflated by other programs' load`),
  ];
}
