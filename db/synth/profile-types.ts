import type { NumberFormat } from './format.js';

/**
 * The shape of `profile.json`: what the generator knows about the real data, measured once by
 * `build-profile.ts` on a folder of real samples (docs/DATA.md) and committed, so generation
 * never needs those samples.
 */

/**
 * A numeric column's marginal distribution as an inverse CDF. Discrete columns (few distinct values) are a
 * step function: value x[i] for u below the cumulative share u[i]. Continuous columns are piecewise linear
 * through the knots (u[i], x[i]); an atom (a value many rows share, such as 0 or 135000.0) is a flat stretch.
 */
export interface Marginal {
  /** Share of empty cells in the real sample. */
  missing: number;
  format: NumberFormat;
  /** Decimal places generated values are rounded to; null keeps full precision (EXT_SOURCE_*). */
  decimals: number | null;
  discrete: boolean;
  u: number[];
  x: number[];
}

/** A text column's distribution: values (the empty string is a missing cell) and their cumulative shares. */
export interface Categorical {
  values: string[];
  cum: number[];
}

/**
 * A text column drawn given other columns' values. `parent` names them joined by `|` (`AGE_BIN` is the
 * client's age bin); table keys are the parents' values joined the same way, or the first parent's alone.
 */
export interface Conditional {
  parent: string;
  tables: Record<string, Categorical>;
  fallback: Categorical;
}

/** Rare extreme values of the full data set that a 7,000-row sample cannot show (e.g. a 117 M income). */
export interface Outlier {
  value: number;
  rate: number;
}

/** The application table: marginals, dependencies, the Gaussian copula and the default model. */
export interface ApplicationProfile {
  rows: number;
  /** Default rate of the real sample. */
  sampleDefaultRate: number;
  /** Default rate the generator aims at (the full data set's). */
  defaultRate: number;
  /** Share of clients written to application_test.csv (48,744 of 356,255 in the real split). */
  testShare: number;
  numeric: Record<string, Marginal>;
  categorical: Record<string, Categorical>;
  conditional: Record<string, Conditional>;
  /** Upper DAYS_BIRTH edges of the age bins that condition income type, family status and housing. */
  ageBins: number[];
  /** Share of DAYS_EMPLOYED = 365243 per income type (pensioners and the unemployed). */
  sentinelByIncomeType: Record<string, number>;
  /** Building block: P(any building column present), then P(column group present | block present). */
  building: { present: number; given: Record<string, number> };
  /** Missing rates of columns that go missing together. */
  groups: { socialCircle: number; creditBureau: number };
  outliers: Record<string, Outlier[]>;
  /** Rare codes of the full data set (CODE_GENDER XNA, NAME_FAMILY_STATUS Unknown) the sample does not show. */
  rareValues: Record<string, Array<{ value: string; rate: number }>>;
  copula: {
    /** Variables of the Gaussian copula; the first is the latent creditworthiness c. */
    variables: string[];
    correlation: number[][];
  };
  target: {
    /** P(default) = sigmoid(intercept − slope·c + Σ shifts). */
    intercept: number;
    slope: number;
    /** Log-odds shift per (column or missing-indicator, value). */
    shifts: Record<string, Record<string, number>>;
  };
  /** What the calibration matched: real vs synthetic correlations with TARGET and per-category rates. */
  calibration: {
    targetCorrelation: Record<string, { real: number; synthetic: number }>;
    categoryRates: Record<string, Record<string, { real: number; synthetic: number }>>;
    latentAuc: number;
    maxCorrelationError: number;
  };
}

/** Column marginals of a child table, by cell (a key such as `Cash loans|Approved`, or `*` for all rows). */
export type CellMarginals = Record<string, { rows: number; numeric: Record<string, Marginal>; categorical: Record<string, Categorical> }>;

/** A child table's value formats (every numeric column) and per-cell marginals. */
export interface ChildTableProfile {
  formats: Record<string, NumberFormat>;
  cells: CellMarginals;
}

/** Everything the generator needs, in one JSON file. */
export interface SynthProfile {
  version: 1;
  source: string;
  application: ApplicationProfile;
  bureau: ChildTableProfile & {
    /** Share of clients with at least one bureau credit, and the mean count of those who have some. */
    clientShare: number;
    meanCount: number;
  };
  bureauBalance: ChildTableProfile & { statusShares: Record<string, number> };
  previousApplication: ChildTableProfile & {
    /** Distribution of the number of previous applications per client (index = count). */
    countDistribution: number[];
    /** Contract type × status shares. */
    kinds: Categorical;
    /**
     * How the amounts go together per (type, status) cell: an application of 0 has no goods price nor down
     * payment and, mostly, no credit, term or annuity (a card has a credit and CNT_PAYMENT 0 instead).
     */
    amounts: Record<string, { zeroCreditGivenZeroApplication: number; paymentsMissingGivenPositive: number; downPaymentMissingGivenPositive: number }>;
  };
  posCashBalance: ChildTableProfile;
  installmentsPayments: ChildTableProfile;
  creditCardBalance: ChildTableProfile;
}
