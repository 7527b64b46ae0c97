/**
 * Contributions per model input: TreeSHAP values are additive, so an input's exact contribution is the sum
 * of its columns' (one-hot flags of one application field, a field and its "none" flag). Every explanation
 * (waterfall, reasons, letter, the list of every input) is given per input, never per column; the sums still
 * add up to the client's margin and probability.
 */
import { FEATURES, inputOf, type ModelInput } from '../features/feature-registry.js';

/** One model input's part in a score. */
export interface InputContribution {
  input: ModelInput;
  /** Sum of the input's TreeSHAP values, log-odds. */
  logOdds: number;
  /** The same on the probability scale (the engine's linear scaling, so the sums stay exact). */
  probability: number;
}

/** The model inputs a model reads, in the order of their first column in the model (inputIndex order). */
export function modelInputsOf(inputIndex: ArrayLike<number>): ModelInput[] {
  const inputs: ModelInput[] = [];
  const seen = new Set<string>();
  for (let j = 0; j < inputIndex.length; j++) {
    const input = inputOf(FEATURES[inputIndex[j]!]!);
    if (!seen.has(input.key)) {
      seen.add(input.key);
      inputs.push(input);
    }
  }
  return inputs;
}

/**
 * Sums per-column values (model input order j, as `inputIndex` maps them to the registry) per model input.
 * `columns[k]` gives the values to sum (e.g. log-odds and probability contributions); one entry per input.
 */
export function sumByInput(inputIndex: ArrayLike<number>, ...columns: ArrayLike<number>[]): Array<{ input: ModelInput; sums: number[] }> {
  const byKey = new Map<string, { input: ModelInput; sums: number[] }>();
  for (let j = 0; j < inputIndex.length; j++) {
    const input = inputOf(FEATURES[inputIndex[j]!]!);
    let entry = byKey.get(input.key);
    if (!entry) byKey.set(input.key, (entry = { input, sums: columns.map(() => 0) }));
    for (let k = 0; k < columns.length; k++) entry.sums[k]! += columns[k]![j]!;
  }
  return [...byKey.values()];
}

/** The contributions of a score per model input (log-odds and probability), in model input order. */
export function contributionsByInput(
  inputIndex: ArrayLike<number>,
  logOdds: ArrayLike<number>,
  probability: ArrayLike<number>,
): InputContribution[] {
  return sumByInput(inputIndex, logOdds, probability).map(({ input, sums }) => ({ input, logOdds: sums[0]!, probability: sums[1]! }));
}
