/** Opens what main's handlers need: the database (the demo one on first start) and the scoring engine. */
import fs from 'node:fs';
import path from 'node:path';
import { backupBeforeMigration } from '../../db/backup.js';
import { verifyDecisionLog, type ChainVerification } from '../../db/decision-log.js';
import { buildDemoDatabase } from '../../demo/demo-database.js';
import { openDatabase } from '../../db/open-database.js';
import type { Lang } from '../../common/lang.js';
import { activeModelPath } from '../../model/governance/model-install.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import type { HandlerServices } from './handlers/handler-services.js';

/** The open services, and how to close them. */
export interface AppServices extends HandlerServices {
  /** True when this start built the demo database. */
  createdDemo: boolean;
  /** The decision log's chain as checked at start (never throws: a broken chain is reported, not fatal). */
  auditAtStart: ChainVerification;
  /** Things to log: e.g. the installed model was refused at start and the shipped one was loaded instead. */
  warnings: string[];
  close(): Promise<void>;
}

/** Where the database and the model are, and the demo database's size (tests make it small). */
export interface AppServicesOptions {
  dbPath: string;
  modelPath: string;
  lang?: Lang;
  trustedKeys?: readonly string[];
  /** Where installed models are copied (default: a "models" folder beside the database). */
  modelsDir?: string;
  demo?: { clients?: number; seed?: number; onStage?: (stage: string) => void };
}

/**
 * Opens the database at dbPath, building the synthetic demo database there first when the file does not
 * exist (backing it up beside itself before any migration), then the scoring engine of the model in use
 * (the last one a manager installed, else `modelPath`; the engine verifies its signature). If the engine
 * refuses the model, the database is closed again before the error goes up.
 */
export async function openAppServices(options: AppServicesOptions): Promise<AppServices> {
  const createdDemo = !fs.existsSync(options.dbPath);
  if (createdDemo) await buildDemoDatabase(options.dbPath, options.demo);
  const db = openDatabase(options.dbPath, { beforeMigrate: (open, from, to) => backupBeforeMigration(open, options.dbPath, from, to) });
  const warnings: string[] = [];
  let engine: ScoringEngine;
  try {
    const active = activeModelPath(db, options.modelPath);
    try {
      engine = await ScoringEngine.open(active, options.trustedKeys);
    } catch (error) {
      if (active === options.modelPath) throw error;
      // The installed model no longer verifies (altered or removed since): the shipped one, which does, rather than no app.
      warnings.push(`The installed model ${active} was refused at start (${(error as Error).message}); the shipped model is used instead.`);
      engine = await ScoringEngine.open(options.modelPath, options.trustedKeys);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  let auditAtStart: ChainVerification;
  try {
    auditAtStart = verifyDecisionLog(db);
  } catch (error) {
    auditAtStart = { ok: false, entries: 0, head: '0'.repeat(64) };
    warnings.push(`The decision log could not be checked: ${(error as Error).message}`);
  }
  const services: AppServices = {
    db,
    dbPath: options.dbPath,
    engine,
    lang: options.lang ?? 'fr',
    session: { user: null },
    models: {
      dir: options.modelsDir ?? path.join(path.dirname(path.resolve(options.dbPath)), 'models'),
      basePath: options.modelPath,
      trustedKeys: options.trustedKeys,
    },
    createdDemo,
    auditAtStart,
    warnings,
    async close() {
      try {
        // The engine in service now: a model install may have replaced the one opened here.
        await services.engine.close();
      } finally {
        db.close();
      }
    },
  };
  return services;
}
