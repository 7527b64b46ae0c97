import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import { COLUMN_DESCRIPTION_FILE } from '../home-credit-tables.js';
import { APPLICATION_TEST_HEADER, APPLICATION_TRAIN_HEADER, ApplicationWriter } from './application-writer.js';
import { CsvSink } from './csv-sink.js';
import { HistoryGenerator } from './history.js';
import { ApplicationModel } from './latent-client.js';
import { glossaryBytes, loadProfile } from './profile.js';
import type { SynthProfile } from './profile-types.js';
import { Random } from './random.js';

/** Progress of a synthetic generation run. */
export interface SynthProgress {
  clientsDone: number;
  clients: number;
  /** Data rows written so far, all files. */
  rows: number;
  bytes: number;
}

/** Options of one generation run. */
export interface SynthOptions {
  clients: number;
  seed: number;
  outDir: string;
  onProgress?: (progress: SynthProgress) => void;
  /** Another profile than the committed one (experiments, e.g. a profile measured on half the real rows). */
  profile?: SynthProfile;
}

/** What one run wrote: per file name, its data rows (header excluded) and bytes. */
export interface SynthSummary {
  files: Record<string, { rows: number; bytes: number }>;
}

/** Clients per block. Each block has its own random stream and its own id ranges (see ids below). */
export const BLOCK_CLIENTS = 10_000;
/** Clients between two waits for the write streams to drain. */
const DRAIN_EVERY = 500;
/** First SK_ID_CURR, as in the real files. */
export const FIRST_CLIENT_ID = 100002;

/** Largest client count accepted (the real data set has 356,255; this leaves room for bigger tests). */
export const MAX_CLIENTS = 5_000_000;

/** The files of the data set, in the order they are written. */
export const SYNTH_FILES = [
  'application_train.csv',
  'application_test.csv',
  'bureau.csv',
  'bureau_balance.csv',
  'previous_application.csv',
  'POS_CASH_balance.csv',
  'installments_payments.csv',
  'credit_card_balance.csv',
] as const;

/** Throws an Error naming the option when the options cannot give a run. */
export function validateSynthOptions(options: SynthOptions): void {
  const { clients, seed, outDir } = options;
  if (!Number.isSafeInteger(clients) || clients < 1) throw new Error(`clients must be a whole number ≥ 1, got ${String(clients)}`);
  if (clients > MAX_CLIENTS) throw new Error(`clients must be at most ${MAX_CLIENTS.toLocaleString('en-US')}, got ${clients}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number, got ${String(seed)}`);
  if (typeof outDir !== 'string' || outDir.trim() === '') throw new Error('outDir must be a folder path');
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new Error(`${outDir} exists and is not a folder`);
}

/**
 * Creates `dir` (and missing parents) and proves it writable with a probe file. Parents are created one
 * by one: Node 20's recursive mkdirSync never returns for some impossible paths (e.g. under /proc).
 */
export function ensureWritableFolder(dir: string): void {
  const missing: string[] = [];
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!fs.statSync(existing).isDirectory()) throw new Error(`${existing} is not a folder`);
  for (const folder of missing) fs.mkdirSync(folder);
  const probe = path.join(dir, `.octroi-write-probe-${process.pid}`);
  fs.writeFileSync(probe, '');
  fs.rmSync(probe);
}

const header = (table: keyof typeof HOME_CREDIT_COLUMNS): string => HOME_CREDIT_COLUMNS[table].map(([name]) => name).join(',');

/**
 * Writes the seven synthetic Home Credit CSV files plus the column glossary into `outDir` (created if
 * needed; files of the same names are replaced). Same options, same bytes. Memory stays bounded: rows are
 * streamed in 1 MB chunks, waiting for the disk every few hundred clients.
 */
export async function generateSynthetic(options: SynthOptions): Promise<SynthSummary> {
  validateSynthOptions(options);
  const { clients, seed, outDir } = options;
  ensureWritableFolder(outDir);
  const profile = options.profile ?? loadProfile();

  const sinks = {
    train: new CsvSink(path.join(outDir, 'application_train.csv'), APPLICATION_TRAIN_HEADER),
    test: new CsvSink(path.join(outDir, 'application_test.csv'), APPLICATION_TEST_HEADER),
    bureau: new CsvSink(path.join(outDir, 'bureau.csv'), header('bureau')),
    bureauBalance: new CsvSink(path.join(outDir, 'bureau_balance.csv'), header('bureau_balance')),
    previous: new CsvSink(path.join(outDir, 'previous_application.csv'), header('previous_application')),
    pos: new CsvSink(path.join(outDir, 'POS_CASH_balance.csv'), header('POS_CASH_balance')),
    installments: new CsvSink(path.join(outDir, 'installments_payments.csv'), header('installments_payments')),
    creditCard: new CsvSink(path.join(outDir, 'credit_card_balance.csv'), header('credit_card_balance')),
  };
  const all = Object.values(sinks);
  try {
    const model = new ApplicationModel(profile.application);
    const writer = new ApplicationWriter(profile.application);
    const history = new HistoryGenerator(profile, sinks);
    const testShare = profile.application.testShare;
    for (let start = 0, block = 0; start < clients; start += BLOCK_CLIENTS, block++) {
      // One stream per block: a block's rows depend only on (seed, block), never on earlier blocks.
      const rng = new Random(seed, block);
      history.startBlock(block);
      const end = Math.min(clients, start + BLOCK_CLIENTS);
      for (let i = start; i < end; i++) {
        const client = model.draw(rng);
        const id = FIRST_CLIENT_ID + i;
        client.values[0] = id; // SK_ID_CURR, the first column
        const isTest = rng.chance(testShare);
        if (isTest) sinks.test.row(writer.line(client, false));
        else sinks.train.row(writer.line(client, true));
        history.write(rng, id, client);
        // Wait for the disk every few hundred clients: a whole block's rows are ~70 MB.
        if ((i + 1) % DRAIN_EVERY === 0) await Promise.all(all.map((s) => s.ready()));
      }
      await Promise.all(all.map((s) => s.ready()));
      options.onProgress?.({
        clientsDone: end,
        clients,
        rows: all.reduce((a, s) => a + s.rows, 0),
        bytes: all.reduce((a, s) => a + s.bytes, 0),
      });
    }
    await Promise.all(all.map((s) => s.close()));
  } catch (error) {
    for (const s of all) s.destroy();
    throw error;
  }
  const glossary = glossaryBytes();
  fs.writeFileSync(path.join(outDir, COLUMN_DESCRIPTION_FILE), glossary);
  const files: SynthSummary['files'] = {};
  for (const s of all) files[path.basename(s.filePath)] = { rows: s.rows, bytes: s.bytes };
  const glossaryRows = (parse(glossary.toString('latin1')) as unknown[]).length - 1;
  files[COLUMN_DESCRIPTION_FILE] = { rows: glossaryRows, bytes: glossary.length };
  return { files };
}
