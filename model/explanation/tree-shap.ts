import type { TreeEnsemble } from '../model-file/tree-ensemble.js';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2; the same algorithm as
 * XGBoost's `pred_contribs`) over the trees of the model file. Contributions are in log-odds and,
 * with the base value, add up to the model's margin. Path buffers are allocated once per explainer:
 * `explain` allocates nothing, which is what makes it fast enough to run for every client shown.
 */
export class TreeShapExplainer {
  /** Mean leaf value under each node, weighted by cover: the expected value of the subtree. */
  private readonly meanValue: Float64Array;
  /** The contributions' base: expected margin over the training data (base margin + each root's mean). */
  readonly baseValue: number;
  // Struct-of-arrays path elements; each recursion level gets its own slice (copy-on-descend).
  private readonly feature: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly weight: Float64Array;

  constructor(private readonly trees: TreeEnsemble) {
    this.meanValue = new Float64Array(trees.left.length);
    let base = trees.baseMargin;
    for (const root of trees.roots) base += this.fillMeans(root);
    this.baseValue = base;
    const depth = trees.maxDepth + 2;
    const size = (depth * (depth + 1)) / 2 + depth;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  private fillMeans(node: number): number {
    const t = this.trees;
    if (t.left[node] === -1) return (this.meanValue[node] = t.value[node]!);
    const l = t.left[node]!;
    const r = t.right[node]!;
    const ml = this.fillMeans(l);
    const mr = this.fillMeans(r);
    return (this.meanValue[node] = (t.cover[l]! * ml + t.cover[r]! * mr) / t.cover[node]!);
  }

  /**
   * Writes each feature's contribution (log-odds) for row `x` into `phi` (length = feature count,
   * overwritten) and returns the base value; sum(phi) + base value = margin(x).
   */
  explain(x: ArrayLike<number>, phi: Float64Array): number {
    phi.fill(0);
    for (const root of this.trees.roots) this.recurse(x, phi, root, 0, 0, 1, 1, -1);
    return this.baseValue;
  }

  private extend(at: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
    const w = this.weight;
    this.feature[at + depth] = feature;
    this.zero[at + depth] = zeroFraction;
    this.one[at + depth] = oneFraction;
    w[at + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      w[at + i + 1]! += (oneFraction * w[at + i]! * (i + 1)) / (depth + 1);
      w[at + i] = (zeroFraction * w[at + i]! * (depth - i)) / (depth + 1);
    }
  }

  private unwind(at: number, depth: number, index: number): void {
    const w = this.weight;
    const oneFraction = this.one[at + index]!;
    const zeroFraction = this.zero[at + index]!;
    let next = w[at + depth]!;
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = w[at + i]!;
        w[at + i] = (next * (depth + 1)) / ((i + 1) * oneFraction);
        next = tmp - (w[at + i]! * zeroFraction * (depth - i)) / (depth + 1);
      } else {
        w[at + i] = (w[at + i]! * (depth + 1)) / (zeroFraction * (depth - i));
      }
    }
    for (let i = index; i < depth; i++) {
      this.feature[at + i] = this.feature[at + i + 1]!;
      this.zero[at + i] = this.zero[at + i + 1]!;
      this.one[at + i] = this.one[at + i + 1]!;
    }
  }

  private unwoundSum(at: number, depth: number, index: number): number {
    const w = this.weight;
    const oneFraction = this.one[at + index]!;
    const zeroFraction = this.zero[at + index]!;
    let next = w[at + depth]!;
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (next * (depth + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        next = w[at + i]! - (tmp * zeroFraction * (depth - i)) / (depth + 1);
      } else {
        total += w[at + i]! / zeroFraction / ((depth - i) / (depth + 1));
      }
    }
    return total;
  }

  private recurse(
    x: ArrayLike<number>,
    phi: Float64Array,
    node: number,
    parentAt: number,
    depth: number,
    zeroFraction: number,
    oneFraction: number,
    feature: number,
  ): void {
    const t = this.trees;
    // This level's path starts right after the parent's (which has depth + 1 elements at most).
    const at = depth === 0 ? 0 : parentAt + depth;
    // A plain loop: paths are a few elements long, shorter than copyWithin's call overhead.
    for (let i = 0; i < depth; i++) {
      this.feature[at + i] = this.feature[parentAt + i]!;
      this.zero[at + i] = this.zero[parentAt + i]!;
      this.one[at + i] = this.one[parentAt + i]!;
      this.weight[at + i] = this.weight[parentAt + i]!;
    }
    this.extend(at, depth, zeroFraction, oneFraction, feature);

    if (t.left[node] === -1) {
      const leaf = t.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(at, depth, i);
        phi[this.feature[at + i]!]! += w * (this.one[at + i]! - this.zero[at + i]!) * leaf;
      }
      return;
    }
    const split = t.feature[node]!;
    const v = x[split]!;
    const goLeft = Number.isNaN(v) ? t.missingLeft[node] === 1 : Math.fround(v) < t.threshold[node]!;
    const hot = goLeft ? t.left[node]! : t.right[node]!;
    const cold = goLeft ? t.right[node]! : t.left[node]!;
    const cover = t.cover[node]!;
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;
    // A feature split on again along the path: undo its earlier split, then redo it below.
    let index = 0;
    while (index <= d && this.feature[at + index] !== split) index++;
    if (index <= d) {
      incomingZero = this.zero[at + index]!;
      incomingOne = this.one[at + index]!;
      this.unwind(at, d, index);
      d -= 1;
    }
    this.recurse(x, phi, hot, at, d + 1, (t.cover[hot]! / cover) * incomingZero, incomingOne, split);
    this.recurse(x, phi, cold, at, d + 1, (t.cover[cold]! / cover) * incomingZero, 0, split);
  }
}
