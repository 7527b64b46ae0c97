/**
 * Similar clients: the k clients of the database nearest to a client on the model's most important
 * inputs (one number each), standardised by the population's mean and standard deviation, with their decision under the
 * model and, where known, their outcome (TARGET). The compared columns and their statistics are gathered once
 * per population and kept; a query is then a scan of those columns.
 */
import type { Db } from '../../db/open-database.js';
import { FEATURES, featureByName } from '../features/feature-registry.js';
import type { FeatureUnit } from '../features/feature-spec.js';
import { featureLabel } from './format-value.js';
import { inputImportance } from './input-importance.js';
import type { Lang } from '../../common/lang.js';
import type { Decision, ScoringEngine } from '../scoring/scoring-engine.js';
import { scorePopulation } from '../scoring/score-population.js';

/** Features compared unless asked otherwise: the model's ten most important. */
export const DEFAULT_SIMILARITY_FEATURES = 10;
/** Neighbours returned unless asked otherwise. */
export const DEFAULT_NEIGHBOURS = 10;

/** One neighbour of a client. */
export interface SimilarClient {
  clientId: number;
  /** Euclidean distance on the standardised features (missing values read as the population mean). */
  distance: number;
  probability: number;
  decision: Decision;
  /** What happened to the loan, where the database knows it (TARGET 1 / 0). */
  outcome: 'defaulted' | 'repaid' | null;
  /** The neighbour's values of the compared features (null = missing), in `features` order. */
  values: Array<number | null>;
}

/** The neighbours of a client and the features they were compared on. */
export interface SimilarClients {
  features: Array<{ feature: string; label: string; unit: FeatureUnit }>;
  clients: SimilarClient[];
}

/**
 * The population of a database, prepared for nearest-neighbour queries: the compared columns (kept by
 * reference, the population's own), their mean and standard deviation. A query standardises as it scans,
 * so that no second copy of the population is held (at branch size a row-major copy was 50-75 MB).
 */
export interface SimilarityIndex {
  /** Registry indices of the compared features. */
  featureIndex: Int32Array;
  mean: Float64Array;
  std: Float64Array;
  ids: ArrayLike<number>;
  /** One column per compared feature, every client's raw value (NaN = missing). */
  columns: ReadonlyArray<ArrayLike<number>>;
  probabilities: Float32Array;
  /** TARGET: 1, 0, or NaN (unknown). */
  targets: ArrayLike<number>;
}

const indexes = new WeakMap<ScoringEngine, WeakMap<Db, Map<number, Promise<SimilarityIndex>>>>();

/**
 * The columns of the model's `n` most important inputs (per-input importance, input-importance.ts) that are
 * numbers of their own, one column per input so that each input weighs once in the distance; a field read
 * as category flags (employer sector) has no distance of its own and is left out.
 */
export function mostImportantFeatures(engine: ScoringEngine, n = DEFAULT_SIMILARITY_FEATURES): number[] {
  return inputImportance(engine.model.metadata, 'en')
    .filter((entry) => entry.feature !== null && entry.importance > 0)
    .slice(0, n)
    .map((entry) => featureByName(entry.feature!)!.index);
}

/**
 * The similarity index of a database for an engine, built on first use and kept for the pair
 * (engine, connection). Call forgetSimilarityIndex after the clients change (an import).
 */
export function similarityIndex(db: Db, engine: ScoringEngine, featureCount = DEFAULT_SIMILARITY_FEATURES): Promise<SimilarityIndex> {
  let byDb = indexes.get(engine);
  if (!byDb) indexes.set(engine, (byDb = new WeakMap()));
  let byCount = byDb.get(db);
  if (!byCount) byDb.set(db, (byCount = new Map()));
  let index = byCount.get(featureCount);
  if (!index) {
    index = buildIndex(db, engine, mostImportantFeatures(engine, featureCount));
    byCount.set(featureCount, index);
    // A failed build is not kept: the next call tries again.
    index.catch(() => byCount.delete(featureCount));
  }
  return index;
}

/** Drops the indexes built on this connection (after the database's clients changed). */
export function forgetSimilarityIndex(db: Db, engine: ScoringEngine): void {
  indexes.get(engine)?.delete(db);
}

/** Reads every client once: compared features, score (in chunks, one batch call each), outcome. */
async function buildIndex(db: Db, engine: ScoringEngine, featureIndex: number[]): Promise<SimilarityIndex> {
  const values: number[][] = featureIndex.map(() => []);
  const { ids, targets, probabilities } = await scorePopulation(db, engine, (vector) => {
    featureIndex.forEach((f, j) => values[j]!.push(vector[f]!));
  });
  return indexOf(featureIndex, values.map((column) => Float64Array.from(column)), { ids, targets, probabilities });
}

/** The columns a stored population offers (model/population/population-store.ts). */
export interface PopulationColumns {
  ids: ArrayLike<number>;
  targets: ArrayLike<number>;
  probabilities: Float32Array;
  column(feature: number): ArrayLike<number>;
}

const storedIndexes = new WeakMap<PopulationColumns, Map<number, SimilarityIndex>>();

/**
 * The similarity index of a stored population (its compared columns only), built once per population
 * read and kept: a saved application or a model install gives a new population, hence a new index.
 */
export function storedSimilarityIndex(population: PopulationColumns, engine: ScoringEngine, featureCount = DEFAULT_SIMILARITY_FEATURES): SimilarityIndex {
  let byCount = storedIndexes.get(population);
  if (!byCount) storedIndexes.set(population, (byCount = new Map()));
  let index = byCount.get(featureCount);
  if (!index) {
    const featureIndex = mostImportantFeatures(engine, featureCount);
    byCount.set(featureCount, (index = indexOf(featureIndex, featureIndex.map((f) => population.column(f)), population)));
  }
  return index;
}

/** The index of a population's compared columns: their mean and standard deviation over the known values. */
function indexOf(featureIndex: number[], columns: ReadonlyArray<ArrayLike<number>>, population: Omit<PopulationColumns, 'column'>): SimilarityIndex {
  const d = featureIndex.length;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const column = columns[j]!;
    let count = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (Number.isNaN(v)) continue;
      count++;
      sum += v;
      sumSq += v * v;
    }
    mean[j] = count ? sum / count : 0;
    const variance = count > 1 ? (sumSq - count * mean[j]! * mean[j]!) / (count - 1) : 0;
    // A constant feature (or one always missing) cannot tell clients apart: weight 0 rather than ÷0.
    std[j] = variance > 1e-24 ? Math.sqrt(variance) : Infinity;
  }
  return { featureIndex: Int32Array.from(featureIndex), mean, std, ids: population.ids, columns, probabilities: population.probabilities, targets: population.targets };
}

/** The k nearest rows of the index to a feature vector (registry order), skipping `exclude`; `decide` reads a probability. */
export function nearestClients(
  index: SimilarityIndex,
  vector: ArrayLike<number>,
  options: { k: number; exclude?: number; decide: (probability: number) => Decision },
): SimilarClient[] {
  const { k, exclude } = options;
  const { featureIndex, mean, std, columns } = index;
  const n = index.ids.length;
  // Squared distances, one standardised column at a time (missing = the mean, i.e. 0).
  const squared = new Float64Array(n);
  for (let j = 0; j < featureIndex.length; j++) {
    const v = vector[featureIndex[j]!]!;
    const m = mean[j]!;
    const s = std[j]!;
    const query = Number.isNaN(v) ? 0 : (v - m) / s;
    const column = columns[j]!;
    for (let i = 0; i < n; i++) {
      const x = column[i]!;
      const diff = (Number.isNaN(x) ? 0 : (x - m) / s) - query;
      squared[i] = squared[i]! + diff * diff;
    }
  }
  // A bounded list kept sorted by distance: k is small, insertion beats a heap.
  const best: Array<{ row: number; distance: number }> = [];
  for (let i = 0; i < n; i++) {
    if (index.ids[i] === exclude) continue;
    const sum = squared[i]!;
    if (best.length === k && sum >= best[k - 1]!.distance) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && best[at - 1]!.distance > sum) at--;
    best.splice(at, 0, { row: i, distance: sum });
    if (best.length > k) best.pop();
  }
  return best.map(({ row, distance }) => {
    const probability = index.probabilities[row]!;
    const target = index.targets[row]!;
    return {
      clientId: index.ids[row]!,
      distance: Math.sqrt(distance),
      probability,
      decision: options.decide(probability),
      outcome: target === 1 ? 'defaulted' : target === 0 ? 'repaid' : null,
      values: columns.map((column) => {
        const value = column[row]!;
        return Number.isNaN(value) ? null : value;
      }),
    };
  });
}

/**
 * The `k` clients most similar to a feature vector (registry order; an unsaved application, or a client
 * whose own row is excluded with `exclude`).
 */
export async function similarClients(
  db: Db,
  engine: ScoringEngine,
  vector: ArrayLike<number>,
  options: { lang: Lang; k?: number; exclude?: number; features?: number },
): Promise<SimilarClients> {
  return similarClientsIn(await similarityIndex(db, engine, options.features), engine, vector, options);
}

/** The same from an index already built (e.g. storedSimilarityIndex). */
export function similarClientsIn(index: SimilarityIndex, engine: ScoringEngine, vector: ArrayLike<number>, options: { lang: Lang; k?: number; exclude?: number }): SimilarClients {
  return {
    features: Array.from(index.featureIndex, (i) => ({ feature: FEATURES[i]!.name, label: featureLabel(FEATURES[i]!, options.lang), unit: FEATURES[i]!.unit })),
    clients: nearestClients(index, vector, { k: options.k ?? DEFAULT_NEIGHBOURS, exclude: options.exclude, decide: (p) => engine.judge(p).decision }),
  };
}
