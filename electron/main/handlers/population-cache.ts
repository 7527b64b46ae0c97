/**
 * Every client of a database with its feature vector, probability of default and outcome, computed once
 * per (engine, connection) and kept: the population plots read it many times. Registry-order features in
 * one Float64Array (clients × FEATURE_COUNT): 5,000 demo clients × 180 features ≈ 7 MB.
 */
import type { Db } from '../../../db/open-database.js';
import { FEATURE_COUNT } from '../../../model/features/feature-registry.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { scorePopulation } from '../../../model/scoring/score-population.js';

/** The population of a database under one model. */
export interface Population {
  ids: Float64Array;
  /** Row-major [clients × FEATURE_COUNT], NaN = missing. */
  features: Float64Array;
  probabilities: Float32Array;
  /** TARGET (1 defaulted, 0 repaid, NaN unknown). */
  targets: Float64Array;
}

const populations = new WeakMap<ScoringEngine, WeakMap<Db, Promise<Population>>>();

/** The population of `db` scored by `engine`, built on first use (a failed build is retried on the next call). */
export function population(db: Db, engine: ScoringEngine): Promise<Population> {
  let byDb = populations.get(engine);
  if (!byDb) populations.set(engine, (byDb = new WeakMap()));
  let built = byDb.get(db);
  if (!built) {
    built = buildPopulation(db, engine);
    byDb.set(db, built);
    built.catch(() => byDb.delete(db));
  }
  return built;
}

/** Drops the cached population of a connection (after an import changed the clients). */
export function forgetPopulation(db: Db, engine: ScoringEngine): void {
  populations.get(engine)?.delete(db);
}

async function buildPopulation(db: Db, engine: ScoringEngine): Promise<Population> {
  const vectors: Float64Array[] = [];
  const { ids, targets, probabilities } = await scorePopulation(db, engine, (vector) => vectors.push(vector));
  const features = new Float64Array(ids.length * FEATURE_COUNT);
  vectors.forEach((vector, i) => features.set(vector, i * FEATURE_COUNT));
  return { ids: Float64Array.from(ids), features, probabilities, targets: Float64Array.from(targets) };
}
