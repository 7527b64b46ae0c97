/**
 * `npm run bench -- --only dask [--dask-clients N]`: training that scales out, measured. The same training
 * pipeline (model/training/train.py, same search settings and folds) on N synthetic labelled clients, in
 * one process (the local engine) and on a Dask LocalCluster of 2 single-threaded worker processes
 * (xgboost.dask): the wall time of each, the peak memory of all its processes, and — from the peaks at
 * N/4, N/2 and N clients — the largest client count each would fit in 24 GB, extrapolated linearly.
 *
 * The data: N/4 labelled clients through the one feature code — `octroi synth` (enough clients for N/4
 * with a known outcome), `octroi import`, then `octroi features --out-dir --clients train` into shards of
 * N/20 clients — and three copies of those rows under new client ids (generating a million clients takes
 * about an hour on 2 cores; training costs the same per row). The shards are built once and kept outside
 * the repository (~/.cache/octroi-bench/dask-N or OCTROI_BENCH_CACHE); the database and CSV files are
 * removed once the shards are written. The local engine reads one CSV file: the same shards concatenated.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDatabaseKey } from '../demo/demo-database-key.js';
import { featureSetDescription } from '../model/features/feature-set-description.js';
import { shardName } from '../model/features/export-feature-shards.js';
import { trainingPython } from '../cli/training-python.js';
import type { BenchResult } from './bench-result.js';
import { sampleTreeMemory, type TreeMemoryPeak } from './process-tree-memory.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.OCTROI_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'octroi-bench');
const TRAIN_SCRIPT = path.join(ROOT, 'model', 'training', 'train.py');

/** The memory both engines are sized against. */
const MEMORY_BUDGET = 24e9;
/** Shards per N clients: N/4 and N/2 are whole numbers of shards. */
const SHARDS = 20;
/**
 * The search settings of every run: the defaults without a search (--trials 0: one 3-fold
 * cross-validation on the 30,000-row search sample to find the round count), then 2-fold out-of-fold
 * predictions (calibration, threshold) and the final model on every client — 2 folds, the fewest the
 * pipeline accepts, to keep a million-client run within an hour on 2 shared cores.
 */
const TRAINING_ARGS = ['--trials', '0', '--folds', '2', '--seed', '42', '--search-rows', '30000'];
/** The synthetic generator puts about 13.5 % of its clients in the unlabelled test file: ask for enough. */
const LABELLED_SHARE = 0.85;

export interface DaskBenchOptions {
  workDir: string;
  /** Labelled clients of the largest run (default 1,000,000). */
  clients: number;
}

/** Runs the CLI (the one feature code), its progress on stderr. */
function octroi(args: string[]): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'octroi.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`dask bench: octroi ${args[0]} failed (exit ${run.status ?? run.signal})`);
}

/** Copies of the generated clients: the N/4 generated through the one feature code, three times again under new ids. */
const COPIES = 4;
/** Added to a copy's client ids (SK_ID_CURR) per copy: above every generated id, so copies never collide. */
const COPY_ID_STEP = 10_000_000;

/**
 * The cached shards of `clients` labelled clients, SHARDS files of clients/SHARDS rows; built on first use.
 * The first quarter is generated (synth, import, features: the one feature code, ~15 minutes on 2 cores
 * for 250,000 clients instead of an hour for a million); the other three quarters are its rows again with
 * new client ids — the same cost per row for training, said in the results.
 */
function featureShards(clients: number): string {
  const home = path.join(CACHE, `dask-${clients}`);
  const shards = path.join(home, 'shards');
  if (fs.existsSync(path.join(home, 'shards.done'))) return shards;
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const base = clients / COPIES;
  const csv = path.join(home, 'csv');
  const db = path.join(home, 'synthetic.db');
  const generated = Math.ceil(base / LABELLED_SHARE);
  console.error(`dask bench: building the feature shards of ${clients.toLocaleString('en-US')} labelled clients in ${home} (once; synth ${generated.toLocaleString('en-US')} clients, import, features, then ${COPIES - 1} copies under new ids)…`);
  demoDatabaseKey(db); // synthetic data: a DEMO key beside the database, which the CLI finds by itself
  octroi(['synth', '--clients', String(generated), '--seed', '17', '--out', csv, '--quiet']);
  octroi(['import', '--db', db, '--json', csv]);
  fs.rmSync(csv, { recursive: true, force: true });
  const generatedShards = path.join(home, 'generated');
  octroi(['features', '--db', db, '--out-dir', generatedShards, '--shard-rows', String(clients / SHARDS), '--clients', 'train', '--json']);
  for (const file of [db, `${db}-wal`, `${db}-shm`, `${db}.DEMO-KEY`]) fs.rmSync(file, { force: true });
  const perCopy = SHARDS / COPIES;
  const files = fs.readdirSync(generatedShards).filter((f) => /^features-\d+\.csv$/.test(f)).sort();
  if (files.length < perCopy || lineCount(path.join(generatedShards, files[perCopy - 1]!)) !== clients / SHARDS + 1) {
    throw new Error(`dask bench: the generator gave fewer than ${base} labelled clients; lower LABELLED_SHARE`);
  }
  fs.mkdirSync(shards);
  for (let copy = 0; copy < COPIES; copy++) {
    for (const [i, name] of files.slice(0, perCopy).entries()) {
      const text = fs.readFileSync(path.join(generatedShards, name), 'utf8');
      const header = text.slice(0, text.indexOf('\n') + 1);
      const rows = text.slice(header.length).replace(/^(\d+),/gm, (_, id: string) => `${Number(id) + copy * COPY_ID_STEP},`);
      fs.writeFileSync(path.join(shards, shardName(copy * perCopy + i)), header + rows);
    }
  }
  fs.rmSync(generatedShards, { recursive: true, force: true });
  fs.writeFileSync(path.join(home, 'shards.done'), new Date().toISOString());
  return shards;
}

function lineCount(file: string): number {
  const bytes = fs.readFileSync(file);
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

/** The first `count` shards as a folder (links) for the Dask engine and as one CSV for the local engine. */
function subset(shards: string, clients: number, count: number): { dir: string; csv: string } {
  const home = path.dirname(shards);
  const dir = path.join(home, `first-${clients}`);
  const csv = path.join(home, `first-${clients}.csv`);
  const files = fs.readdirSync(shards).filter((f) => /^features-\d+\.csv$/.test(f)).sort().slice(0, count);
  if (!fs.existsSync(dir)) {
    fs.rmSync(`${dir}.partial`, { recursive: true, force: true }); // a run stopped halfway
    fs.mkdirSync(`${dir}.partial`, { recursive: true });
    for (const f of files) fs.symlinkSync(path.join(shards, f), path.join(`${dir}.partial`, f));
    fs.renameSync(`${dir}.partial`, dir);
  }
  if (!fs.existsSync(csv)) {
    const out = fs.openSync(`${csv}.partial`, 'w');
    files.forEach((f, i) => {
      const text = fs.readFileSync(path.join(shards, f), 'utf8');
      fs.writeSync(out, i === 0 ? text : text.slice(text.indexOf('\n') + 1));
    });
    fs.closeSync(out);
    fs.renameSync(`${csv}.partial`, csv);
  }
  return { dir, csv };
}

interface TrainingRun {
  seconds: number;
  memory: TreeMemoryPeak;
  auc: number;
}

/** One training run of train.py, timed, its process tree's memory sampled; its log kept in `logFile`. */
async function train(python: string, data: string[], featureSet: string, out: string, logFile: string): Promise<TrainingRun> {
  fs.rmSync(out, { recursive: true, force: true });
  const args = [TRAIN_SCRIPT, ...data, '--feature-set', featureSet, '--out', out, ...TRAINING_ARGS, '--source', 'dask bench', '--model-version', 'bench'];
  const started = performance.now();
  const child = spawn(python, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const sampler = sampleTreeMemory(child.pid!);
  let log = '';
  fs.writeFileSync(logFile, '');
  child.stderr.on('data', (chunk: Buffer) => {
    fs.appendFileSync(logFile, chunk);
    log = (log + chunk.toString('utf8')).slice(-20_000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const memory = sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`dask bench: training failed (exit ${code}):\n${log.split('\n').slice(-15).join('\n')}`);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { metrics_at_threshold: { auc: number } };
  return { seconds, memory, auc: report.metrics_at_threshold.auc };
}

/** Least-squares line through (clients, bytes); the client count at which it reaches the budget. */
function fitsIn(points: Array<{ clients: number; bytes: number }>, budget: number): { clients: number; perMillion: number; fixed: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.clients, 0) / n;
  const my = points.reduce((s, p) => s + p.bytes, 0) / n;
  const slope = points.reduce((s, p) => s + (p.clients - mx) * (p.bytes - my), 0) / points.reduce((s, p) => s + (p.clients - mx) ** 2, 0);
  const fixed = my - slope * mx;
  return { clients: slope > 0 ? Math.floor((budget - fixed) / slope) : Infinity, perMillion: slope * 1e6, fixed };
}

const gb = (bytes: number) => bytes / 1e9;

export async function benchDask(options: DaskBenchOptions): Promise<BenchResult[]> {
  const { clients } = options;
  if (clients % (4 * SHARDS) !== 0) throw new Error(`--dask-clients must be a multiple of ${4 * SHARDS}, got ${clients}`);
  const python = trainingPython();
  const shards = featureShards(clients);
  const featureSet = path.join(options.workDir, 'feature-set.json');
  fs.writeFileSync(featureSet, `${JSON.stringify(featureSetDescription(), null, 2)}\n`);
  const results: BenchResult[] = [];
  // N/4 first (its figures come early), then N (the figures asked for): with both, the 24 GB extrapolation
  // is said; N/2 last, a third point to check the line.
  const sizes = [clients / 4, clients, clients / 2];
  const memory: Record<'local' | 'dask', Array<{ clients: number; bytes: number }>> = { local: [], dask: [] };
  for (const size of sizes) {
    const { dir, csv } = subset(shards, size, (SHARDS * size) / clients);
    const label = `${size.toLocaleString('en-US')} clients`;
    const logOf = (engine: string) => path.join(path.dirname(shards), `train-${engine}-${size}.log`);
    const local = await train(python, ['--features', csv], featureSet, path.join(options.workDir, `local-${size}`), logOf('local'));
    console.error(`dask bench: ${label}, one process: ${local.seconds.toFixed(0)} s, peak ${gb(local.memory.rss).toFixed(2)} GB RSS (${gb(local.memory.pss).toFixed(2)} GB PSS), AUC ${local.auc.toFixed(4)}`);
    const dask = await train(python, ['--engine', 'dask', '--scheduler', 'local:2', '--features-dir', dir], featureSet, path.join(options.workDir, `dask-${size}`), logOf('dask'));
    console.error(`dask bench: ${label}, LocalCluster 2 workers: ${dask.seconds.toFixed(0)} s, peak ${gb(dask.memory.rss).toFixed(2)} GB RSS (${gb(dask.memory.pss).toFixed(2)} GB PSS) over ${dask.memory.processes} processes, AUC ${dask.auc.toFixed(4)}`);
    memory.local.push({ clients: size, bytes: local.memory.pss });
    memory.dask.push({ clients: size, bytes: dask.memory.pss });
    // Said as soon as two sizes are measured: the run is long, and a figure is kept even if it is stopped.
    if (memory.local.length >= 2) {
      for (const engine of ['local', 'dask'] as const) {
        const fit = fitsIn(memory[engine], MEMORY_BUDGET);
        console.error(`dask bench: ${engine}: 24 GB would hold about ${fit.clients.toLocaleString('en-US')} clients (EXTRAPOLATED linearly from ${memory[engine].length} sizes: ${gb(fit.fixed).toFixed(2)} GB + ${gb(fit.perMillion).toFixed(2)} GB per million)`);
      }
    }
    results.push(
      {
        name: `training time, ${label}, LocalCluster (2 workers × 1 thread)`,
        value: dask.seconds,
        unit: 's',
        reference: { name: 'one process (2 threads)', value: local.seconds },
        ratio: dask.seconds / local.seconds,
        note: `--trials 0 --folds 2 on both; out-of-fold AUC ${dask.auc.toFixed(4)} (Dask) vs ${local.auc.toFixed(4)} (one process); ratio = Dask time / one-process time`,
      },
      {
        name: `peak memory, ${label}, LocalCluster, all ${dask.memory.processes} processes (PSS)`,
        value: gb(dask.memory.pss),
        unit: 'GB',
        reference: { name: 'one process', value: gb(local.memory.pss) },
        ratio: dask.memory.pss / local.memory.pss,
        note: `summed RSS: ${gb(dask.memory.rss).toFixed(2)} GB (Dask), ${gb(local.memory.rss).toFixed(2)} GB (one process); PSS counts a page shared by several processes once`,
      },
    );
  }
  const points = [...sizes].sort((a, b) => a - b).map((s) => s.toLocaleString('en-US')).join(', ');
  for (const engine of ['local', 'dask'] as const) {
    const fit = fitsIn(memory[engine], MEMORY_BUDGET);
    results.push({
      name: `largest client count in 24 GB, ${engine === 'local' ? 'one process' : 'LocalCluster (2 workers)'} — EXTRAPOLATED`,
      value: fit.clients,
      unit: 'clients',
      note:
        `a linear extrapolation of the peak memory (PSS, all processes) measured at ${points} clients: ` +
        `${gb(fit.fixed).toFixed(2)} GB + ${gb(fit.perMillion).toFixed(2)} GB per million clients; not measured at that size`,
    });
  }
  results.push({
    name: 'data of the Dask benchmark',
    value: clients,
    unit: 'clients',
    note:
      `${(clients / COPIES).toLocaleString('en-US')} synthetic labelled clients through the one feature code (octroi synth, import, features --out-dir --clients train) ` +
      `and ${COPIES - 1} copies of their rows under new client ids: ${SHARDS} shards of ${(clients / SHARDS).toLocaleString('en-US')}, cached in ${path.dirname(shards)}; ` +
      `the ${(clients / COPIES).toLocaleString('en-US')}-client runs are the generated clients only; the one-process engine reads the same shards concatenated`,
  });
  return results;
}
