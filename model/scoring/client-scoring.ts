/**
 * The scoring service the desktop app and the CLI call: one client of the database or one unsaved
 * application → probability of default, decision, band, model version, reasons in plain words and the
 * exact explanation (and, on request, the counter-offer of a refused application); and every client of a
 * database in batches.
 */
import type { Db } from '../../db/open-database.js';
import { validateApplicationRecord } from '../application/application-record.js';
import { counterOffer, type CounterOffer } from './counter-offer.js';
import { applicationOnlyRecords, type ClientRecords } from '../features/client-records.js';
import { computeFeatures } from '../features/compute-features.js';
import { parallelFeatureRows } from '../features/parallel-feature-rows.js';
import { iterateClientRecords, type ClientSelection } from '../features/iterate-client-records.js';
import { readClientRecords } from '../features/read-client-records.js';
import { formatInputValue, inputNumber } from '../explanation/format-value.js';
import { contributionsByInput } from '../explanation/input-contributions.js';
import type { Lang } from '../../common/lang.js';
import { reasonsFor, type Reason } from '../explanation/reasons.js';
import type { ScoreResult, ScoringEngine } from './scoring-engine.js';

/** What to compute for one score, and in which language. */
export interface ScoreOptions {
  lang: Lang;
  /** Reasons per direction (default 5). */
  reasons?: number;
  /** Decision threshold (default: the model's policy); for what-if views. */
  threshold?: number;
  /** Also search the counter-offer when the application is refused (default false: it scores ~200 variants). */
  counterOffer?: boolean;
}

/** One model input's part in a score (the sum over its columns: one entry for a field read as one-hot flags). */
export interface FeatureContribution {
  /** Key of the model input (feature-registry.ts ModelInput.key). */
  input: string;
  label: string;
  /** The input's own value as a number (null = missing, or a category field: see valueText). */
  value: number | null;
  /** The value as entered, for people ("Laborer", "not given"). */
  valueText: string;
  /** Exact TreeSHAP contribution (the sum of the input's columns'), log-odds. */
  logOdds: number;
  /** The same on the probability scale. */
  probability: number;
}

/** The exact explanation of a score, in a form that crosses IPC (plain numbers, no NaN). */
export interface ExplanationView {
  /** Expected margin over the training data (log-odds). */
  baseValue: number;
  /** The client's margin (log-odds) = baseValue + Σ logOdds. */
  margin: number;
  /** sigmoid(baseValue); probability = baseProbability + Σ probability contributions. */
  baseProbability: number;
  /** One entry per model input, in the order of the model's columns (an input at its first column). */
  contributions: FeatureContribution[];
}

/** A scored client or application. */
export interface ClientScore extends ScoreResult {
  /** SK_ID_CURR (null for an unsaved application without one). */
  clientId: number | null;
  reasons: Reason[];
  explanation: ExplanationView;
  /** With `counterOffer: true`: the offers for a refused application, null when granted. */
  counterOffer?: CounterOffer | null;
}

/** No application with this SK_ID_CURR in the database. */
export class UnknownClientError extends Error {
  constructor(readonly clientId: number) {
    super(`No client with SK_ID_CURR ${clientId} in the database.`);
    this.name = 'UnknownClientError';
  }
}

/** Scores a client's records (application row and history): the path every score takes. */
export async function scoreRecords(engine: ScoringEngine, records: ClientRecords, options: ScoreOptions): Promise<ClientScore> {
  const vector = computeFeatures(records);
  // The worker scores while this thread runs TreeSHAP: the two costs overlap.
  const scoring = engine.probabilities([vector]);
  const explanation = engine.explain(vector);
  const [probability] = await scoring;
  const result = engine.judge(probability!, options.threshold);
  const inputIndex = engine.model.inputIndex;
  const reasons = reasonsFor(
    { inputIndex, vector, contributions: explanation.probabilityContributions },
    { lang: options.lang, count: options.reasons },
  );
  const contributions: FeatureContribution[] = contributionsByInput(
    inputIndex,
    explanation.contributions,
    explanation.probabilityContributions,
  ).map(({ input, logOdds, probability }) => ({
    input: input.key,
    label: input.label[options.lang],
    value: inputNumber(input, vector),
    valueText: formatInputValue(input, vector, options.lang),
    logOdds,
    probability,
  }));
  const id = records.application.SK_ID_CURR;
  const score: ClientScore = {
    ...result,
    clientId: typeof id === 'number' ? id : null,
    reasons,
    explanation: { baseValue: explanation.baseValue, margin: explanation.margin, baseProbability: explanation.baseProbability, contributions },
  };
  if (options.counterOffer) {
    score.counterOffer = result.decision === 'refused' ? await counterOffer(engine, records, { threshold: result.threshold }) : null;
  }
  return score;
}

/** Scores one client of the database; UnknownClientError when there is no such client. */
export async function scoreClient(db: Db, engine: ScoringEngine, clientId: number, options: ScoreOptions): Promise<ClientScore> {
  const records = readClientRecords(db, clientId);
  if (!records) throw new UnknownClientError(clientId);
  return scoreRecords(engine, records, options);
}

/** The history of an applicant already known (bureau, previous applications, payments); none for a new applicant. */
export type ClientHistory = Omit<ClientRecords, 'application'>;

/**
 * Scores an application that is not in the database (a form, a JSON file). The record is validated
 * first: ApplicationValidationError (listing every bad field) instead of a score. `history` gives the
 * records of an applicant the bank already knows; without it the applicant has no history.
 */
export async function scoreApplication(
  engine: ScoringEngine,
  record: unknown,
  options: ScoreOptions & { history?: ClientHistory },
): Promise<ClientScore> {
  const application = validateApplicationRecord(record);
  const records: ClientRecords = options.history ? { ...options.history, application } : applicationOnlyRecords(application);
  return scoreRecords(engine, records, options);
}

/**
 * A promise awaited later, marked as handled now: if the worker fails while the next chunk is being
 * read, the failure surfaces at the await instead of as an unhandled rejection.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** One batch of scored clients, in SK_ID_CURR order. */
export interface ScoredChunk {
  ids: number[];
  probabilities: Float32Array;
}

/**
 * Scores every selected client of a database in chunks, in SK_ID_CURR order. With `dbPath`, features are
 * computed by worker threads (see parallelFeatureRows; `workers: 1` keeps them on this thread); otherwise
 * records are streamed here by one ordered scan per table. The ONNX worker scores a chunk while the next
 * is computed. Features + score only (no TreeSHAP).
 */
export async function* scoreAllClients(
  db: Db,
  engine: ScoringEngine,
  options: { chunkSize?: number; clients?: ClientSelection; dbPath?: string; workers?: number } = {},
): AsyncGenerator<ScoredChunk, void, undefined> {
  const size = options.chunkSize ?? 1000;
  if (options.dbPath && options.workers !== 1) {
    // Features in worker threads (one connection each), scores in the ONNX worker, one chunk behind.
    let pending: { ids: number[]; scores: Promise<Float32Array> } | null = null;
    const slices = parallelFeatureRows(db, options.dbPath, engine.model.inputIndex, {
      clients: options.clients,
      sliceSize: size,
      workers: options.workers,
    });
    for await (const slice of slices) {
      const next = { ids: Array.from(slice.ids), scores: quiet(engine.probabilitiesOfRows(slice.rows, slice.ids.length)) };
      if (pending) yield { ids: pending.ids, probabilities: await pending.scores };
      pending = next;
    }
    if (pending) yield { ids: pending.ids, probabilities: await pending.scores };
    return;
  }
  let pending: { ids: number[]; scores: Promise<Float32Array> } | null = null;
  let ids: number[] = [];
  let vectors: Float64Array[] = [];
  for (const records of iterateClientRecords(db, { clients: options.clients ?? 'all' })) {
    ids.push(records.application.SK_ID_CURR as number);
    vectors.push(computeFeatures(records));
    if (vectors.length < size) continue;
    const next = { ids, scores: quiet(engine.probabilities(vectors)) };
    ids = [];
    vectors = [];
    if (pending) yield { ids: pending.ids, probabilities: await pending.scores };
    pending = next;
  }
  const last = vectors.length ? { ids, scores: quiet(engine.probabilities(vectors)) } : null;
  if (pending) yield { ids: pending.ids, probabilities: await pending.scores };
  if (last) yield { ids: last.ids, probabilities: await last.scores };
}
