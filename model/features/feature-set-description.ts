/**
 * The feature set as JSON for the training pipeline (`train.py --feature-set`): version, the ordered
 * features with what people and the model card need, the excluded inputs with their reasons.
 */
import { EXCLUDED_INPUTS, FEATURE_SET_VERSION, FEATURES, REVIEWED_INPUTS } from './feature-registry.js';

/** The JSON document describing this build's feature set. */
export interface FeatureSetDescription {
  version: string;
  features: Array<{
    name: string;
    label: { fr: string; en: string };
    unit: string;
    group: string;
    inputs: readonly string[];
    whenNoHistory: 'zero' | 'missing' | null;
    loanTerms: readonly string[];
    /** The model input the column belongs to (explanations and importance are per input). */
    input: string;
  }>;
  excluded: Array<{ column: string; reason: string }>;
  sensitive: Array<{ column: string; note: string }>;
}

/** This build's feature set, ready for JSON.stringify. */
export function featureSetDescription(): FeatureSetDescription {
  return {
    version: FEATURE_SET_VERSION,
    features: FEATURES.map((f) => ({
      name: f.name,
      label: f.label,
      unit: f.unit,
      group: f.group,
      inputs: f.inputs,
      whenNoHistory: f.whenNoHistory,
      loanTerms: f.loanTerms,
      input: f.input,
    })),
    excluded: EXCLUDED_INPUTS.map(({ column, reason }) => ({ column, reason })),
    // The model file's `sensitive_inputs`: the inputs kept after review, each group with its lawful reason.
    sensitive: REVIEWED_INPUTS.map(({ columns, reason }) => ({ column: columns.join(', '), note: reason })),
  };
}
