/**
 * Drift of recent applications against the model's reference statistics: the clients each month brought
 * (monitoring-window.ts) get their features computed by the one feature code and their score by the
 * model in use, then PSI per feature and for the score, per month and over the whole window. Only the
 * window's clients are read (one indexed read each, ~0.15 ms), never the whole database.
 */
import type { Db } from '../../../db/open-database.js';
import { computeFeaturesInto } from '../../features/compute-features.js';
import { FEATURE_COUNT, featureByName, type RegisteredFeature } from '../../features/feature-registry.js';
import { clientRecordsReader } from '../../features/read-client-records.js';
import { featureLabel, type Lang } from '../../explanation/format-value.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { clientsByMonth, monthWindow, type MonthWindow } from './monitoring-window.js';
import { psi, PSI_DRIFT, PSI_MIN_SAMPLE, PSI_WATCH, referenceBins, scoreReferenceBins, type PsiStatus, type ReferenceBins } from './psi.js';

/** A PSI as reported: null with 'insufficient' below the minimum sample. */
export interface PsiView {
  psi: number | null;
  status: PsiStatus;
}

/** The drift of one feature. */
export interface FeatureDrift extends PsiView {
  feature: string;
  label: string;
}

/** One month (or the whole window): how many clients, the score's PSI and the features'. */
export interface DriftPeriod {
  /** 'YYYY-MM'; null for the whole window. */
  month: string | null;
  rows: number;
  /** True below the minimum sample: no PSI was computed for this period. */
  insufficient: boolean;
  score: PsiView;
  /** The window's top features (same features, same order, in every period, so they plot as series). */
  features: FeatureDrift[];
}

/** The drift report of a window. */
export interface DriftReport {
  modelVersion: string;
  computedAt: string;
  minSample: number;
  thresholds: { watch: number; drift: number };
  /** The months looked at, oldest first (empty when the database has no activity). */
  months: string[];
  overall: DriftPeriod & {
    /** Features of the model by status over the whole window. */
    featureStatus: Record<PsiStatus, number>;
  };
  byMonth: DriftPeriod[];
  /** Clients of the window's events that are no longer in the database (not counted anywhere else). */
  unknownClients: number;
}

/** What to report. */
export interface DriftOptions {
  lang: Lang;
  /** Months in the window (default 12). */
  months?: number;
  /** Last month of the window, 'YYYY-MM' (default: the latest month with activity). */
  until?: string;
  /** Features listed, the most drifted first (default 10). */
  top?: number;
  /** Minimum rows for a PSI (default PSI_MIN_SAMPLE). */
  minSample?: number;
  /** The report's clock (tests). */
  now?: Date;
}

const SCORE_CHUNK = 1000;

/** A model input with reference bins: the feature, its bins, its global importance. */
export interface ModelFeature {
  feature: RegisteredFeature;
  bins: ReferenceBins;
  importance: number;
}

/** The model's inputs that have reference bins, with their bins. */
export function modelFeatures(engine: ScoringEngine): ModelFeature[] {
  const { reference, features, importance } = engine.model.metadata;
  return features.flatMap(({ name }) => {
    const feature = featureByName(name);
    const stats = reference.features[name];
    return feature && stats ? [{ feature, bins: referenceBins(name, stats), importance: importance[name] ?? 0 }] : [];
  });
}

/**
 * The clients of a window, measured once each: their features (the one feature code) and their score by
 * the model in use, and which of them each month brought. What the drift screen and the report bundle's
 * bin counts are both computed from.
 */
export interface DriftSample {
  features: ModelFeature[];
  scoreBins: ReferenceBins;
  /** The months of the window, each with the sample rows of its clients. */
  rowsByMonth: Map<string, number[]>;
  /** Every row (each distinct client once). */
  allRows: number[];
  /** Clients of the window's events that are no longer in the database (not counted anywhere else). */
  unknownClients: number;
  /** The values of model input `index` (feature registry index) for these rows. */
  column(rows: readonly number[], index: number): Float64Array;
  /** The scores of these rows. */
  scores(rows: readonly number[]): Float64Array;
}

/** Measures the clients scored or entered in the window's months. */
export async function driftSample(db: Db, engine: ScoringEngine, window: MonthWindow | null): Promise<DriftSample> {
  const pairs = window ? clientsByMonth(db, window) : [];

  // Each distinct client once: features into one matrix, scores in chunks by the model in use (the
  // reference histogram is this model's: the probabilities stored with old events may be another's).
  const rowOf = new Map<number, number>();
  const reader = clientRecordsReader(db);
  const distinct = [...new Set(pairs.map((p) => p.clientId))];
  const matrix = new Float64Array(distinct.length * FEATURE_COUNT);
  let unknownClients = 0;
  const vectors: Float64Array[] = [];
  for (const clientId of distinct) {
    const records = reader.read(clientId);
    if (!records) {
      unknownClients++;
      continue;
    }
    const row = rowOf.size;
    const vector = matrix.subarray(row * FEATURE_COUNT, (row + 1) * FEATURE_COUNT);
    computeFeaturesInto(records, vector);
    rowOf.set(clientId, row);
    vectors.push(vector);
  }
  const probabilities = new Float32Array(vectors.length);
  for (let at = 0; at < vectors.length; at += SCORE_CHUNK) {
    probabilities.set(await engine.probabilities(vectors.slice(at, at + SCORE_CHUNK)), at);
  }
  const rowsByMonth = new Map<string, number[]>((window?.months ?? []).map((m) => [m, []]));
  for (const { month, clientId } of pairs) {
    const row = rowOf.get(clientId);
    if (row !== undefined) rowsByMonth.get(month)?.push(row);
  }
  return {
    features: modelFeatures(engine),
    scoreBins: scoreReferenceBins(engine.model.metadata.reference.score),
    rowsByMonth,
    allRows: [...rowOf.values()],
    unknownClients,
    column: (rows, index) => Float64Array.from(rows, (r) => matrix[r * FEATURE_COUNT + index]!),
    scores: (rows) => Float64Array.from(rows, (r) => probabilities[r]!),
  };
}

/** Drift per month and over the window, of the clients scored or entered in the app. */
export async function driftReport(db: Db, engine: ScoringEngine, options: DriftOptions): Promise<DriftReport> {
  const minSample = options.minSample ?? PSI_MIN_SAMPLE;
  const top = options.top ?? 10;
  const window = monthWindow(db, options.months ?? 12, options.until);
  const sample = await driftSample(db, engine, window);
  const { features, scoreBins, rowsByMonth, allRows, unknownClients, column } = sample;
  const measure = (rows: readonly number[]) => ({
    score: view(psi(scoreBins, sample.scores(rows), minSample)),
    features: features.map((f) => view(psi(f.bins, column(rows, f.feature.index), minSample))),
  });

  const overall = measure(allRows);
  const monthly = [...rowsByMonth].map(([month, rows]) => ({ month, rows, measured: measure(rows) }));
  // The most drifted first — by the largest PSI of any period, so a feature drifting in the last month
  // is listed even when the whole window dilutes it; without any PSI (too few rows), the most important first.
  const worst = (i: number) => Math.max(overall.features[i]!.psi ?? -1, ...monthly.map((m) => m.measured.features[i]!.psi ?? -1));
  const order = features
    .map((f, i) => ({ i, psi: worst(i), importance: f.importance }))
    .sort((a, b) => b.psi - a.psi || b.importance - a.importance || a.i - b.i)
    .slice(0, top)
    .map((o) => o.i);
  const listed = (values: PsiView[]): FeatureDrift[] =>
    order.map((i) => ({ feature: features[i]!.feature.name, label: featureLabel(features[i]!.feature, options.lang), ...values[i]! }));
  const period = (month: string | null, rows: number[], measured: ReturnType<typeof measure>): DriftPeriod => ({
    month,
    rows: rows.length,
    insufficient: rows.length < minSample,
    score: measured.score,
    features: listed(measured.features),
  });

  const featureStatus: Record<PsiStatus, number> = { stable: 0, watch: 0, drift: 0, insufficient: 0 };
  for (const f of overall.features) featureStatus[f.status]++;
  return {
    modelVersion: engine.modelVersion,
    computedAt: (options.now ?? new Date()).toISOString(),
    minSample,
    thresholds: { watch: PSI_WATCH, drift: PSI_DRIFT },
    months: window?.months ?? [],
    overall: { ...period(null, allRows, overall), featureStatus },
    byMonth: monthly.map(({ month, rows, measured }) => period(month, rows, measured)),
    unknownClients,
  };
}

function view(result: { psi: number | null; status: PsiStatus }): PsiView {
  return { psi: result.psi, status: result.status };
}
