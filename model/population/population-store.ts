/**
 * The stored population: every client's model inputs (this build's feature set, float32, column-wise by
 * chunk) and scores (per model file), computed once — at the first start on a database, after an import,
 * after a model install — by the feature worker threads, then kept in the database (migration 4) and
 * followed by saves. Population statistics read only the columns they need from here.
 */
import { whenNotBusy } from '../../db/database-busy.js';
import type { Db } from '../../db/open-database.js';
import { clientsFingerprint, POPULATION_CHUNK, populationQueries, type PopulationQueries } from '../../db/queries/population.js';
import { FEATURE_COUNT, FEATURE_SET_VERSION } from '../features/feature-registry.js';
import { parallelFeatureRows } from '../features/parallel-feature-rows.js';
import type { ScoringEngine } from '../scoring/scoring-engine.js';

/** The version tag of stored features: this build's feature set (names and order). */
export const FEATURE_SET_KEY = FEATURE_SET_VERSION;

/** Every feature of the registry, in order (the stored rows are registry-order). */
const ALL_FEATURES = Int32Array.from({ length: FEATURE_COUNT }, (_, i) => i);

/** How far a materialisation is. */
export interface MaterialiseProgress {
  stage: 'features' | 'scores';
  clients: number;
  total: number;
}

/** The stored population under one model, as read for statistics. */
export interface StoredPopulation {
  /** SK_ID_CURR, in stored order (SK_ID_CURR order, saved applications at the end). */
  ids: Float64Array;
  /** TARGET: 1 defaulted, 0 repaid, NaN unknown. */
  targets: Float32Array;
  probabilities: Float32Array;
  /** One feature's values for every client (registry index; NaN = missing), read once then kept. */
  column(feature: number): Float32Array;
}

/** The model file's identity its stored scores are tagged with. */
const modelKey = (engine: ScoringEngine) => engine.model.signature.sha256;

/** Engine rows (the model's input order) of a chunk from its registry-order columns. */
function modelRows(engine: ScoringEngine, columns: ReadonlyArray<Float32Array | undefined>, n: number): Float32Array {
  const index = engine.model.inputIndex;
  const width = index.length;
  const rows = new Float32Array(n * width);
  for (let j = 0; j < width; j++) {
    const column = columns[index[j]!];
    for (let i = 0; i < n; i++) rows[i * width + j] = column ? column[i]! : NaN;
  }
  return rows;
}

/** Concatenates chunks into one array. */
function concat<T extends Float32Array | Float64Array>(parts: readonly T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** What is stored now for an engine: 'current' (features and its scores of the present clients), 'scores' (its scores missing), 'stale'. */
export function storedState(db: Db, engine: ScoringEngine, queries: PopulationQueries = populationQueries(db)): 'current' | 'scores' | 'stale' {
  const source = clientsFingerprint(db);
  const features = queries.completion('features', FEATURE_SET_KEY, FEATURE_SET_KEY);
  if (!features || features.source !== source) return 'stale';
  const scores = queries.completion('scores', modelKey(engine), FEATURE_SET_KEY);
  return scores && scores.source === source ? 'current' : 'scores';
}

/**
 * Computes every client's features in worker threads (each with its own read-only connection) and the
 * engine's scores, and stores them chunk by chunk (each chunk one short transaction, retried while another
 * program holds the lock). What was stored before for this feature set is replaced.
 */
export async function materialisePopulation(db: Db, engine: ScoringEngine, options: { onProgress?: (p: MaterialiseProgress) => void; workers?: number } = {}): Promise<void> {
  const queries = populationQueries(db);
  const source = clientsFingerprint(db);
  const targets = queries.targetsById();
  const total = targets.size;
  await whenNotBusy(() => db.transaction(() => queries.clearFeatures(FEATURE_SET_KEY))());
  let chunk = 0;
  let clients = 0;
  let pending: Promise<void> = Promise.resolve();
  for await (const slice of parallelFeatureRows(db, db.name, ALL_FEATURES, { sliceSize: POPULATION_CHUNK, workers: options.workers })) {
    const n = slice.ids.length;
    const columns = Array.from({ length: FEATURE_COUNT }, () => new Float32Array(n));
    for (let i = 0; i < n; i++) for (let f = 0; f < FEATURE_COUNT; f++) columns[f]![i] = slice.rows[i * FEATURE_COUNT + f]!;
    const chunkTargets = Float32Array.from(slice.ids, (id) => targets.get(id) ?? NaN);
    const scoring = engine.probabilitiesOfRows(modelRows(engine, columns, n), n);
    const at = chunk++;
    // Scored while the next slice is read: the write waits for its own scores only.
    pending = pending.then(async () => {
      const probabilities = await scoring;
      await whenNotBusy(() =>
        db.transaction(() => {
          queries.writeChunk(FEATURE_SET_KEY, at, slice.ids, chunkTargets, columns);
          queries.writeScores(modelKey(engine), FEATURE_SET_KEY, at, probabilities);
        })(),
      );
      clients += n;
      options.onProgress?.({ stage: 'features', clients, total });
    });
    await pending;
  }
  await pending;
  await whenNotBusy(() =>
    db.transaction(() => {
      queries.markComplete('features', FEATURE_SET_KEY, FEATURE_SET_KEY, { clients, source });
      queries.markComplete('scores', modelKey(engine), FEATURE_SET_KEY, { clients, source });
    })(),
  );
}

/** Scores the stored features with another engine (a model install) and stores them under its model file. */
export async function materialiseScores(db: Db, engine: ScoringEngine, onProgress?: (p: MaterialiseProgress) => void): Promise<void> {
  const queries = populationQueries(db);
  const features = queries.completion('features', FEATURE_SET_KEY, FEATURE_SET_KEY);
  if (!features) throw new Error('No stored features to score: the population must be materialised first.');
  await whenNotBusy(() => db.transaction(() => queries.clearScores(modelKey(engine), FEATURE_SET_KEY))());
  let clients = 0;
  for (const { chunk, ids } of queries.chunks(FEATURE_SET_KEY)) {
    const columns: Array<Float32Array | undefined> = new Array(FEATURE_COUNT);
    for (const { feature, values } of queries.chunkFeatures(FEATURE_SET_KEY, chunk)) columns[feature] = values;
    const probabilities = await engine.probabilitiesOfRows(modelRows(engine, columns, ids.length), ids.length);
    await whenNotBusy(() => queries.writeScores(modelKey(engine), FEATURE_SET_KEY, chunk, probabilities));
    clients += ids.length;
    onProgress?.({ stage: 'scores', clients, total: features.clients });
  }
  await whenNotBusy(() => queries.markComplete('scores', modelKey(engine), FEATURE_SET_KEY, { clients, source: features.source }));
}

/**
 * Adds one new client (a saved application) to the stored population: its features at the end of the last
 * chunk (or in a new one), its score under `engine`. Other models' stored scores no longer cover every
 * client and are dropped. Only when the store was current before the client was inserted (`sourceBefore`);
 * otherwise nothing is written and the next statistics rebuild it. Returns whether it was added.
 */
export function appendStoredClient(db: Db, engine: ScoringEngine, client: { id: number; vector: ArrayLike<number>; probability: number }, sourceBefore: string): boolean {
  const queries = populationQueries(db);
  const features = queries.completion('features', FEATURE_SET_KEY, FEATURE_SET_KEY);
  const scores = queries.completion('scores', modelKey(engine), FEATURE_SET_KEY);
  if (!features || features.source !== sourceBefore || !scores || scores.source !== sourceBefore) return false;
  return db.transaction(() => {
    const last = queries.lastChunk(FEATURE_SET_KEY);
    const grow = last !== undefined && last.ids.length < POPULATION_CHUNK;
    const chunk = grow ? last.chunk : (last?.chunk ?? -1) + 1;
    const extend = <T extends Float32Array | Float64Array>(old: T | undefined, value: number, make: (n: number) => T): T => {
      const out = make((old?.length ?? 0) + 1);
      if (old) out.set(old);
      out[out.length - 1] = value;
      return out;
    };
    const oldColumns = new Map(grow ? queries.chunkFeatures(FEATURE_SET_KEY, chunk).map((c) => [c.feature, c.values]) : []);
    const columns = Array.from({ length: FEATURE_COUNT }, (_, f) => extend(oldColumns.get(f), client.vector[f]!, (n) => new Float32Array(n)));
    queries.writeChunk(
      FEATURE_SET_KEY,
      chunk,
      extend(grow ? last.ids : undefined, client.id, (n) => new Float64Array(n)),
      extend(grow ? last.targets : undefined, NaN, (n) => new Float32Array(n)),
      columns,
    );
    const oldScores = grow ? queries.scoreChunk(modelKey(engine), FEATURE_SET_KEY, chunk) : undefined;
    queries.writeScores(modelKey(engine), FEATURE_SET_KEY, chunk, extend(oldScores, client.probability, (n) => new Float32Array(n)));
    queries.dropOtherScores(modelKey(engine), FEATURE_SET_KEY);
    const source = clientsFingerprint(db);
    queries.markComplete('features', FEATURE_SET_KEY, FEATURE_SET_KEY, { clients: features.clients + 1, source });
    queries.markComplete('scores', modelKey(engine), FEATURE_SET_KEY, { clients: scores.clients + 1, source });
    return true;
  }).immediate();
}

/** Reads the stored population under an engine (call when storedState is 'current'). */
export function loadStoredPopulation(db: Db, engine: ScoringEngine): StoredPopulation {
  const queries = populationQueries(db);
  const chunks = queries.chunks(FEATURE_SET_KEY);
  const columns = new Map<number, Float32Array>();
  return {
    ids: concat(chunks.map((c) => c.ids), (n) => new Float64Array(n)),
    targets: concat(chunks.map((c) => c.targets), (n) => new Float32Array(n)),
    probabilities: concat(queries.scoreColumn(modelKey(engine), FEATURE_SET_KEY), (n) => new Float32Array(n)),
    column(feature) {
      let values = columns.get(feature);
      if (!values) columns.set(feature, (values = concat(queries.featureColumn(FEATURE_SET_KEY, feature), (n) => new Float32Array(n))));
      return values;
    },
  };
}
