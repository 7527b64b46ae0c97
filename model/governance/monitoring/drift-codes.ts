/**
 * Each monitored client's bins under a model: for every model input with reference bins, the bin of its
 * value, then the bin of its score (psi.ts binIndex: the one binning of PSI). Drift counts these codes per
 * month instead of keeping values. Two sources of the values:
 * - the stored population (model/population): read only at the rows of the clients asked for, and kept per
 *   client while the stored values stay the same (a new score event or a saved client costs one client);
 * - the raw tables, through the one feature code and the model (a database whose stored population is not
 *   current for the model, e.g. a report bundle exported from the command line right after an import).
 * binCodesOf picks the first when it can, so that the app's screens and the bundle HQ receives bin the same
 * values (the float32 inputs the model scores).
 */
import type { Db } from '../../../db/open-database.js';
import { computeFeaturesInto } from '../../features/compute-features.js';
import { FEATURE_COUNT } from '../../features/feature-registry.js';
import { clientRecordsReader } from '../../features/read-client-records.js';
import { loadStoredPopulation, storedState, type StoredPopulation } from '../../population/population-store.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { binIndex, type ReferenceBins } from './psi.js';

/** A model input with reference bins: the feature's registry index and its bins. */
export interface BinnedFeature {
  feature: { index: number };
  bins: ReferenceBins;
}

/** The codes of some clients: clients not in the database are left out. */
export type BinCodes = (clientIds: readonly number[], features: readonly BinnedFeature[], scoreBins: ReferenceBins) => Promise<Map<number, Uint16Array>>;

const SCORE_CHUNK = 1000;

/** One client's codes from its feature values (registry order) and its score. */
function encode(features: readonly BinnedFeature[], scoreBins: ReferenceBins, value: (feature: number) => number, probability: number): Uint16Array {
  const codes = new Uint16Array(features.length + 1);
  features.forEach((f, i) => (codes[i] = binIndex(f.bins, value(f.feature.index))));
  codes[features.length] = binIndex(scoreBins, probability);
  return codes;
}

/** Codes computed from the raw tables: each client's features by the one feature code, its score by `engine`. */
export function binCodesFromRecords(db: Db, engine: ScoringEngine): BinCodes {
  return async (clientIds, features, scoreBins) => {
    const reader = clientRecordsReader(db);
    const found: Array<{ id: number; vector: Float64Array }> = [];
    for (const id of clientIds) {
      const records = reader.read(id);
      if (!records) continue;
      const vector = new Float64Array(FEATURE_COUNT);
      computeFeaturesInto(records, vector);
      found.push({ id, vector });
    }
    const codes = new Map<number, Uint16Array>();
    for (let at = 0; at < found.length; at += SCORE_CHUNK) {
      const part = found.slice(at, at + SCORE_CHUNK);
      const probabilities = await engine.probabilities(part.map((c) => c.vector));
      part.forEach((c, i) => codes.set(c.id, encode(features, scoreBins, (f) => c.vector[f]!, probabilities[i]!)));
    }
    return codes;
  };
}

/** Codes kept per stored lineage (the same stored values): client id → codes. */
const kept = new WeakMap<object, Map<number, Uint16Array>>();

/** Codes from the stored population (its scores are the model's): only clients not coded before are read. */
export function binCodesFromStore(population: StoredPopulation): BinCodes {
  return async (clientIds, features, scoreBins) => {
    let known = kept.get(population.lineage);
    if (!known) kept.set(population.lineage, (known = new Map()));
    const missing: Array<{ id: number; row: number }> = [];
    for (const id of clientIds) {
      if (known.has(id)) continue;
      const row = population.rowOf(id);
      if (row >= 0) missing.push({ id, row });
    }
    if (missing.length > 0) {
      const rows = missing.map((m) => m.row);
      const columns = new Map(features.map((f) => [f.feature.index, population.valuesAt(f.feature.index, rows)]));
      missing.forEach(({ id, row }, i) => known.set(id, encode(features, scoreBins, (f) => columns.get(f)![i]!, population.probabilities[row]!)));
    }
    const codes = new Map<number, Uint16Array>();
    for (const id of clientIds) {
      const c = known.get(id);
      if (c) codes.set(id, c);
    }
    return codes;
  };
}

/** Codes from the stored population when it is current for `engine` (read once here), from the raw tables otherwise. */
export function binCodesOf(db: Db, engine: ScoringEngine): BinCodes {
  return storedState(db, engine) === 'current' ? binCodesFromStore(loadStoredPopulation(db, engine)) : binCodesFromRecords(db, engine);
}
