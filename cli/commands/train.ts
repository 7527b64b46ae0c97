import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { exportFeatureShards } from '../../model/features/export-feature-shards.js';
import { exportFeatures } from '../../model/features/export-features.js';
import { FEATURE_SET_VERSION } from '../../model/features/feature-registry.js';
import { featureSetDescription } from '../../model/features/feature-set-description.js';
import { signModelFile } from '../../model/model-file/model-signature.js';
import { DEMO_PRIVATE_KEY_PATH } from '../../model/keys/trusted-keys.js';
import { CliError } from '../cli-error.js';
import { parseInteger, parsePositiveInteger, parsePositiveNumber } from '../parse-options.js';
import { trainingPython } from '../training-python.js';

const TRAIN_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'model', 'training', 'train.py');

interface TrainOptions {
  db?: string;
  engine: 'local' | 'dask';
  scheduler?: string;
  featuresDir?: string;
  shardRows: number;
  out: string;
  costFn: number;
  costFp: number;
  trials: number;
  seed: number;
  folds: number;
  searchRows: number;
  searchMinutes: number;
  signingKey?: string;
  source?: string;
  modelVersion?: string;
  goldenDb?: string;
  goldenSyntheticDb?: string;
  realCheckDb?: string;
  realCvReport?: string;
}

/** Exports the features of a database's clients (with the app's own feature code) to a CSV file. */
async function exportTo(dbPath: string, out: string, clients: 'train' | 'all'): Promise<number> {
  if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}.`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return (await exportFeatures(db, out, { clients })).clients;
  } finally {
    db.close();
  }
}

/** Exports the labelled clients' features as shards for the Dask engine; returns the client count. */
function exportShardsTo(dbPath: string, dir: string, shardRows: number): number {
  if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}.`);
  fs.rmSync(dir, { recursive: true, force: true });
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return exportFeatureShards(db, dir, { shardRows, clients: 'train' }).clients;
  } finally {
    db.close();
  }
}

/** Runs the Python pipeline, its log lines passed through as they come. */
function runPython(python: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [TRAIN_SCRIPT, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new CliError(`The training pipeline failed (${signal ?? `exit code ${code}`}); see the log above.`)),
    );
  });
}

/**
 * `octroi train` (`npm run train`): features from the database with the app's own code → Python
 * (search, cross-validation, calibration, cost threshold, report, ONNX) → signature beside the model.
 */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train a model from a database: features, XGBoost, business-cost threshold, report, signed ONNX file.')
    .option('--db <file>', 'database with labelled clients (TARGET known)')
    .addOption(new Option('--engine <engine>', 'local: one machine; dask: xgboost.dask on a Dask cluster').choices(['local', 'dask']).default('local'))
    .option('--scheduler <address>', 'with --engine dask: the Dask scheduler (tcp://host:8786), or local:N for N local workers')
    .option('--features-dir <dir>', 'with --engine dask: feature shards already written by octroi features --out-dir (instead of --db)')
    .option('--shard-rows <n>', 'with --engine dask and --db: clients per shard', parsePositiveInteger('--shard-rows'), 100_000)
    .requiredOption('--out <dir>', 'output folder (model.onnx, model.onnx.sig, report.json, model-card.md, plots)')
    .option('--cost-fn <n>', 'cost of a missed default', parsePositiveNumber('--cost-fn'), 10)
    .option('--cost-fp <n>', 'cost of a refused good client', parsePositiveNumber('--cost-fp'), 1)
    .option('--trials <n>', 'hyper-parameter search trials (0 = defaults)', parseInteger('--trials'), 20)
    .option('--seed <s>', 'seed of the search and the folds', parseInteger('--seed'), 42)
    .option('--folds <n>', 'cross-validation folds', parsePositiveInteger('--folds'), 5)
    .option('--search-rows <n>', 'rows used by the search (stratified sample)', parsePositiveInteger('--search-rows'), 30000)
    .option('--search-minutes <n>', 'time budget of the search', parsePositiveNumber('--search-minutes'), 10)
    .option('--signing-key <pem>', 'Ed25519 private key that signs the model (default: the DEMO key, for development only)')
    .option('--source <text>', 'words describing the training data, for the model card')
    .option('--model-version <v>', 'model version (default: octroi-DATE-HASH)')
    .option('--golden-db <file>', 'database of real clients who get golden values (probabilities, TreeSHAP) for the real-data tests')
    .option('--golden-synthetic-db <file>', 'database of the synthetic test fixture, whose clients get golden values for the app’s tests')
    .option('--real-check-db <file>', 'database of real labelled clients scored with the final model (reported in the card)')
    .option('--real-cv-report <file>', 'report.json of a training run on real data, quoted in the card')
    .action(async (options: TrainOptions) => {
      if (options.trials < 0) throw new CliError('--trials must be 0 or more.');
      const dask = options.engine === 'dask';
      if (dask && !options.scheduler) throw new CliError('--engine dask needs --scheduler ADDRESS (tcp://host:8786, or local:2 for two local workers).');
      if (!dask && (options.scheduler || options.featuresDir)) throw new CliError('--scheduler and --features-dir go with --engine dask.');
      if (!options.db && !(dask && options.featuresDir)) throw new CliError('give --db FILE (or, with --engine dask, --features-dir DIR of feature shards).');
      const python = trainingPython();
      fs.mkdirSync(options.out, { recursive: true });
      const featuresCsv = path.join(options.out, 'features.csv');
      // The Dask workers read the shards themselves: --out must be a folder they see at the same path.
      const shardsDir = options.featuresDir ?? path.resolve(options.out, 'features-shards');
      const source = options.db ?? options.featuresDir!;
      let clients: number | null = null;
      if (options.db) {
        process.stderr.write(`train: exporting features (feature set ${FEATURE_SET_VERSION}) from ${options.db}${dask ? ` as shards into ${shardsDir}` : ''}\n`);
        clients = dask ? exportShardsTo(options.db, shardsDir, options.shardRows) : await exportTo(options.db, featuresCsv, 'train');
        if (clients === 0) throw new CliError(`${options.db} has no client with a known outcome (TARGET): nothing to train on.`);
      }
      const featureSet = path.join(options.out, 'feature-set.json');
      fs.writeFileSync(featureSet, `${JSON.stringify(featureSetDescription(), null, 2)}\n`);
      const data = dask ? ['--engine', 'dask', '--scheduler', options.scheduler!, '--features-dir', shardsDir] : ['--features', featuresCsv];
      const args = [
        ...data, '--feature-set', featureSet, '--out', options.out,
        '--cost-fn', String(options.costFn), '--cost-fp', String(options.costFp), '--trials', String(options.trials),
        '--seed', String(options.seed), '--folds', String(options.folds), '--search-rows', String(options.searchRows),
        '--search-minutes', String(options.searchMinutes),
        '--source', options.source ?? (clients === null ? `feature shards of ${source}` : `${clients.toLocaleString('en-US')} labelled clients of ${path.basename(source)}`),
      ];
      if (options.modelVersion) args.push('--model-version', options.modelVersion);
      if (options.realCvReport) args.push('--real-cv-report', options.realCvReport);
      const extras: string[] = [];
      const goldenSets: Array<[string | undefined, string, string]> = [
        [options.goldenDb, '--golden', 'golden-features.csv'],
        [options.goldenSyntheticDb, '--golden-synthetic', 'golden-synthetic-features.csv'],
      ];
      for (const [db, flag, file] of goldenSets) {
        if (!db) continue;
        const golden = path.join(options.out, file);
        await exportTo(db, golden, 'all');
        args.push(flag, golden);
        extras.push(golden);
      }
      if (options.realCheckDb) {
        const real = path.join(options.out, 'real-check-features.csv');
        await exportTo(options.realCheckDb, real, 'train');
        args.push('--real-check', real);
        extras.push(real);
      }
      await runPython(python, args);
      const key = options.signingKey ?? DEMO_PRIVATE_KEY_PATH;
      if (!options.signingKey) process.stderr.write('train: signing with the DEMO key (development only; pass --signing-key for production)\n');
      const model = path.join(options.out, 'model.onnx');
      const signature = signModelFile(model, fs.readFileSync(key, 'utf8'));
      for (const file of [featuresCsv, ...extras]) fs.rmSync(file, { force: true });
      if (dask && !options.featuresDir) fs.rmSync(shardsDir, { recursive: true, force: true });
      process.stdout.write(`Model ${model} signed (key ${signature.keyId}, sha256 ${signature.sha256.slice(0, 16)}…)\n`);
    });
}
