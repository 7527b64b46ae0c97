import onnxProto from 'onnx-proto';
import { METADATA_KEY, ModelMetadataSchema, type ModelMetadata } from './model-metadata.js';
import type { TreeEnsemble } from './tree-ensemble.js';

const { onnx } = onnxProto;

/** A model file that is not the TreeEnsembleClassifier Octroi's training pipeline writes. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

type Int64 = number | { toNumber(): number };
const toNumber = (v: Int64): number => (typeof v === 'number' ? v : v.toNumber());

/**
 * Reads a model file's metadata and its trees from the ONNX bytes themselves, so that what is
 * explained (TreeSHAP) is exactly what ONNX Runtime scores. `source` names the file in errors.
 */
export function readModelFile(bytes: Uint8Array, source: string): { metadata: ModelMetadata; trees: TreeEnsemble } {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelFormatError(`${source} is not an ONNX model file (${(error as Error).message}).`);
  }
  const raw = model.metadataProps.find((p) => p.key === METADATA_KEY)?.value;
  if (!raw) throw new ModelFormatError(`${source} has no Octroi metadata ("${METADATA_KEY}"): it was not made by Octroi's training.`);
  const parsed = ModelMetadataSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFormatError(`${source}: its metadata is incomplete or invalid at "${issue.path.join('.')}": ${issue.message}.`);
  }
  const metadata = parsed.data;
  const node = model.graph?.node?.find((n) => n.opType === 'TreeEnsembleClassifier');
  if (!node) throw new ModelFormatError(`${source} has no TreeEnsembleClassifier node.`);
  const attribute = (name: string) => node.attribute?.find((a) => a.name === name);
  const ints = (name: string) => (attribute(name)?.ints ?? []).map((v) => toNumber(v as Int64));
  const floats = (name: string) => attribute(name)?.floats ?? [];
  const decoder = new TextDecoder();
  const modes = (attribute('nodes_modes')?.strings ?? []).map((s) => decoder.decode(s));
  const postTransform = decoder.decode(attribute('post_transform')?.s ?? new Uint8Array());
  if (postTransform !== 'LOGISTIC') throw new ModelFormatError(`${source}: expected post_transform LOGISTIC, found "${postTransform}".`);

  const treeIds = ints('nodes_treeids');
  const nodeIds = ints('nodes_nodeids');
  const covers = metadata.trees.covers;
  if (covers.length !== metadata.trees.count) {
    throw new ModelFormatError(`${source}: ${covers.length} cover lists for ${metadata.trees.count} trees.`);
  }
  // Global index of node (tree, id): trees are laid out one after the other, ids 0..n-1 within a tree.
  const offsets = new Int32Array(covers.length + 1);
  covers.forEach((c, t) => (offsets[t + 1] = offsets[t]! + c.length));
  const total = offsets[covers.length]!;
  if (treeIds.length !== total) {
    throw new ModelFormatError(`${source}: the trees have ${treeIds.length} nodes but the metadata covers ${total}.`);
  }
  const trees: TreeEnsemble = {
    roots: offsets.slice(0, covers.length),
    left: new Int32Array(total).fill(-1),
    right: new Int32Array(total).fill(-1),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    missingLeft: new Uint8Array(total),
    value: new Float64Array(total),
    cover: Float64Array.from(covers.flat()),
    baseMargin: floats('base_values')[0] ?? 0,
    featureCount: metadata.features.length,
    maxDepth: 0,
  };
  const featureIds = ints('nodes_featureids');
  const values = floats('nodes_values');
  const trueIds = ints('nodes_truenodeids');
  const falseIds = ints('nodes_falsenodeids');
  const missingTrue = ints('nodes_missing_value_tracks_true');
  for (let i = 0; i < treeIds.length; i++) {
    const at = offsets[treeIds[i]!]! + nodeIds[i]!;
    if (modes[i] === 'LEAF') continue;
    if (modes[i] !== 'BRANCH_LT') throw new ModelFormatError(`${source}: unsupported node mode ${modes[i]}.`);
    if (featureIds[i]! >= trees.featureCount) {
      throw new ModelFormatError(`${source}: a split uses input ${featureIds[i]} but the model lists ${trees.featureCount} features.`);
    }
    trees.left[at] = offsets[treeIds[i]!]! + trueIds[i]!;
    trees.right[at] = offsets[treeIds[i]!]! + falseIds[i]!;
    trees.feature[at] = featureIds[i]!;
    trees.threshold[at] = values[i]!;
    trees.missingLeft[at] = missingTrue[i] ? 1 : 0;
  }
  const classTrees = ints('class_treeids');
  const classNodes = ints('class_nodeids');
  const weights = floats('class_weights');
  for (let i = 0; i < classTrees.length; i++) trees.value[offsets[classTrees[i]!]! + classNodes[i]!] = weights[i]!;
  trees.maxDepth = maxDepth(trees);
  return { metadata, trees };
}

function maxDepth(trees: TreeEnsemble): number {
  let deepest = 0;
  const walk = (node: number, depth: number): void => {
    if (trees.left[node] === -1) {
      deepest = Math.max(deepest, depth);
      return;
    }
    walk(trees.left[node]!, depth + 1);
    walk(trees.right[node]!, depth + 1);
  };
  for (const root of trees.roots) walk(root, 0);
  return deepest;
}
