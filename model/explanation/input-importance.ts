/**
 * The model's global importance per model input: mean |sum of the input's TreeSHAP values| over a sample of
 * the training clients, written by the training pipeline (metadata.input_importance). A model made before
 * it existed has only per-column importance: its columns are then added per input, which bounds the input's
 * importance from above (the columns of one field can offset each other) — an approximation, only for those.
 */
import { featureByName, inputByKey, inputOf } from '../features/feature-registry.js';
import type { ModelMetadata } from '../model-file/model-metadata.js';
import type { Lang } from '../../common/lang.js';

/** One model input's importance. */
export interface InputImportance {
  /** Model input key (feature-registry.ts ModelInput.key). */
  input: string;
  /** The input's own column, which population plots can draw (null for a field read as category flags). */
  feature: string | null;
  label: string;
  /** Mean absolute contribution, log-odds. */
  importance: number;
}

/** Input key → importance, for the inputs this build knows. */
export function importanceByInput(metadata: ModelMetadata): Map<string, number> {
  const byInput = new Map<string, number>();
  if (metadata.input_importance) {
    for (const [key, value] of Object.entries(metadata.input_importance)) if (inputByKey(key)) byInput.set(key, value);
    return byInput;
  }
  for (const [name, value] of Object.entries(metadata.importance)) {
    const feature = featureByName(name);
    if (!feature) continue;
    const key = inputOf(feature).key;
    byInput.set(key, (byInput.get(key) ?? 0) + value);
  }
  return byInput;
}

/** The model's inputs by importance, most important first (ties by key), at most `top`. */
export function inputImportance(metadata: ModelMetadata, lang: Lang, top = 500): InputImportance[] {
  return [...importanceByInput(metadata)]
    .filter(([, value]) => Number.isFinite(value) && value >= 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([key, value]) => {
      const input = inputByKey(key)!;
      const own = featureByName(key);
      return { input: key, feature: own && own.unit !== 'category_flag' ? own.name : null, label: input.label[lang], importance: value };
    });
}
