/**
 * What the registry says about one feature: its stable name, how people read it, where it comes from.
 * Shared by the feature group files (which compute) and the registry (which orders them).
 */

/** A text in the two languages of the app. People never see a raw feature name. */
export interface Label {
  fr: string;
  en: string;
}

/**
 * How a value is shown to people:
 * - `years_from_days`: a negative day count relative to the application (DAYS_*), shown as years (−days / 365.25);
 * - `days_ago`: a negative day count shown as days before the application (recency of an event);
 * - `days`: a positive number of days (days past due, days late);
 * - `years`, `months`: durations already in those units;
 * - `currency`: an amount of money;
 * - `ratio`: a multiple (2.0 = twice); `ratio_percent`: a fraction shown as a percentage (0.15 = 15 %);
 * - `count`: a whole number of things; `flag`: 0 = no, 1 = yes;
 * - `category_flag`: one-hot of a category value (1 = the client's category is this one);
 * - `ordinal`: an ordered category coded 0..n−1, named by `levels`;
 * - `score_0_1`: a score between 0 and 1; `plain`: a number with no unit.
 */
export type FeatureUnit =
  | 'years_from_days'
  | 'days_ago'
  | 'days'
  | 'years'
  | 'months'
  | 'currency'
  | 'ratio'
  | 'ratio_percent'
  | 'count'
  | 'flag'
  | 'category_flag'
  | 'ordinal'
  | 'score_0_1'
  | 'plain';

/** The table (or tables) a feature is computed from; bureau_balance belongs to the bureau group. */
export type FeatureGroup =
  | 'application'
  | 'bureau'
  | 'previous_application'
  | 'POS_CASH_balance'
  | 'installments_payments'
  | 'credit_card_balance';

/** The loan terms a counter-offer may change. */
export type LoanTerm = 'AMT_CREDIT' | 'AMT_ANNUITY';

/** One source column a feature reads: `table.COLUMN`, e.g. `application.AMT_CREDIT`, `bureau_balance.STATUS`. */
export type SourceColumn = `${string}.${string}`;

/** One feature of the model input, as the registry describes it. */
export interface FeatureSpec {
  /** Stable UPPER_SNAKE name, the column name in the exported CSV and in the model file. */
  name: string;
  label: Label;
  unit: FeatureUnit;
  group: FeatureGroup;
  /** The source columns the value is derived from (the application columns drive the counter-offer). */
  inputs: readonly SourceColumn[];
  /**
   * For a client with no row in the feature's history table: `zero` when 0 is the truth (0 bureau credits,
   * 0 overdue amount), `missing` (NaN) when the value is undefined (a mean, a ratio, a worst status).
   * null for application features, which do not depend on history.
   */
  whenNoHistory: 'zero' | 'missing' | null;
  /** Names of the levels 0..n−1 of an `ordinal` feature. */
  levels?: readonly Label[];
  /** The category value(s) of the source column that set a `category_flag` to 1. */
  categoryValues?: readonly string[];
  /** What a missing value means, when it means something (default: "not known"). */
  whenMissing?: Label;
  /**
   * The model input this column belongs to, when it is not the column itself: the application field whose
   * one-hot flags it is one of (ORGANIZATION_TYPE), or whose second reading it is (DAYS_EMPLOYED for the "no
   * current job" flag). Explanations are given per input: the sum of its columns' contributions.
   */
  input?: string;
}

/** Name → position of a group's features, so that compute code writes `out[at + F.NAME]` with checked names. */
export function featureIndex<const T extends readonly { name: string }[]>(features: T): { [K in T[number]['name']]: number } {
  const index: Record<string, number> = {};
  features.forEach((feature, i) => {
    if (feature.name in index) throw new Error(`Duplicate feature name ${feature.name}`);
    index[feature.name] = i;
  });
  return index as { [K in T[number]['name']]: number };
}
