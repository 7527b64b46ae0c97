import { featureByName, FEATURE_SET_VERSION } from '../features/feature-registry.js';
import { readModelFile } from './model-file.js';
import type { ModelMetadata } from './model-metadata.js';
import { ModelVerificationError, verifyModelFile, type ModelSignature } from './model-signature.js';
import type { TreeEnsemble } from './tree-ensemble.js';
import { trustedPublicKeys } from '../keys/trusted-keys.js';

/** A model file that passed every check, ready to score and explain. */
export interface LoadedModel {
  path: string;
  bytes: Uint8Array;
  signature: ModelSignature;
  metadata: ModelMetadata;
  trees: TreeEnsemble;
  /** For each model input j, the position of that feature in this build's feature vector. */
  inputIndex: Int32Array;
  /** Things worth telling IT that do not stop the model from loading. */
  warnings: string[];
}

/**
 * Opens a model file and refuses it unless every check passes, in this order: signature file present
 * and valid, content hash, Ed25519 signature by a trusted key, metadata complete, and every feature the
 * model needs computable by this build. The error (ModelVerificationError) says which check failed.
 */
export function loadModel(modelPath: string, trustedKeys: readonly string[] = trustedPublicKeys()): LoadedModel {
  const { bytes, signature } = verifyModelFile(modelPath, trustedKeys);
  let parsed: ReturnType<typeof readModelFile>;
  try {
    parsed = readModelFile(bytes, modelPath);
  } catch (error) {
    throw new ModelVerificationError('metadata', `The model ${modelPath} was refused: ${(error as Error).message}`);
  }
  const { metadata, trees } = parsed;
  const names = metadata.features.map((f) => f.name);
  const unknown = names.filter((name) => !featureByName(name));
  if (unknown.length) {
    throw new ModelVerificationError(
      'features',
      `The model ${modelPath} was refused: it needs ${unknown.length} feature(s) this version of Octroi cannot compute ` +
        `(${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}). Install the Octroi version the model was trained for.`,
    );
  }
  const warnings: string[] = [];
  if (metadata.feature_set_version !== FEATURE_SET_VERSION) {
    warnings.push(
      `The model was trained on feature set ${metadata.feature_set_version}; this build computes ${FEATURE_SET_VERSION}. ` +
        'Every feature it needs exists, but check that their definitions did not change.',
    );
  }
  return {
    path: modelPath,
    bytes,
    signature,
    metadata,
    trees,
    inputIndex: Int32Array.from(names, (name) => featureByName(name)!.index),
    warnings,
  };
}
