/** Opens what main's handlers need: the database (the demo one on first start) and the scoring engine. */
import fs from 'node:fs';
import path from 'node:path';
import { backupBeforeMigration } from '../../db/backup.js';
import { changeDatabaseKey, clearCopiesBeside, type KeyChangeSummary } from '../../db/change-database-key.js';
import { isClearDatabaseFile, type DatabaseKey } from '../../db/database-key.js';
import { verifyDecisionLog, type ChainVerification } from '../../db/decision-log.js';
import { buildDemoDatabase } from '../../demo/demo-database.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import type { Lang } from '../../common/lang.js';
import { activeModelPath } from '../../model/governance/model-install.js';
import { noTrustedKey, untrustedModel, type ScoringDisabled } from '../../model/keys/trusted-keys.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { scoringDisabledError, type HandlerServices } from './handlers/handler-services.js';

/** The open services, and how to close them. */
export interface AppServices extends HandlerServices {
  /** True when this start built the demo database. */
  createdDemo: boolean;
  /** What the encryption of a clear database did at this start (null: it was encrypted already, or new). */
  encryptedAtStart: KeyChangeSummary | null;
  /** The decision log's chain as checked at start (never throws: a broken chain is reported, not fatal). */
  auditAtStart: ChainVerification;
  /** Things to log: e.g. the installed model was refused at start and the shipped one was loaded instead. */
  warnings: string[];
  close(): Promise<void>;
}

/** Where the database and the model are, and the demo database's size (tests make it small). */
export interface AppServicesOptions {
  dbPath: string;
  /** The database's key (electron/main/database-key-store.ts in the app; the environment or the DEMO key in the preview). */
  key: DatabaseKey;
  modelPath: string;
  lang?: Lang;
  /**
   * The model keys this run trusts (model/keys/trusted-keys.ts); absent: the development default. Empty
   * (an installed app with no key deployed): the app opens with scoring disabled.
   */
  trustedKeys?: readonly string[];
  /** Where installed models are copied (default: a "models" folder beside the database). */
  modelsDir?: string;
  demo?: { clients?: number; seed?: number; onStage?: (stage: string) => void };
}

/**
 * Opens the database at dbPath with its key, building the synthetic demo database there first when the
 * file does not exist, encrypting it first when it is a clear database from a version before encryption
 * (db/change-database-key.ts: verified copy, then the clear file removed), and backing it up beside itself
 * before any schema migration; then the scoring engine of the model in use
 * (the last one a manager installed, else `modelPath`; the engine verifies its signature). With no
 * trusted key, or a model signed by a key this run does not trust (the DEMO key in an installed app), the
 * services open with scoring disabled (HandlerServices.scoringDisabled). If the engine refuses the model
 * for any other reason, the database is closed again before the error goes up.
 */
export async function openAppServices(options: AppServicesOptions): Promise<AppServices> {
  const createdDemo = !fs.existsSync(options.dbPath);
  if (createdDemo) await buildDemoDatabase(options.dbPath, { ...options.demo, key: options.key });
  const encryptedAtStart = !createdDemo && isClearDatabaseFile(options.dbPath) ? changeDatabaseKey(options.dbPath, null, options.key) : null;
  const db = openDatabase(options.dbPath, { key: options.key, beforeMigrate: (open, from, to) => backupBeforeMigration(open, options.dbPath, from, to) });
  const warnings: string[] = [];
  if (encryptedAtStart) {
    for (const copy of clearCopiesBeside(options.dbPath)) {
      warnings.push(`${copy} is a copy of the database from before it was encrypted: it holds client data in clear. IT: encrypt it (octroi db encrypt) or delete it.`);
    }
  }
  let engine: ScoringEngine | null = null;
  let scoringDisabled: ScoringDisabled | null = options.trustedKeys?.length === 0 ? noTrustedKey() : null;
  if (!scoringDisabled) {
    try {
      engine = await openModelInService(db, options, warnings);
    } catch (error) {
      scoringDisabled = untrustedModel(error);
      if (!scoringDisabled) {
        db.close();
        throw error;
      }
    }
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
    // Read at each call by the handlers: the refusal in words while scoring is disabled.
    get engine(): ScoringEngine {
      if (!engine) throw scoringDisabledError(scoringDisabled!);
      return engine;
    },
    // A model install puts its engine in service.
    set engine(next: ScoringEngine) {
      engine = next;
      scoringDisabled = null;
    },
    get scoringDisabled() {
      return scoringDisabled;
    },
    lang: options.lang ?? 'fr',
    session: { user: null },
    models: {
      dir: options.modelsDir ?? path.join(path.dirname(path.resolve(options.dbPath)), 'models'),
      basePath: options.modelPath,
      trustedKeys: options.trustedKeys,
    },
    createdDemo,
    encryptedAtStart,
    auditAtStart,
    warnings,
    async close() {
      try {
        // The engine in service now: a model install may have replaced the one opened here.
        await engine?.close();
      } finally {
        db.close();
      }
    },
  };
  return services;
}

/** The engine of the model in use: the installed one, else the shipped one when the installed one no longer verifies. */
async function openModelInService(db: Db, options: AppServicesOptions, warnings: string[]): Promise<ScoringEngine> {
  const active = activeModelPath(db, options.modelPath);
  try {
    return await ScoringEngine.open(active, options.trustedKeys);
  } catch (error) {
    if (active === options.modelPath) throw error;
    // The installed model no longer verifies (altered or removed since): the shipped one, which does, rather than no app.
    warnings.push(`The installed model ${active} was refused at start (${(error as Error).message}); the shipped model is used instead.`);
    return ScoringEngine.open(options.modelPath, options.trustedKeys);
  }
}
