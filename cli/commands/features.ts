import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { openDatabase, NewerDatabaseError, type Db } from '../../db/open-database.js';
import { exportFeatures, type ExportFeaturesSummary } from '../../model/features/export-features.js';
import { featureSetDescription } from '../../model/features/feature-set-description.js';
import type { ClientSelection } from '../../model/features/iterate-client-records.js';
import { exportFeatureShards } from '../../model/features/export-feature-shards.js';
import { CliError } from '../cli-error.js';
import { parsePositiveInteger } from '../parse-options.js';

interface FeaturesCommandOptions {
  db: string;
  out?: string;
  outDir?: string;
  shardRows: number;
  clients: ClientSelection;
  featureSet?: string;
  json: boolean;
}

/**
 * `octroi features --db FILE --out FILE.csv [--clients train|test|all]`: exports the feature matrix for training;
 * `--out-dir DIR --shard-rows N` writes it as shards for the Dask engine of `octroi train`.
 */
export function registerFeatures(program: Command): void {
  program
    .command('features')
    .description('Export the model features of every client (the matrix training reads) as CSV.')
    .requiredOption('--db <file>', 'database file (as written by octroi import)')
    .option('--out <file>', 'CSV file to write (replaced only once complete)')
    .option('--out-dir <dir>', 'write shards features-00000.csv, … into this folder instead (training that scales out)')
    .option('--shard-rows <n>', 'clients per shard with --out-dir', parsePositiveInteger('--shard-rows'), 100_000)
    .addOption(
      new Option('--clients <which>', 'train: known outcome (TARGET), test: unknown, all: both').choices(['train', 'test', 'all']).default('all'),
    )
    .option('--feature-set <file>', 'also write the feature set (version, names, labels, excluded inputs) as JSON for training')
    .option('--json', 'print one JSON summary on stdout and no progress', false)
    .addHelpText(
      'after',
      `
The header is SK_ID_CURR,TARGET,<feature names>; one row per client; an empty field is a missing value
(or an unknown TARGET). Numbers are written so that an exact parser reads back the same float64.`,
    )
    .action(async (options: FeaturesCommandOptions) => {
      if (!fs.existsSync(options.db)) throw new CliError(`the database ${options.db} does not exist`);
      if ((options.out === undefined) === (options.outDir === undefined)) throw new CliError('give either --out FILE or --out-dir DIR (shards)');
      for (const file of [options.out, options.featureSet]) {
        if (file === undefined) continue;
        const dir = path.dirname(path.resolve(file));
        if (!fs.existsSync(dir)) throw new CliError(`the folder of ${file} does not exist: ${dir}`);
        if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new CliError(`cannot write ${file}: it is a folder`);
      }
      let db: Db;
      try {
        db = openDatabase(options.db, { readonly: true });
      } catch (error) {
        if (error instanceof NewerDatabaseError) throw new CliError(error.message);
        throw new CliError(`cannot open the database ${options.db}: ${(error as Error).message}`);
      }
      const bar =
        !options.json && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                stream: process.stderr,
                format: 'features |{bar}| {percentage}% | {value}/{total} clients | ETA {eta_formatted}',
                hideCursor: true,
                etaBuffer: 50,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      if (options.outDir !== undefined) return exportShards(db, options as FeaturesCommandOptions & { outDir: string });
      const out = options.out!;
      let summary: ExportFeaturesSummary;
      try {
        summary = await exportFeatures(db, out, {
          clients: options.clients,
          onProgress: bar ? (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)) : undefined,
        });
      } catch (error) {
        if (error instanceof Error && /no such table/.test(error.message)) {
          throw new CliError(`${options.db} is not an Octroi database (${error.message})`);
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT' || code === 'ENOSPC' || code === 'EROFS') {
          throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
        }
        throw error;
      } finally {
        bar?.stop();
        db.close();
      }
      if (options.featureSet) fs.writeFileSync(options.featureSet, `${JSON.stringify(featureSetDescription(), null, 2)}\n`);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ out, ...summary })}\n`
          : `${summary.clients.toLocaleString('en-US')} clients × ${summary.features} features written to ${out} ` +
              `(feature set ${summary.featureSetVersion}, ${summary.seconds.toFixed(1)} s, ` +
              `${Math.round(summary.clientsPerSecond).toLocaleString('en-US')} clients/s)\n`,
      );
    });
}

/** The sharded export of `octroi features --out-dir`. */
function exportShards(db: Db, options: FeaturesCommandOptions & { outDir: string }): void {
  let summary;
  try {
    summary = exportFeatureShards(db, options.outDir, { shardRows: options.shardRows, clients: options.clients });
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) throw new CliError(`${options.db} is not an Octroi database (${error.message})`);
    throw new CliError(`cannot write the shards into ${options.outDir}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  if (options.featureSet) fs.writeFileSync(options.featureSet, `${JSON.stringify(featureSetDescription(), null, 2)}\n`);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ outDir: options.outDir, ...summary })}\n`
      : `${summary.clients.toLocaleString('en-US')} clients × ${summary.features} features written to ${summary.shards.length} shards in ${options.outDir} ` +
          `(feature set ${summary.featureSetVersion}, ${summary.seconds.toFixed(1)} s)\n`,
  );
}
