/**
 * Reasons in plain words: the facts about a client that raised (against) and lowered (for) the
 * probability of default the most, from the exact TreeSHAP contributions on the probability scale.
 * Labels come from the feature registry, values are formatted for people (format-value.ts): a reason
 * never shows a raw feature name.
 */
import { FEATURES, featureByName } from '../features/feature-registry.js';
import { categoryOf, factSentence, featureLabel, formatFeatureValue, NOT_KNOWN, type CategoryOf } from './format-value.js';
import type { Lang } from '../../common/lang.js';

/** `against`: the fact raises the probability of default; `for`: it lowers it. */
export type ReasonDirection = 'against' | 'for';

/** One reason, ready to be read to the client. */
export interface Reason {
  /**
   * Stable name for machines: the feature's registry name, or for the one-hot flags of one column read
   * together, the flags' common prefix (e.g. NAME_INCOME_TYPE, ORGANIZATION_SECTOR).
   */
  feature: string;
  /** What the fact is about, for people ("Age", "Income type"). */
  label: string;
  /** The client's value, for people ("35 years", "Employee", "not known"). */
  value: string;
  /** Effect on the probability of default (probability scale; positive = raises the risk). */
  contribution: number;
  direction: ReasonDirection;
  /** Label and value as one sentence ("Age: 35 years", "Income type is Employee"). */
  text: string;
}

/** How many reasons, in which language, and how one-hot flags are read. */
export interface ReasonOptions {
  lang: Lang;
  /** Reasons per direction (default 5); Infinity for every fact with an effect. */
  count?: number;
  /**
   * Read the flags of one category column as one fact ("Income type is Employee", their effects
   * added) rather than flag by flag ("Income type is not Pensioner"). Default true.
   */
  groupCategories?: boolean;
  /** Facts with a smaller effect (absolute, probability scale) are not reasons. Default 0.0001 (0.01 point). */
  minContribution?: number;
}

/** Reasons per direction unless asked otherwise: enough to explain, few enough to read aloud. */
export const DEFAULT_REASON_COUNT = 5;
const DEFAULT_MIN_CONTRIBUTION = 1e-4;

/** What reasons are computed from: a feature vector and the contributions of the model's inputs. */
export interface ReasonInput {
  /** For each model input j, its position in the registry-order vector (LoadedModel.inputIndex). */
  inputIndex: ArrayLike<number>;
  /** The client's feature vector, registry order (NaN = missing). */
  vector: ArrayLike<number>;
  /** Contribution of each model input j on the probability scale (Explanation.probabilityContributions). */
  contributions: ArrayLike<number>;
}

interface Fact {
  feature: string;
  contribution: number;
  /** Registry index of a single feature, or the category column of grouped flags. */
  source: number | CategoryOf;
}

const ANOTHER_VALUE = { en: 'another value', fr: 'une autre valeur' } as const;

/** The client's category in a one-hot column, from the flags in the vector. */
function categoryValue(category: CategoryOf, vector: ArrayLike<number>, lang: Lang): string {
  for (const name of category.siblings) {
    const value = vector[featureByName(name)!.index]!;
    if (Number.isNaN(value)) return NOT_KNOWN[lang];
    if (value === 1) return categoryOf(name)!.option[lang];
  }
  return ANOTHER_VALUE[lang];
}

function toReason(fact: Fact, vector: ArrayLike<number>, lang: Lang): Reason {
  let label: string;
  let value: string;
  let isCategory: boolean;
  if (typeof fact.source === 'number') {
    const feature = FEATURES[fact.source]!;
    label = featureLabel(feature, lang);
    value = formatFeatureValue(feature, vector[fact.source]!, lang);
    isCategory = feature.unit === 'category_flag';
  } else {
    label = fact.source.title[lang];
    value = categoryValue(fact.source, vector, lang);
    isCategory = true;
  }
  return {
    feature: fact.feature,
    label,
    value,
    contribution: fact.contribution,
    direction: fact.contribution > 0 ? 'against' : 'for',
    text: factSentence(label, value, lang, isCategory),
  };
}

/**
 * The top reasons against (largest positive contributions first), then the top reasons for (largest
 * negative first). With `count: Infinity, minContribution: 0` the contributions of the reasons add up
 * to probability − base probability.
 */
export function reasonsFor(input: ReasonInput, options: ReasonOptions): Reason[] {
  const count = options.count ?? DEFAULT_REASON_COUNT;
  const min = options.minContribution ?? DEFAULT_MIN_CONTRIBUTION;
  const group = options.groupCategories ?? true;
  const facts = new Map<string, Fact>();
  for (let j = 0; j < input.inputIndex.length; j++) {
    const c = input.contributions[j]!;
    if (c === 0) continue;
    const index = input.inputIndex[j]!;
    const category = group ? categoryOf(FEATURES[index]!.name) : undefined;
    // A column with a single flag (contract type) reads better flag by flag: "not Revolving credit".
    const grouped = category !== undefined && category.siblings.length > 1;
    const key = grouped ? category.prefix : FEATURES[index]!.name;
    const fact = facts.get(key);
    if (fact) fact.contribution += c;
    else facts.set(key, { feature: key, contribution: c, source: grouped ? category : index });
  }
  const all = [...facts.values()].filter((f) => Math.abs(f.contribution) >= min && f.contribution !== 0);
  const against = all.filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const inFavour = all.filter((f) => f.contribution < 0).sort((a, b) => a.contribution - b.contribution);
  return [...against.slice(0, count), ...inFavour.slice(0, count)].map((fact) => toReason(fact, input.vector, options.lang));
}
