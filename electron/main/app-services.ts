/** Opens what main's handlers need: the database (the demo one on first start) and the scoring engine. */
import fs from 'node:fs';
import { buildDemoDatabase } from '../../db/demo-database.js';
import { openDatabase } from '../../db/open-database.js';
import type { Lang } from '../../model/format-value.js';
import { ScoringEngine } from '../../model/scoring-engine.js';
import type { HandlerServices } from './handlers/handler-services.js';

/** The open services, and how to close them. */
export interface AppServices extends HandlerServices {
  /** True when this start built the demo database. */
  createdDemo: boolean;
  close(): Promise<void>;
}

/** Where the database and the model are, and the demo database's size (tests make it small). */
export interface AppServicesOptions {
  dbPath: string;
  modelPath: string;
  lang?: Lang;
  trustedKeys?: readonly string[];
  demo?: { clients?: number; seed?: number; onStage?: (stage: string) => void };
}

/**
 * Opens the database at dbPath, building the synthetic demo database there first when the file does not
 * exist, then the scoring engine (which verifies the model's signature). If the engine refuses the model,
 * the database is closed again before the error goes up.
 */
export async function openAppServices(options: AppServicesOptions): Promise<AppServices> {
  const createdDemo = !fs.existsSync(options.dbPath);
  if (createdDemo) await buildDemoDatabase(options.dbPath, options.demo);
  const db = openDatabase(options.dbPath);
  let engine: ScoringEngine;
  try {
    engine = await ScoringEngine.open(options.modelPath, options.trustedKeys);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    dbPath: options.dbPath,
    engine,
    lang: options.lang ?? 'fr',
    session: { user: null },
    createdDemo,
    async close() {
      try {
        await engine.close();
      } finally {
        db.close();
      }
    },
  };
}
