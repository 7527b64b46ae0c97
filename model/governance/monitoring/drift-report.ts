/**
 * Drift of recent applications against the model's reference statistics: the clients each month brought
 * (monitoring-window.ts) are binned by their stored features and score under the model in use (or, where
 * nothing is stored, by the one feature code and the model: drift-codes.ts), then PSI per feature and for
 * the score, per month and over the whole window. Only the window's clients are read, never the whole
 * database, and a client binned once is not read again.
 */
import type { Db } from '../../../db/open-database.js';
import { featureByName, type RegisteredFeature } from '../../features/feature-registry.js';
import { featureLabel } from '../../explanation/format-value.js';
import type { Lang } from '../../../common/lang.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { clientsByMonth, monthWindow, type MonthWindow } from './monitoring-window.js';
import { binCodesOf, type BinCodes } from './drift-codes.js';
import { psiOfCounts, PSI_DRIFT, PSI_MIN_SAMPLE, PSI_WATCH, referenceBins, scoreReferenceBins, type PsiStatus, type ReferenceBins } from './psi.js';

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
 * The clients of a window, binned once each: their features' and their score's bins under the model in
 * use (drift-codes.ts), and which of them each month brought. What the drift screen and the report
 * bundle's bin counts are both computed from.
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
  /** Counts of these rows in the bins of features[i] (psi.ts binCounts: last index = missing). */
  featureCounts(rows: readonly number[], i: number): number[];
  /** Counts of these rows' scores in the score's bins. */
  scoreCounts(rows: readonly number[]): number[];
}

/**
 * Bins the clients scored or entered in the window's months. `codesOf` says where their values come from:
 * the population the caller holds (the app), otherwise binCodesOf (the stored one when current, else the raw tables).
 */
export async function driftSample(db: Db, engine: ScoringEngine, window: MonthWindow | null, codesOf: BinCodes = binCodesOf(db, engine)): Promise<DriftSample> {
  const pairs = window ? clientsByMonth(db, window) : [];
  const features = modelFeatures(engine);
  const scoreBins = scoreReferenceBins(engine.model.metadata.reference.score);
  const distinct = [...new Set(pairs.map((p) => p.clientId))];
  const codes = await codesOf(distinct, features, scoreBins);
  // Each distinct client once, as a row of codes (the score's bin last).
  const width = features.length + 1;
  const rowOf = new Map<number, number>();
  const matrix = new Uint16Array(codes.size * width);
  for (const clientId of distinct) {
    const c = codes.get(clientId);
    if (!c) continue;
    matrix.set(c, rowOf.size * width);
    rowOf.set(clientId, rowOf.size);
  }
  const rowsByMonth = new Map<string, number[]>((window?.months ?? []).map((m) => [m, []]));
  for (const { month, clientId } of pairs) {
    const row = rowOf.get(clientId);
    if (row !== undefined) rowsByMonth.get(month)?.push(row);
  }
  const counts = (rows: readonly number[], at: number, bins: ReferenceBins) => {
    const out = new Array<number>(bins.shares.length + 1).fill(0);
    for (const r of rows) out[matrix[r * width + at]!]!++;
    return out;
  };
  return {
    features,
    scoreBins,
    rowsByMonth,
    allRows: [...rowOf.values()],
    unknownClients: distinct.length - rowOf.size,
    featureCounts: (rows, i) => counts(rows, i, features[i]!.bins),
    scoreCounts: (rows) => counts(rows, features.length, scoreBins),
  };
}

/** Drift per month and over the window, of the clients scored or entered in the app. */
export async function driftReport(db: Db, engine: ScoringEngine, options: DriftOptions, codesOf?: BinCodes): Promise<DriftReport> {
  const minSample = options.minSample ?? PSI_MIN_SAMPLE;
  const top = options.top ?? 10;
  const window = monthWindow(db, options.months ?? 12, options.until);
  const sample = await driftSample(db, engine, window, codesOf);
  const { features, scoreBins, rowsByMonth, allRows, unknownClients } = sample;
  const measure = (rows: readonly number[]) => ({
    score: view(psiOfCounts(scoreBins, sample.scoreCounts(rows), minSample)),
    features: features.map((f, i) => view(psiOfCounts(f.bins, sample.featureCounts(rows, i), minSample))),
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
