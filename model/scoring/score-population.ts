import type { Db } from '../../db/open-database.js';
import { computeFeaturesInto } from '../features/compute-features.js';
import { FEATURE_COUNT } from '../features/feature-registry.js';
import { iterateClientRecords } from '../features/iterate-client-records.js';
import type { ScoringEngine } from './scoring-engine.js';

const SCORE_CHUNK = 1000;

/** Every client of a database, in SK_ID_CURR order: id, known outcome (NaN when unknown) and probability. */
export interface ScoredPopulation {
  ids: number[];
  targets: number[];
  probabilities: Float32Array;
}

/**
 * Computes every client's features (handing each vector, in order, to `onVector`) and scores them in
 * chunks while the next ones are computed. Shared by the similar-clients index and the population plots.
 */
export async function scorePopulation(
  db: Db,
  engine: ScoringEngine,
  onVector: (vector: Float64Array, index: number) => void,
): Promise<ScoredPopulation> {
  const ids: number[] = [];
  const targets: number[] = [];
  const scores: Promise<Float32Array>[] = [];
  let chunk: Float64Array[] = [];
  for (const records of iterateClientRecords(db)) {
    const vector = computeFeaturesInto(records, new Float64Array(FEATURE_COUNT));
    onVector(vector, ids.length);
    ids.push(records.application.SK_ID_CURR as number);
    const target = records.application.TARGET;
    targets.push(typeof target === 'number' ? target : NaN);
    chunk.push(vector);
    if (chunk.length === SCORE_CHUNK) {
      scores.push(engine.probabilities(chunk));
      chunk = [];
    }
  }
  if (chunk.length) scores.push(engine.probabilities(chunk));
  const probabilities = new Float32Array(ids.length);
  let at = 0;
  for (const part of await Promise.all(scores)) {
    probabilities.set(part, at);
    at += part.length;
  }
  return { ids, targets, probabilities };
}
