import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSynthetic } from '../db/synth/generate.js';
import { importPaths } from '../db/import/import-paths.js';
import { markDemoDatabase } from '../db/demo-database-mark.js';
import { openDatabase } from '../db/open-database.js';
import { HOME_CREDIT_TABLES } from '../db/home-credit-tables.js';
import { writeDemoActivity } from './demo-activity.js';
import { ScoringEngine } from '../model/scoring/scoring-engine.js';
import { materialisePopulation } from '../model/population/population-store.js';
import { SHIPPED_MODEL_PATH } from '../model/model-file/shipped-model-path.js';
import { createDemoAccounts } from './demo-accounts.js';
import { demoDatabaseKey } from './demo-database-key.js';
import type { DatabaseKey } from '../db/database-key.js';
import { tableRowCount } from '../db/queries/tables.js';

/** Clients in the demo database the app opens on first start. */
export const DEMO_CLIENTS = 5000;
/** The demo data's seed: every installation's demo database is the same. */
export const DEMO_SEED = 20261124;

export interface DemoDatabaseSummary {
  path: string;
  /** The key it is encrypted with (its DEMO key file, unless the caller gave one). */
  key: DatabaseKey;
  tables: Record<string, number>;
  seconds: number;
}

/**
 * Builds the demo database at `dbPath` from synthetic Home Credit data (never real clients):
 * generates the seven CSV files in a temporary folder, imports them through the normal importer,
 * and removes the folder; then marks it as a demo database and creates the DEMO accounts
 * (demo/demo-accounts.ts, published passwords: refused in any database without the mark); with its demo
 * activity, it also stores every client's model inputs and scores (model/population), as the app does
 * after an import.
 * The file is built under a temporary name and renamed at the end, so a crash never leaves a half-built
 * demo database where the app would open it. Encrypted with `key`, else with a DEMO key written beside it
 * (demo-database-key.ts).
 */
export async function buildDemoDatabase(
  dbPath: string,
  options: {
    clients?: number;
    seed?: number;
    onStage?: (stage: string) => void;
    /** The key to encrypt it with; default: the DEMO key beside it (created if missing). */
    key?: DatabaseKey;
    /** Demo score events for the monitoring screen (demo/demo-activity.ts); default true. */
    activity?: boolean | { end?: Date; modelPath?: string };
  } = {},
): Promise<DemoDatabaseSummary> {
  const started = performance.now();
  const clients = options.clients ?? DEMO_CLIENTS;
  const seed = options.seed ?? DEMO_SEED;
  const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-demo-'));
  const building = `${dbPath}.building`;
  try {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    const key = options.key ?? demoDatabaseKey(dbPath);
    for (const leftover of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(leftover, { force: true });
    options.onStage?.(`generating ${clients} synthetic clients (seed ${seed})`);
    await generateSynthetic({ clients, seed, outDir: csvDir });
    options.onStage?.('importing');
    const db = openDatabase(building, { key });
    try {
      const summary = await importPaths(db, [csvDir]);
      const refused = summary.refused?.length ?? 0;
      const rejected = Object.values(summary.tables).reduce((sum, t) => sum + t.rejected, 0);
      if (refused > 0 || rejected > 0) {
        throw new Error(`The demo data did not import cleanly (${refused} files refused, ${rejected} rows rejected).`);
      }
      // The mark first: the DEMO accounts exist only in a database marked as a demo database.
      markDemoDatabase(db);
      options.onStage?.('creating the DEMO accounts (agent, manager)');
      createDemoAccounts(db);
      // After the accounts: the demo events are spread over the demo officers.
      if (options.activity !== false) {
        const activity = typeof options.activity === 'object' ? options.activity : {};
        options.onStage?.('writing 12 months of demo score events (monitoring)');
        const engine = await ScoringEngine.open(activity.modelPath ?? SHIPPED_MODEL_PATH);
        try {
          await writeDemoActivity(db, engine, { seed, end: activity.end });
          // Stored now, as after an import in the app: the demo's first start opens with its figures ready.
          options.onStage?.('computing every client\'s model inputs and scores (the stored population)');
          await materialisePopulation(db, engine);
        } finally {
          await engine.close();
        }
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fs.rmSync(`${building}-wal`, { force: true });
    fs.rmSync(`${building}-shm`, { force: true });
    fs.renameSync(building, dbPath);
    return { path: dbPath, key, tables: countRows(dbPath, key), seconds: (performance.now() - started) / 1000 };
  } finally {
    fs.rmSync(csvDir, { recursive: true, force: true });
  }
}

/** Row counts of the seven Home Credit tables in a database file. */
export function countRows(dbPath: string, key: DatabaseKey | null): Record<string, number> {
  const db = openDatabase(dbPath, { key, readonly: true });
  try {
    return Object.fromEntries(
      HOME_CREDIT_TABLES.map(({ name }) => [name, tableRowCount(db, name)]),
    );
  } finally {
    db.close();
  }
}
