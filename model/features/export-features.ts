/**
 * Writes the feature matrix as CSV for training: header `SK_ID_CURR,TARGET,<FEATURE_NAMES…>`, one row per
 * client, streamed (constant memory at any size). Missing values and unknown TARGET are empty fields.
 * Numbers are written with String(number), the shortest text that parses back to the same float64
 * (read them with an exact parser, e.g. pandas `float_precision="round_trip"`).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Db } from '../../db/open-database.js';
import { computeFeaturesInto } from './compute-features.js';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_SET_VERSION } from './feature-registry.js';
import type { ClientRecords } from './client-records.js';
import { countClients, iterateClientRecords, type ClientSelection } from './iterate-client-records.js';

/** What to export and how to report progress. */
export interface ExportFeaturesOptions {
  /** Which applications to export (default all). */
  clients?: ClientSelection;
  /** Called before the first client, every `progressEvery` clients, and once at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** What an export wrote, and how fast. */
export interface ExportFeaturesSummary {
  clients: number;
  features: number;
  featureSetVersion: string;
  seconds: number;
  clientsPerSecond: number;
}

/** The CSV header line (without line end). */
export const FEATURES_CSV_HEADER = ['SK_ID_CURR', 'TARGET', ...FEATURE_NAMES].join(',');

const CHUNK_CHARS = 1 << 16;

/** One client's CSV line (without line end): id, TARGET, then every feature; `values` is scratch space. */
export function featureCsvLine(records: ClientRecords, values: Float64Array): string {
  computeFeaturesInto(records, values);
  const target = records.application.TARGET;
  let line = `${records.application.SK_ID_CURR},${typeof target === 'number' ? target : ''}`;
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const value = values[i]!;
    line += Number.isNaN(value) ? ',' : `,${value}`;
  }
  return line;
}

/**
 * Exports the features of the selected clients to `out`: a file path (written beside, renamed into
 * place only when complete, so a failed export never leaves a truncated CSV that looks whole) or a
 * writable stream (left open for the caller).
 */
export async function exportFeatures(
  db: Db,
  out: string | NodeJS.WritableStream,
  options: ExportFeaturesOptions = {},
): Promise<ExportFeaturesSummary> {
  if (typeof out !== 'string') return writeFeatures(db, out, options);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new Error(`Cannot write the features to ${out}: it is a folder`);
  const partial = `${out}.partial`;
  const file = fs.createWriteStream(partial);
  try {
    await once(file, 'open');
    const summary = await writeFeatures(db, file, options);
    file.end();
    await finished(file);
    fs.renameSync(partial, out);
    return summary;
  } catch (error) {
    file.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

async function writeFeatures(db: Db, out: NodeJS.WritableStream, options: ExportFeaturesOptions): Promise<ExportFeaturesSummary> {
  const started = performance.now();
  const clients = options.clients ?? 'all';
  const total = options.onProgress ? countClients(db, clients) : 0;
  const every = options.progressEvery ?? 1000;
  const values = new Float64Array(FEATURE_COUNT);
  let chunk = `${FEATURES_CSV_HEADER}\n`;
  let done = 0;
  options.onProgress?.(0, total);
  for (const records of iterateClientRecords(db, { clients })) {
    chunk += `${featureCsvLine(records, values)}\n`;
    done++;
    if (chunk.length >= CHUNK_CHARS) {
      // Respect back-pressure: a slow disk must not make the whole matrix pile up in memory.
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
    if (options.onProgress && done % every === 0) options.onProgress(done, total);
  }
  if (chunk) out.write(chunk);
  options.onProgress?.(done, total);
  const seconds = (performance.now() - started) / 1000;
  return {
    clients: done,
    features: FEATURE_COUNT,
    featureSetVersion: FEATURE_SET_VERSION,
    seconds,
    clientsPerSecond: seconds > 0 ? done / seconds : 0,
  };
}
