/**
 * The feature registry: the ordered list of every model input, with its stable name, labels for people,
 * unit, source group and the application inputs it derives from. The model file carries
 * FEATURE_SET_VERSION so that the app refuses a model whose features this build cannot compute.
 */
import { createHash } from 'node:crypto';
import { ONE_HOT_COLUMNS } from './application-categories.js';
import { APPLICATION_FEATURES } from './application-features.js';
import { BUREAU_FEATURES } from './bureau-features.js';
import { CREDIT_CARD_FEATURES } from './credit-card-features.js';
import type { FeatureGroup, FeatureSpec, Label, LoanTerm } from './feature-spec.js';
import { INSTALLMENTS_FEATURES } from './installments-features.js';
import { POS_CASH_FEATURES } from './pos-cash-features.js';
import { PREVIOUS_FEATURES } from './previous-features.js';

// The registry is the one import for feature consumers (scoring, explanations, model card).
export type { FeatureGroup, FeatureSpec, FeatureUnit, Label, LoanTerm } from './feature-spec.js';
export { EXCLUDED_INPUTS, REVIEWED_INPUTS, type ExcludedInput, type ReviewedInput } from './excluded-inputs.js';

/** A feature as registered: its spec, its position in the input vector, the loan terms it depends on. */
export interface RegisteredFeature extends FeatureSpec {
  index: number;
  /** Key of the model input the column belongs to (`spec.input`, or the feature's own name). */
  input: string;
  /** The loan terms (AMT_CREDIT, AMT_ANNUITY) among the feature's inputs: a counter-offer changes it. */
  loanTerms: readonly LoanTerm[];
}

/** The groups in input order (the order of the vector and of the exported CSV). */
export const FEATURE_GROUPS: ReadonlyArray<{ group: FeatureGroup; features: readonly FeatureSpec[] }> = [
  { group: 'application', features: APPLICATION_FEATURES },
  { group: 'bureau', features: BUREAU_FEATURES },
  { group: 'previous_application', features: PREVIOUS_FEATURES },
  { group: 'POS_CASH_balance', features: POS_CASH_FEATURES },
  { group: 'installments_payments', features: INSTALLMENTS_FEATURES },
  { group: 'credit_card_balance', features: CREDIT_CARD_FEATURES },
];

const LOAN_TERMS: readonly LoanTerm[] = ['AMT_CREDIT', 'AMT_ANNUITY'];
const NAME_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Every feature, in input order. */
export const FEATURES: readonly RegisteredFeature[] = FEATURE_GROUPS.flatMap(({ features }) => features).map((spec, index) =>
  Object.freeze({
    ...spec,
    index,
    input: spec.input ?? spec.name,
    loanTerms: LOAN_TERMS.filter((term) => spec.inputs.includes(`application.${term}`)),
  }),
);

/** The feature names in input order: the model's input columns, the exported CSV's columns. */
export const FEATURE_NAMES: readonly string[] = Object.freeze(FEATURES.map((feature) => feature.name));
/** Length of the feature vector. */
export const FEATURE_COUNT = FEATURES.length;

const BY_NAME = new Map(FEATURES.map((feature) => [feature.name, feature]));
if (BY_NAME.size !== FEATURES.length) throw new Error('Feature registry: duplicate feature names');
for (const name of FEATURE_NAMES) {
  if (!NAME_PATTERN.test(name)) throw new Error(`Feature registry: ${name} is not an UPPER_SNAKE name`);
}

/** The registered feature of that name, or undefined when this build does not know it. */
export function featureByName(name: string): RegisteredFeature | undefined {
  return BY_NAME.get(name);
}

/**
 * One model input as the officer and the client know it: an application field (its one-hot columns read
 * together: "Employer sector"), a measure derived from the application (credit / income), or an aggregate of
 * the client's history. Explanations, importance and similarity are given per input, never per column.
 */
export interface ModelInput {
  /** Stable key: the application column of a grouped field (ORGANIZATION_TYPE), otherwise the feature's name. */
  key: string;
  label: Label;
  /** `application`: read from the application form; `history`: an aggregate of the client's records. */
  source: 'application' | 'history';
  /** Registry indices of the input's columns, in vector order. */
  features: readonly number[];
}

/** Every model input of this build, in the order of its first column. */
export const MODEL_INPUTS: readonly ModelInput[] = (() => {
  const byKey = new Map<string, { key: string; features: number[] }>();
  for (const feature of FEATURES) {
    const entry = byKey.get(feature.input) ?? { key: feature.input, features: [] };
    entry.features.push(feature.index);
    byKey.set(feature.input, entry);
  }
  return [...byKey.values()].map(({ key, features }) => {
    const own = FEATURES[features.find((i) => FEATURES[i]!.name === key) ?? features[0]!]!;
    const category = ONE_HOT_COLUMNS.find((c) => c.column === key);
    return Object.freeze({
      key,
      label: category?.title ?? own.label,
      source: own.group === 'application' ? ('application' as const) : ('history' as const),
      features: Object.freeze(features),
    });
  });
})();

const INPUT_BY_KEY = new Map(MODEL_INPUTS.map((input) => [input.key, input]));

/** The model input of that key, or undefined when this build has none. */
export function inputByKey(key: string): ModelInput | undefined {
  return INPUT_BY_KEY.get(key);
}

/** The model input a registered feature (column) belongs to. */
export function inputOf(feature: RegisteredFeature): ModelInput {
  return INPUT_BY_KEY.get(feature.input)!;
}

/** Position of each group's first feature in the vector. */
export const GROUP_OFFSETS: Readonly<Record<FeatureGroup, number>> = (() => {
  const offsets = {} as Record<FeatureGroup, number>;
  let at = 0;
  for (const { group, features } of FEATURE_GROUPS) {
    offsets[group] = at;
    at += features.length;
  }
  return offsets;
})();

/**
 * Revision of what the features MEAN. Bump it whenever a computation changes while the names stay (a new
 * vocabulary value, another guard on a ratio): a model trained on the old meaning must then be refused.
 */
export const FEATURE_DEFINITION_REVISION = 2;

/**
 * Version of an ordered feature list: the first 12 hex digits of the sha256 of the definition revision
 * and the names, one per line.
 */
export function featureSetVersion(names: readonly string[], revision = FEATURE_DEFINITION_REVISION): string {
  return createHash('sha256').update([`revision ${revision}`, ...names].join('\n')).digest('hex').slice(0, 12);
}

/** Version of this build's feature list; a model trained on another list cannot be scored here. */
export const FEATURE_SET_VERSION = featureSetVersion(FEATURE_NAMES);

/** Names of the features a counter-offer changes (those derived from AMT_CREDIT or AMT_ANNUITY). */
export const LOAN_TERM_FEATURES: readonly string[] = FEATURES.filter((f) => f.loanTerms.length > 0).map((f) => f.name);

/** The application columns some feature reads (what the database must provide for one client). */
export const APPLICATION_INPUT_COLUMNS: readonly string[] = [
  ...new Set(FEATURES.flatMap((f) => f.inputs.filter((i) => i.startsWith('application.')).map((i) => i.slice('application.'.length)))),
];
