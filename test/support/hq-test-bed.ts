/**
 * What every HQ test starts from: a throw-away PostgreSQL cluster with the HQ store open on it, the
 * shipped model's engine, a branch database with months of activity (branch-activity.ts) and a branch key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openHqStore, type HqClient } from '../../hq/store/hq-store.js';
import { createBranchKey, loadBranchKey, type BranchKey } from '../../model/governance/branch-key.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { buildBranchDatabase } from './branch-activity.js';
import { tempDir } from './paths.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';
import { SHIPPED_MODEL } from './shipped-model.js';

export interface HqTestBed {
  dir: string;
  cluster: PgCluster;
  engine: ScoringEngine;
  /** The branch database file (closed). */
  base: string;
  key: BranchKey;
  keyFile: string;
  hq: HqClient;
  /** Closes and removes everything. */
  stop(): Promise<void>;
}

/** Starts the bed (a minute or two: the cluster and the branch database). */
export async function startHqTestBed(prefix: string): Promise<HqTestBed> {
  const dir = tempDir(prefix);
  const cluster = await startPgCluster();
  const engine = await ScoringEngine.open(SHIPPED_MODEL);
  const base = await buildBranchDatabase(engine, dir);
  const keyFile = path.join(dir, 'branch-key.pem');
  createBranchKey(keyFile);
  const key = loadBranchKey(keyFile);
  const hq = await openHqStore(cluster.url);
  return {
    dir,
    cluster,
    engine,
    base,
    key,
    keyFile,
    hq,
    async stop() {
      await hq.end();
      await engine.close();
      cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
