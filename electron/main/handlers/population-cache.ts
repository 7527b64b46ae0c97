/**
 * The population behind Compare, Threshold, monitoring, fairness and similar clients: read from the
 * stored population (model/population/population-store.ts), materialised when missing or out of date —
 * the first start on a database, after an import (the clients changed), after a model install (its scores
 * are missing). One materialisation at a time per connection; callers wait for it asynchronously (the
 * worker threads compute, nothing blocks). What is read is kept while the clients stay the same.
 */
import { clientsFingerprint } from '../../../db/queries/population.js';
import type { Db } from '../../../db/open-database.js';
import { loadStoredPopulation, materialisePopulation, materialiseScores, storedState, type MaterialiseProgress, type StoredPopulation } from '../../../model/population/population-store.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';

/** The population of a database under one model. */
export type Population = StoredPopulation;

const loaded = new WeakMap<ScoringEngine, WeakMap<Db, { source: string; population: Population }>>();
const jobs = new WeakMap<Db, Promise<void>>();
/** Attempts before giving up when the clients keep changing under a materialisation. */
const ATTEMPTS = 3;

/** Starts (or joins) the materialisation a connection needs for an engine. */
function materialise(db: Db, engine: ScoringEngine, state: 'scores' | 'stale', onProgress?: (p: MaterialiseProgress) => void): Promise<void> {
  let job = jobs.get(db);
  if (!job) {
    job = state === 'stale' ? materialisePopulation(db, engine, { onProgress }) : materialiseScores(db, engine, onProgress);
    jobs.set(db, job);
    const done = () => jobs.delete(db);
    job.then(done, done);
  }
  return job;
}

/** The population of `db` scored by `engine`, from the stored values (materialised first when needed). */
export async function population(db: Db, engine: ScoringEngine, onProgress?: (p: MaterialiseProgress) => void): Promise<Population> {
  let byDb = loaded.get(engine);
  if (!byDb) loaded.set(engine, (byDb = new WeakMap()));
  for (let attempt = 0; ; attempt++) {
    const running = jobs.get(db);
    if (running) await running.catch(() => undefined);
    const source = clientsFingerprint(db);
    const kept = byDb.get(db);
    if (kept && kept.source === source) return kept.population;
    const state = storedState(db, engine);
    if (state === 'current') {
      const read = loadStoredPopulation(db, engine);
      byDb.set(db, { source, population: read });
      return read;
    }
    if (attempt >= ATTEMPTS) throw new Error('The clients kept changing while the population was computed; try again when the import is over.');
    await materialise(db, engine, state, onProgress);
  }
}

/** Starts materialising in the background (at start, after an install), so the first statistics find it done. */
export function preparePopulation(db: Db, engine: ScoringEngine, onError: (error: unknown) => void): void {
  population(db, engine).catch(onError);
}

/** Drops what was read for a connection (the stored values follow the clients by themselves). */
export function forgetPopulation(db: Db, engine: ScoringEngine): void {
  loaded.get(engine)?.delete(db);
}
