/**
 * Reasons in plain words: the model inputs of a client that raised (against) and lowered (for) the
 * probability of default the most, from the exact TreeSHAP contributions on the probability scale, summed
 * over each input's columns (input-contributions.ts). Labels come from the feature registry, values are
 * the input's value as entered, formatted for people (format-value.ts): a reason never names a column.
 */
import { sumByInput } from './input-contributions.js';
import { formatInputValue, inputSentence } from './format-value.js';
import type { Lang } from '../../common/lang.js';

/** `against`: the fact raises the probability of default; `for`: it lowers it. */
export type ReasonDirection = 'against' | 'for';

/** One reason, ready to be read to the client. */
export interface Reason {
  /** Stable key of the model input (feature-registry.ts ModelInput.key): ORGANIZATION_TYPE, CREDIT_INCOME_RATIO. */
  input: string;
  /** What the fact is about, for people ("Employer sector", "Income"). */
  label: string;
  /** The client's value as entered, for people ("Laborer", "not given", "€135,000"). */
  value: string;
  /** Effect on the probability of default (probability scale; positive = raises the risk). */
  contribution: number;
  direction: ReasonDirection;
  /** Label and value as one sentence ("Occupation: Laborer", "Employer sector: not given"). */
  text: string;
}

/** How many reasons, in which language. */
export interface ReasonOptions {
  lang: Lang;
  /** Reasons per direction (default 5); Infinity for every input with an effect. */
  count?: number;
  /** Inputs with a smaller effect (absolute, probability scale) are not reasons. Default 0.0001 (0.01 point). */
  minContribution?: number;
}

/** Reasons per direction unless asked otherwise: enough to explain, few enough to read aloud. */
export const DEFAULT_REASON_COUNT = 5;
const DEFAULT_MIN_CONTRIBUTION = 1e-4;

/** What reasons are computed from: a feature vector and the contributions of the model's columns. */
export interface ReasonInput {
  /** For each model column j, its position in the registry-order vector (LoadedModel.inputIndex). */
  inputIndex: ArrayLike<number>;
  /** The client's feature vector, registry order (NaN = missing). */
  vector: ArrayLike<number>;
  /** Contribution of each model column j on the probability scale (Explanation.probabilityContributions). */
  contributions: ArrayLike<number>;
}

/**
 * The top reasons against (largest positive contributions first), then the top reasons for (largest
 * negative first), one per model input. With `count: Infinity, minContribution: 0` the contributions of the
 * reasons add up to probability − base probability.
 */
export function reasonsFor(input: ReasonInput, options: ReasonOptions): Reason[] {
  const count = options.count ?? DEFAULT_REASON_COUNT;
  const min = options.minContribution ?? DEFAULT_MIN_CONTRIBUTION;
  const facts = sumByInput(input.inputIndex, input.contributions)
    .map(({ input: modelInput, sums }) => ({ modelInput, contribution: sums[0]! }))
    .filter((f) => f.contribution !== 0 && Math.abs(f.contribution) >= min);
  const against = facts.filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const inFavour = facts.filter((f) => f.contribution < 0).sort((a, b) => a.contribution - b.contribution);
  return [...against.slice(0, count), ...inFavour.slice(0, count)].map(({ modelInput, contribution }) => {
    const label = modelInput.label[options.lang];
    const value = formatInputValue(modelInput, input.vector, options.lang);
    return {
      input: modelInput.key,
      label,
      value,
      contribution,
      direction: contribution > 0 ? 'against' : 'for',
      text: inputSentence(label, value, options.lang),
    };
  });
}
