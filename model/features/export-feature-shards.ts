/**
 * Writes the feature matrix as shards for training that scales out (`octroi features --out-dir DIR
 * --shard-rows N`, read by the Dask engine of model/training): `features-00000.csv`, `features-00001.csv`, …
 * each with the same header and at most N clients, every line made by the one feature code
 * (export-features.ts featureCsvLine). Each shard is written beside and renamed when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open-database.js';
import { FEATURES_CSV_HEADER, featureCsvLine } from './export-features.js';
import { FEATURE_COUNT, FEATURE_SET_VERSION } from './feature-registry.js';
import { iterateClientRecords, type ClientSelection } from './iterate-client-records.js';

/** The shard file name of shard `index`. */
export function shardName(index: number): string {
  return `features-${String(index).padStart(5, '0')}.csv`;
}

/** What a sharded export wrote. */
export interface ShardedExportSummary {
  clients: number;
  features: number;
  featureSetVersion: string;
  shards: string[];
  seconds: number;
}

/**
 * Exports the selected clients' features into `dir` (created if missing; refused when it already holds
 * shards, so two exports never mix), `shardRows` clients per shard.
 */
export function exportFeatureShards(db: Db, dir: string, options: { shardRows: number; clients?: ClientSelection }): ShardedExportSummary {
  if (!Number.isSafeInteger(options.shardRows) || options.shardRows < 1) throw new Error(`--shard-rows must be a whole number ≥ 1, got ${options.shardRows}.`);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).some((name) => /^features-\d+\.csv$/.test(name))) {
    throw new Error(`${dir} already holds feature shards: write into an empty folder (a mix of two exports would be read as one).`);
  }
  const started = performance.now();
  const values = new Float64Array(FEATURE_COUNT);
  const shards: string[] = [];
  let lines: string[] = [];
  let clients = 0;
  const flush = () => {
    const file = path.join(dir, shardName(shards.length));
    fs.writeFileSync(`${file}.partial`, `${FEATURES_CSV_HEADER}\n${lines.map((line) => `${line}\n`).join('')}`);
    fs.renameSync(`${file}.partial`, file);
    shards.push(file);
    lines = [];
  };
  for (const records of iterateClientRecords(db, { clients: options.clients ?? 'all' })) {
    lines.push(featureCsvLine(records, values));
    clients++;
    if (lines.length === options.shardRows) flush();
  }
  if (lines.length > 0 || shards.length === 0) flush();
  return { clients, features: FEATURE_COUNT, featureSetVersion: FEATURE_SET_VERSION, shards, seconds: (performance.now() - started) / 1000 };
}
