/**
 * Speed of the scoring engine, for `npm run bench`, on a demo-size database (5,000 synthetic clients from
 * the demo builder; the real fixture if the generator fails) and the shipped model:
 * - one client end to end (read from SQLite, features, ONNX score in the worker, TreeSHAP, reasons), p50/p99;
 * - batch scoring (features + score, in chunks), clients/s;
 * - TreeSHAP per row in TypeScript against XGBoost's own pred_contribs (C++, one thread) on the same trees
 *   and rows, measured in the same run (bench/xgboost-shap-reference.py trains a booster with the model
 *   file's parameters and writes it through the pipeline's ONNX export; see there why).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-result.js';
import { median, percentile } from './bench-result.js';
import { buildDemoDatabase, countRows } from '../demo/demo-database.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { scoreAllClients, scoreClient } from '../model/scoring/client-scoring.js';
import { computeFeatures } from '../model/features/compute-features.js';
import { exportFeatures } from '../model/features/export-features.js';
import { readClientRecords } from '../model/features/read-client-records.js';
import { readModelFile } from '../model/model-file/model-file.js';
import { ScoringEngine } from '../model/scoring/scoring-engine.js';
import { similarClients, similarityIndex } from '../model/explanation/similar-clients.js';
import { TreeShapExplainer } from '../model/explanation/tree-shap.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIPPED_MODEL = path.join(ROOT, 'model', 'artifacts', 'model.onnx');
const REFERENCE_SCRIPT = path.join(ROOT, 'bench', 'xgboost-shap-reference.py');
const PYTHON = process.env.OCTROI_PYTHON ?? '/usr/bin/python3';

/** Where and how much to measure. */
export interface ScoringBenchOptions {
  workDir: string;
  /** Clients in the demo database (default 5,000, the demo size). */
  clients?: number;
  /** One-client calls timed (default 2,000; at least 1,000 for a meaningful p99). */
  calls?: number;
  /** Model file (default: the shipped model; if absent, one is trained on the benchmark database). */
  modelPath?: string;
  /** Clients in the database of the worker-thread batch measure (default 50,000). */
  batchClients?: number;
}

/** The demo database (synthetic clients). */
async function benchDatabase(workDir: string, clients: number): Promise<{ file: string; source: string }> {
  const file = path.join(workDir, 'scoring-demo.db');
  await buildDemoDatabase(file, { clients });
  return { file, source: `${clients.toLocaleString('en-US')} synthetic clients (demo database)` };
}

/** The shipped model, or one trained on the benchmark database with the default parameters. */
function benchModel(requested: string | undefined, dbFile: string, workDir: string): { model: string; note: string } {
  if (requested) return { model: requested, note: requested };
  if (fs.existsSync(SHIPPED_MODEL)) return { model: SHIPPED_MODEL, note: 'the shipped model' };
  const out = path.join(workDir, 'scoring-model');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'octroi.ts'), 'train', '--db', dbFile, '--out', out, '--trials', '0', '--folds', '3'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`no shipped model, and training one failed: ${run.stderr.trim().split('\n').pop()}`);
  return { model: path.join(out, 'model.onnx'), note: 'a model trained on the benchmark database (no shipped model yet)' };
}

/** One client end to end, every call awaited in turn, clients taken in a scattered order. */
async function timeOneClient(db: Db, engine: ScoringEngine, calls: number): Promise<number[]> {
  const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  for (let i = 0; i < 300; i++) await scoreClient(db, engine, pick(i), { lang: i % 2 ? 'fr' : 'en' });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await scoreClient(db, engine, pick(i + 300), { lang: i % 2 ? 'fr' : 'en' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Every client scored (features + score), clients/s, median of `repeats` passes. */
async function timeBatch(
  db: Db,
  engine: ScoringEngine,
  repeats: number,
  parallel?: { dbPath: string },
): Promise<{ perSecond: number; clients: number }> {
  const rates: number[] = [];
  let clients = 0;
  for (let r = 0; r < repeats + 1; r++) {
    const started = performance.now();
    clients = 0;
    const options = parallel ? { chunkSize: 1000, dbPath: parallel.dbPath } : { chunkSize: 1000, workers: 1 };
    for await (const chunk of scoreAllClients(db, engine, options)) clients += chunk.ids.length;
    if (r > 0) rates.push(clients / ((performance.now() - started) / 1000)); // the first pass warms up
  }
  return { perSecond: median(rates), clients };
}

/** Similar clients: building the population index once, then one query (k = 10), median ms. */
async function timeSimilarClients(db: Db, engine: ScoringEngine): Promise<{ build: number; query: number }> {
  const started = performance.now();
  await similarityIndex(db, engine);
  const build = performance.now() - started;
  const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    const vector = computeFeatures(readClientRecords(db, id)!);
    const t = performance.now();
    await similarClients(db, engine, vector, { lang: 'fr', k: 10, exclude: id });
    times.push(performance.now() - t);
  }
  return { build, query: median(times.slice(100)) };
}

function runPython(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0]!)} failed: ${stderr.trim().split('\n').pop()}`))));
  });
}

interface Reference {
  rows: number;
  features: number;
  trees: number;
  seconds: number[];
  contributions_head: number[][];
  xgboost_version: string;
}

/** TreeSHAP per row: ours (TypeScript) and XGBoost's pred_contribs (C++, 1 thread), same trees, same rows. */
async function timeTreeShap(db: Db, modelPath: string, workDir: string): Promise<{ ours: number; xgboost: number; maxDiff: number; ref: Reference }> {
  const features = path.join(workDir, 'scoring-features.csv');
  await exportFeatures(db, features, { clients: 'train' });
  const out = path.join(workDir, 'xgboost-reference');
  await runPython([REFERENCE_SCRIPT, '--features', features, '--model-like', modelPath, '--out', out, '--rows', '2000', '--repeats', '7']);
  const ref = JSON.parse(fs.readFileSync(path.join(out, 'reference.json'), 'utf8')) as Reference;
  const bytes = fs.readFileSync(path.join(out, 'rows.f32'));
  const rows = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const { trees } = readModelFile(fs.readFileSync(path.join(out, 'model.onnx')), 'the reference model');
  const explainer = new TreeShapExplainer(trees);
  const phi = new Float64Array(ref.features);
  const row = (r: number) => rows.subarray(r * ref.features, (r + 1) * ref.features);

  // The same trees: our values must be XGBoost's (to float32 rounding of the leaves) before timing means anything.
  let maxDiff = 0;
  ref.contributions_head.forEach((expected, r) => {
    const base = explainer.explain(row(r), phi);
    for (let j = 0; j < ref.features; j++) maxDiff = Math.max(maxDiff, Math.abs(phi[j]! - expected[j]!));
    maxDiff = Math.max(maxDiff, Math.abs(base - expected[ref.features]!));
  });
  if (maxDiff > 1e-4) throw new Error(`TreeSHAP differs from XGBoost's pred_contribs by ${maxDiff}: not the same trees?`);

  const passes: number[] = [];
  for (let pass = 0; pass < 8; pass++) {
    const started = performance.now();
    for (let r = 0; r < ref.rows; r++) explainer.explain(row(r), phi);
    if (pass > 0) passes.push((performance.now() - started) / 1000); // the first pass warms up (JIT)
  }
  return { ours: (median(passes) / ref.rows) * 1e6, xgboost: (median(ref.seconds) / ref.rows) * 1e6, maxDiff, ref };
}

/** The scoring benchmark (see the file comment). */
export async function benchScoring(options: ScoringBenchOptions): Promise<BenchResult[]> {
  const { file, source } = await benchDatabase(options.workDir, options.clients ?? 5000);
  const { model, note: modelNote } = benchModel(options.modelPath, file, options.workDir);
  const rows = countRows(file);
  const history = Object.entries(rows)
    .filter(([table]) => table !== 'application')
    .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const db = openDatabase(file, { readonly: true });
  const engine = await ScoringEngine.open(model);
  try {
    const calls = Math.max(1000, options.calls ?? 2000);
    const times = await timeOneClient(db, engine, calls);
    const batch = await timeBatch(db, engine, 3);
    const batchClients = options.batchClients ?? 50_000;
    const batchFile = path.join(options.workDir, 'scoring-batch.db');
    await buildDemoDatabase(batchFile, { clients: batchClients });
    const batchDb = openDatabase(batchFile, { readonly: true });
    const parallelBatch = await timeBatch(batchDb, engine, 3, { dbPath: batchFile }).finally(() => batchDb.close());
    const similar = await timeSimilarClients(db, engine);
    const shap = await timeTreeShap(db, model, options.workDir);
    const trees = engine.model.metadata.trees.count;
    const where = `${source}; history rows: ${history}; ${modelNote} (${trees} trees)`;
    return [
      {
        name: 'score one client end to end, p50',
        value: percentile(times, 0.5),
        unit: 'ms',
        target: '≤ 3 ms',
        note: `read from SQLite + features + ONNX score (worker) + TreeSHAP + reasons, ${calls} calls; ${where}`,
      },
      { name: 'score one client end to end, p99', value: percentile(times, 0.99), unit: 'ms', target: '≤ 15 ms' },
      {
        name: 'batch scoring (features + score), worker threads',
        value: parallelBatch.perSecond,
        unit: 'clients/s',
        target: '≥ 10,000 clients/s',
        note:
          `${parallelBatch.clients.toLocaleString('en-US')} synthetic clients, features in one worker thread per core ` +
          '(what octroi score --all does), worker start-up included, median of 3 passes',
      },
      {
        name: 'batch scoring (features + score), one thread',
        value: batch.perSecond,
        unit: 'clients/s',
        note: `${batch.clients.toLocaleString('en-US')} clients streamed from SQLite on the calling thread, chunks of 1,000, median of 3 passes`,
      },
      {
        name: 'similar clients, one query (k = 10)',
        value: similar.query,
        unit: 'ms',
        note: `after the population index is built once per engine and database (${similar.build.toFixed(0)} ms: every client's features and score)`,
      },
      {
        name: 'TreeSHAP per row (TypeScript)',
        value: shap.ours,
        unit: 'µs/row',
        reference: { name: `XGBoost ${shap.ref.xgboost_version} pred_contribs, 1 thread`, value: shap.xgboost },
        ratio: shap.ours / shap.xgboost,
        target: '≤ 2× XGBoost',
        note:
          `ratio = ours / XGBoost (lower is better); ${shap.ref.rows} rows × ${shap.ref.trees} trees of a booster trained with the model's ` +
          `parameters and rounds; values agree to ${shap.maxDiff.toExponential(1)}`,
      },
    ];
  } finally {
    await engine.close();
    db.close();
  }
}
