/** The shipped model's scoring engine, alone or with the synthetic fixture database: what most model and handler tests start from. */
import type { Db } from '../../db/open-database.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { fixtureDatabase } from './fixture-db.js';
import { SHIPPED_MODEL } from './shipped-model.js';

/** The scoring engine of the shipped model (model/artifacts/model.onnx); the caller closes it. */
export function openShippedEngine(): Promise<ScoringEngine> {
  return ScoringEngine.open(SHIPPED_MODEL);
}

/** A fresh copy of the synthetic fixture database with the shipped model's engine. */
export interface ShippedFixture {
  db: Db;
  dbPath: string;
  engine: ScoringEngine;
  /** Closes the engine and the database. */
  close(): Promise<void>;
}

/** Imports the synthetic fixture into a fresh database and opens the shipped model on it. */
export async function openShippedFixture(): Promise<ShippedFixture> {
  const { db, path: dbPath } = await fixtureDatabase();
  const engine = await openShippedEngine();
  return {
    db,
    dbPath,
    engine,
    async close() {
      await engine.close();
      db.close();
    },
  };
}
