/**
 * The stored population: every client's model inputs (this build's feature set, float32, column-wise by
 * chunk) and scores (per model file), computed once — at the first start on a database, after an import,
 * after a model install — by the feature worker threads, then kept in the database (migration 4) and
 * followed by saves. Population statistics read only the columns they need from here.
 */
import { whenNotBusy } from '../../db/database-busy.js';
import type { Db } from '../../db/open-database.js';
import { clientsFingerprint, POPULATION_CHUNK, populationQueries, type ClientColumns, type PopulationQueries } from '../../db/queries/population.js';
import { ageBand, familyGroup, groupOrder, sexGroup, type ProtectedAttribute } from '../governance/monitoring/fairness.js';
import { FEATURE_COUNT, FEATURE_SET_VERSION } from '../features/feature-registry.js';
import { parallelFeatureRows } from '../features/parallel-feature-rows.js';
import type { ScoringEngine } from '../scoring/scoring-engine.js';

/** The version tag of stored features: this build's feature set (names and order). */
export const FEATURE_SET_KEY = FEATURE_SET_VERSION;

/** Every feature of the registry, in order (the stored rows are registry-order). */
const ALL_FEATURES = Int32Array.from({ length: FEATURE_COUNT }, (_, i) => i);

/**
 * The protected attributes fairness reports on, stored as columns after the registry's features (column
 * FEATURE_COUNT + i): each client's group, as its index in fairness.ts groupOrder — so that the fairness
 * report reads three compact columns instead of the whole application table.
 */
export const ATTRIBUTES: readonly ProtectedAttribute[] = ['sex', 'age', 'family'];
/** The stored column of an attribute. */
export const attributeColumn = (attribute: ProtectedAttribute): number => FEATURE_COUNT + ATTRIBUTES.indexOf(attribute);
/** Every stored column: the features, then the attributes. */
const STORED_COLUMNS = Array.from({ length: FEATURE_COUNT + ATTRIBUTES.length }, (_, i) => i);

const GROUP_INDEX = new Map(ATTRIBUTES.map((a) => [a, new Map(groupOrder(a, 'en').map(([group], i) => [group, i]))]));
const GROUP_OF: Record<ProtectedAttribute, (c: ClientColumns) => string> = {
  sex: (c) => sexGroup(c.gender),
  age: (c) => ageBand(c.daysBirth),
  family: (c) => familyGroup(c.family),
};

/** The attribute columns of some clients (NaN for a client not found). */
function attributeColumns(clients: ReadonlyArray<ClientColumns | undefined>): Float32Array[] {
  return ATTRIBUTES.map((a) => Float32Array.from(clients, (c) => (c ? GROUP_INDEX.get(a)!.get(GROUP_OF[a](c))! : NaN)));
}

/** The protected attributes' groups of a stored population's clients, by client id (undefined when not in it). */
export function storedGroups(population: StoredPopulation): (clientId: number) => Record<ProtectedAttribute, string> | undefined {
  const columns = ATTRIBUTES.map((a) => ({ a, values: population.column(attributeColumn(a)), names: groupOrder(a, 'en').map(([group]) => group) }));
  return (clientId) => {
    const row = population.rowOf(clientId);
    if (row < 0) return undefined;
    const groups = {} as Record<ProtectedAttribute, string>;
    for (const { a, values, names } of columns) {
      const code = values[row]!;
      if (Number.isNaN(code)) return undefined;
      groups[a] = names[code]!;
    }
    return groups;
  };
}

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
  /** The row of a client, or -1 when it is not in the population. */
  rowOf(clientId: number): number;
  /** One feature's values at some rows, reading only the chunks that hold them (or the column when read already). */
  valuesAt(feature: number, rows: readonly number[]): Float32Array;
  /**
   * Shared by a population and the ones extended from it by saves (withStoredClient), new at each read of
   * the store: what is derived from stored values per client may be kept as long as it is the same.
   */
  lineage: object;
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
  const total = queries.clientCount();
  await whenNotBusy(() => db.transaction(() => queries.clearFeatures(FEATURE_SET_KEY))());
  options.onProgress?.({ stage: 'features', clients: 0, total });
  let chunk = 0;
  let done = 0;
  let pending: Promise<void> = Promise.resolve();
  for await (const slice of parallelFeatureRows(db, db.name, ALL_FEATURES, { sliceSize: POPULATION_CHUNK, workers: options.workers })) {
    const n = slice.ids.length;
    const columns: Float32Array[] = Array.from({ length: FEATURE_COUNT }, () => new Float32Array(n));
    for (let i = 0; i < n; i++) for (let f = 0; f < FEATURE_COUNT; f++) columns[f]![i] = slice.rows[i * FEATURE_COUNT + f]!;
    // The slice's own columns (outcome, protected attributes), read by its id range: a short read per slice.
    const clients = new Map(queries.clientColumns(slice.ids[0]!, slice.ids[n - 1]!).map((c) => [c.id, c]));
    columns.push(...attributeColumns(Array.from(slice.ids, (id) => clients.get(id))));
    const chunkTargets = Float32Array.from(slice.ids, (id) => clients.get(id)?.target ?? NaN);
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
      done += n;
      options.onProgress?.({ stage: 'features', clients: done, total });
    });
    await pending;
  }
  await pending;
  await whenNotBusy(() =>
    db.transaction(() => {
      // Marked complete only when the store holds exactly what this run wrote: another program (a second
      // window on the same file) may have cleared it meanwhile; unmarked, it is computed again at the next call.
      const stored = queries.coverage(FEATURE_SET_KEY, modelKey(engine));
      if (stored.chunks !== chunk || stored.clients !== done || stored.scoredChunks !== chunk) return;
      queries.markComplete('features', FEATURE_SET_KEY, FEATURE_SET_KEY, { clients: done, source });
      queries.markComplete('scores', modelKey(engine), FEATURE_SET_KEY, { clients: done, source });
    }).immediate(),
  );
}

/** Scores the stored features with another engine (a model install) and stores them under its model file. */
export async function materialiseScores(db: Db, engine: ScoringEngine, onProgress?: (p: MaterialiseProgress) => void): Promise<void> {
  const queries = populationQueries(db);
  const features = queries.completion('features', FEATURE_SET_KEY, FEATURE_SET_KEY);
  if (!features) throw new Error('No stored features to score: the population must be materialised first.');
  await whenNotBusy(() => db.transaction(() => queries.clearScores(modelKey(engine), FEATURE_SET_KEY))());
  // Only the model's own inputs are read (a chunk's other features are not needed to score it).
  const inputs = [...new Set(engine.model.inputIndex)];
  onProgress?.({ stage: 'scores', clients: 0, total: features.clients });
  let clients = 0;
  let chunks = 0;
  for (const { chunk, ids } of queries.chunks(FEATURE_SET_KEY)) {
    chunks++;
    const columns: Array<Float32Array | undefined> = new Array(FEATURE_COUNT);
    for (const { feature, values } of queries.chunkFeatures(FEATURE_SET_KEY, chunk, inputs)) columns[feature] = values;
    const probabilities = await engine.probabilitiesOfRows(modelRows(engine, columns, ids.length), ids.length);
    await whenNotBusy(() => queries.writeScores(modelKey(engine), FEATURE_SET_KEY, chunk, probabilities));
    clients += ids.length;
    onProgress?.({ stage: 'scores', clients, total: features.clients });
  }
  await whenNotBusy(() =>
    db.transaction(() => {
      // As in materialisePopulation: only when the features scored are still the ones stored, each chunk scored.
      const now = queries.completion('features', FEATURE_SET_KEY, FEATURE_SET_KEY);
      const stored = queries.coverage(FEATURE_SET_KEY, modelKey(engine));
      if (now?.source !== features.source || stored.chunks !== chunks || stored.clients !== clients || stored.scoredChunks !== chunks) return;
      queries.markComplete('scores', modelKey(engine), FEATURE_SET_KEY, { clients, source: features.source });
    }).immediate(),
  );
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
    const oldColumns = new Map(grow ? queries.chunkFeatures(FEATURE_SET_KEY, chunk, STORED_COLUMNS).map((c) => [c.feature, c.values]) : []);
    const attributes = attributeColumns([queries.clientColumns(client.id, client.id)[0]]);
    const value = (f: number) => (f < FEATURE_COUNT ? client.vector[f]! : attributes[f - FEATURE_COUNT]![0]!);
    const columns = STORED_COLUMNS.map((f) => extend(oldColumns.get(f), value(f), (n) => new Float32Array(n)));
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

/** The rows of the chunks: each chunk's first row (and the total after the last). */
function chunkStarts(lengths: readonly number[]): Int32Array {
  const starts = new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => (starts[i + 1] = starts[i]! + n));
  return starts;
}

/** The chunk holding a row (binary search over the chunks' first rows). */
function chunkOfRow(starts: Int32Array, row: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface StoredArrays {
  queries: PopulationQueries;
  ids: Float64Array;
  targets: Float32Array;
  probabilities: Float32Array;
  /** The stored chunk numbers, in row order, and each one's first row (then the total). */
  chunkNumbers: number[];
  starts: Int32Array;
  columns: Map<number, Float32Array>;
  lineage: object;
}

/** A population over arrays already read; `columns` is its cache of whole feature columns. */
function storedPopulation(data: StoredArrays): StoredPopulation & { data: StoredArrays } {
  const { queries, ids, chunkNumbers, starts, columns } = data;
  // SK_ID_CURR order (saved applications get ids above every other): rows found by binary search; a Map otherwise.
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i]! > ids[i - 1]!;
  let byId: Map<number, number> | undefined;
  return {
    data,
    ids,
    targets: data.targets,
    probabilities: data.probabilities,
    lineage: data.lineage,
    column(feature) {
      let values = columns.get(feature);
      if (!values) columns.set(feature, (values = concat(queries.featureColumn(FEATURE_SET_KEY, feature), (n) => new Float32Array(n))));
      return values;
    },
    rowOf(clientId) {
      if (!sorted) {
        byId ??= new Map(Array.from(ids, (id, row) => [id, row]));
        return byId.get(clientId) ?? -1;
      }
      let lo = 0;
      let hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] === clientId) return mid;
        if (ids[mid]! < clientId) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
    valuesAt(feature, rows) {
      const out = new Float32Array(rows.length);
      const whole = columns.get(feature);
      if (whole) {
        rows.forEach((row, i) => (out[i] = whole[row]!));
        return out;
      }
      const read = new Map<number, Float32Array | undefined>();
      rows.forEach((row, i) => {
        const chunk = chunkOfRow(starts, row);
        if (!read.has(chunk)) read.set(chunk, queries.featureChunk(FEATURE_SET_KEY, feature, chunkNumbers[chunk]!));
        out[i] = read.get(chunk)?.[row - starts[chunk]!] ?? NaN;
      });
      return out;
    },
  };
}

/** Reads the stored population under an engine (call when storedState is 'current'). */
export function loadStoredPopulation(db: Db, engine: ScoringEngine): StoredPopulation {
  const queries = populationQueries(db);
  const chunks = queries.chunks(FEATURE_SET_KEY);
  return storedPopulation({
    queries,
    ids: concat(chunks.map((c) => c.ids), (n) => new Float64Array(n)),
    targets: concat(chunks.map((c) => c.targets), (n) => new Float32Array(n)),
    probabilities: concat(queries.scoreColumn(modelKey(engine), FEATURE_SET_KEY), (n) => new Float32Array(n)),
    chunkNumbers: chunks.map((c) => c.chunk),
    starts: chunkStarts(chunks.map((c) => c.ids.length)),
    columns: new Map(),
    lineage: {},
  });
}

/** Appends one value to a copy of a typed array. */
function extended<T extends Float32Array | Float64Array>(old: T, value: number, make: (n: number) => T): T {
  const out = make(old.length + 1);
  out.set(old);
  out[old.length] = value;
  return out;
}

/**
 * The population read before a save, with the saved client added as appendStoredClient stored it (at the
 * end of the last chunk, or in a new one): what was read is kept, and what is derived per client too (same
 * lineage). Returns the population unchanged when it is not one loadStoredPopulation read.
 */
export function withStoredClient(population: StoredPopulation, client: { id: number; vector: ArrayLike<number>; probability: number }): StoredPopulation {
  const data = (population as StoredPopulation & { data?: StoredArrays }).data;
  if (!data) return population;
  const last = data.chunkNumbers.length - 1;
  const lastSize = last >= 0 ? data.starts[last + 1]! - data.starts[last]! : POPULATION_CHUNK;
  const grow = lastSize < POPULATION_CHUNK;
  const chunkNumbers = grow ? data.chunkNumbers : [...data.chunkNumbers, (data.chunkNumbers.at(-1) ?? -1) + 1];
  const starts = new Int32Array(chunkNumbers.length + 1);
  starts.set(data.starts.subarray(0, chunkNumbers.length));
  starts[chunkNumbers.length] = data.ids.length + 1;
  // Columns read already are extended: features from the client's vector, attributes from what appendStoredClient stored.
  const chunk = chunkNumbers.at(-1)!;
  const valueOf = (column: number) => (column < FEATURE_COUNT ? client.vector[column]! : (data.queries.featureChunk(FEATURE_SET_KEY, column, chunk)?.at(-1) ?? NaN));
  const columns = new Map([...data.columns].map(([column, values]) => [column, extended(values, valueOf(column), (n) => new Float32Array(n))]));
  return storedPopulation({
    queries: data.queries,
    ids: extended(data.ids, client.id, (n) => new Float64Array(n)),
    targets: extended(data.targets, NaN, (n) => new Float32Array(n)),
    probabilities: extended(data.probabilities, Math.fround(client.probability), (n) => new Float32Array(n)),
    chunkNumbers,
    starts,
    columns,
    lineage: data.lineage,
  });
}
