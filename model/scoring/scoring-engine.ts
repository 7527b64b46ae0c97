import { FEATURE_COUNT } from '../features/feature-registry.js';
import { loadModel, type LoadedModel } from '../model-file/load-model.js';
import { OnnxScorer } from './onnx-scorer.js';
import { scoreBand, type ScoreBand } from './score-band.js';
import { TreeShapExplainer } from '../explanation/tree-shap.js';

export type Decision = 'granted' | 'refused';

/** What the policy says about one probability of default. */
export interface ScoreResult {
  probability: number;
  threshold: number;
  decision: Decision;
  band: ScoreBand;
  modelVersion: string;
}

/** Exact contributions of each model input to one score. */
export interface Explanation {
  /** Expected margin over the training data (log-odds). */
  baseValue: number;
  /** The client's margin: baseValue + sum of contributions (log-odds). */
  margin: number;
  /** Per model input, in log-odds (the exact TreeSHAP values). */
  contributions: Float64Array;
  /** The same contributions on the probability scale; they add up to probability − baseProbability. */
  probabilityContributions: Float64Array;
  baseProbability: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The scoring engine: a verified model, its ONNX session in a worker thread, and TreeSHAP over the
 * same trees. Feature vectors are in this build's registry order (computeFeatures); the engine maps
 * them to the model's input order.
 */
export class ScoringEngine {
  private readonly explainer: TreeShapExplainer;
  private readonly phi: Float64Array;

  private constructor(
    readonly model: LoadedModel,
    private readonly scorer: OnnxScorer,
  ) {
    this.explainer = new TreeShapExplainer(model.trees);
    this.phi = new Float64Array(model.trees.featureCount);
  }

  /** Verifies and loads a model file (see loadModel for the checks), then starts its worker. */
  static async open(modelPath: string, trustedKeys?: readonly string[]): Promise<ScoringEngine> {
    const model = loadModel(modelPath, trustedKeys);
    return new ScoringEngine(model, await OnnxScorer.start(model.bytes, model.trees.featureCount));
  }

  get modelVersion(): string {
    return this.model.metadata.model_version;
  }

  get threshold(): number {
    return this.model.metadata.threshold;
  }

  /** The decision, band and version for a probability, under `threshold` (default: the model's policy). */
  judge(probability: number, threshold = this.threshold): ScoreResult {
    return {
      probability,
      threshold,
      decision: probability >= threshold ? 'refused' : 'granted',
      band: scoreBand(probability, threshold),
      modelVersion: this.modelVersion,
    };
  }

  /** Probabilities of default of feature vectors (registry order, NaN = missing), scored in the worker. */
  async probabilities(vectors: readonly Float64Array[]): Promise<Float32Array> {
    const width = this.model.inputIndex.length;
    const rows = new Float32Array(vectors.length * width);
    vectors.forEach((vector, r) => this.toModelInput(vector, rows, r * width));
    return this.scorer.score(rows, vectors.length);
  }

  /** Probabilities of rows already in the model's input order (float32, row-major), e.g. from worker threads. */
  probabilitiesOfRows(rows: Float32Array, count: number): Promise<Float32Array> {
    return this.scorer.score(rows, count);
  }

  /** Writes a registry-order vector into `out` at `offset` in the model's input order (float32). */
  toModelInput(vector: Float64Array, out: Float32Array, offset = 0): void {
    if (vector.length !== FEATURE_COUNT) throw new Error(`Feature vector has ${vector.length} values, expected ${FEATURE_COUNT}.`);
    const index = this.model.inputIndex;
    for (let j = 0; j < index.length; j++) out[offset + j] = vector[index[j]!]!;
  }

  /** Exact TreeSHAP of one feature vector (registry order). */
  explain(vector: Float64Array): Explanation {
    const input = new Float32Array(this.model.inputIndex.length);
    this.toModelInput(vector, input);
    const baseValue = this.explainer.explain(input, this.phi);
    const contributions = Float64Array.from(this.phi);
    let margin = baseValue;
    for (const c of contributions) margin += c;
    const baseProbability = sigmoid(baseValue);
    // On the probability scale, each contribution gets its share of the total move from the base
    // probability, in proportion to its log-odds contribution: additive, signs kept, exact in total.
    const total = margin - baseValue;
    const scale = Math.abs(total) > 1e-12 ? (sigmoid(margin) - baseProbability) / total : baseProbability * (1 - baseProbability);
    return {
      baseValue,
      margin,
      contributions,
      probabilityContributions: contributions.map((c) => c * scale),
      baseProbability,
    };
  }

  /**
   * Stops the ONNX worker once its calls are answered, keeping the model (metadata, trees): for a model
   * kept for what it says, not to score — e.g. the one serving the figures while an install's scores are
   * computed. A later call to score starts it again.
   */
  releaseScoring(): void {
    this.scorer.release();
  }

  /** Stops the worker. */
  close(): Promise<void> {
    return this.scorer.close();
  }
}
