/**
 * THE definition of the model input: one client's records → the feature vector, in registry order.
 * The single-client path (the app), the batch export (training) and an unsaved application typed into a
 * form all call this same pure function.
 */
import { computeApplicationFeatures } from './application-features.js';
import { computeBureauFeatures } from './bureau-features.js';
import type { ClientRecords } from './client-records.js';
import { computeCreditCardFeatures } from './credit-card-features.js';
import { FEATURE_COUNT, GROUP_OFFSETS } from './feature-registry.js';
import { computeInstallmentsFeatures } from './installments-features.js';
import { computePosCashFeatures } from './pos-cash-features.js';
import { computePreviousFeatures } from './previous-features.js';

type GroupCompute = (records: ClientRecords, out: Float64Array, at: number) => void;

const STEPS: ReadonlyArray<readonly [GroupCompute, number]> = [
  [computeApplicationFeatures, GROUP_OFFSETS.application],
  [computeBureauFeatures, GROUP_OFFSETS.bureau],
  [computePreviousFeatures, GROUP_OFFSETS.previous_application],
  [computePosCashFeatures, GROUP_OFFSETS.POS_CASH_balance],
  [computeInstallmentsFeatures, GROUP_OFFSETS.installments_payments],
  [computeCreditCardFeatures, GROUP_OFFSETS.credit_card_balance],
];

/** The feature vector of one client (NaN = missing), in the order of FEATURE_NAMES. */
export function computeFeatures(records: ClientRecords): Float64Array {
  return computeFeaturesInto(records, new Float64Array(FEATURE_COUNT));
}

/** computeFeatures writing into a caller's buffer (of FEATURE_COUNT values), for batch loops. */
export function computeFeaturesInto(records: ClientRecords, out: Float64Array): Float64Array {
  if (out.length !== FEATURE_COUNT) throw new Error(`Feature buffer has ${out.length} values, expected ${FEATURE_COUNT}`);
  // A position a group forgot would otherwise keep the previous client's value in a reused buffer.
  out.fill(NaN);
  for (const [compute, at] of STEPS) compute(records, out, at);
  for (let i = 0; i < out.length; i++) {
    const value = out[i]!;
    // −0 would print as "0" in the CSV and come back as +0; ±Infinity is not a value a model can use.
    if (value === 0) out[i] = 0;
    else if (value === Infinity || value === -Infinity) out[i] = NaN;
  }
  return out;
}
