/**
 * The trees of a model file, in flat typed arrays for fast traversal and TreeSHAP.
 * Node `n` of the ensemble is a leaf when left[n] === -1; children indices are global.
 */
export interface TreeEnsemble {
  /** Index of each tree's root node. */
  roots: Int32Array;
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  /** Split thresholds as float32: a row goes left when fround(x) < threshold. */
  threshold: Float32Array;
  /** Where a missing value (NaN) goes: 1 left, 0 right. */
  missingLeft: Uint8Array;
  /** Leaf values (log-odds, calibration folded in). */
  value: Float64Array;
  /** Training rows' hessian sum reaching each node (TreeSHAP's weights). */
  cover: Float64Array;
  /** Log-odds added to the sum of the leaves. */
  baseMargin: number;
  featureCount: number;
  maxDepth: number;
}

/** The leaf a row reaches in the tree rooted at `root` (float32 comparisons, as ONNX Runtime and XGBoost). */
export function leafFor(trees: TreeEnsemble, root: number, x: ArrayLike<number>): number {
  let node = root;
  while (trees.left[node] !== -1) {
    const v = x[trees.feature[node]!]!;
    const goLeft = Number.isNaN(v) ? trees.missingLeft[node] === 1 : Math.fround(v) < trees.threshold[node]!;
    node = goLeft ? trees.left[node]! : trees.right[node]!;
  }
  return node;
}

/** The model's margin (log-odds of default) for one row, computed from the trees. */
export function margin(trees: TreeEnsemble, x: ArrayLike<number>): number {
  let sum = trees.baseMargin;
  for (let t = 0; t < trees.roots.length; t++) sum += trees.value[leafFor(trees, trees.roots[t]!, x)]!;
  return sum;
}
