import { z } from 'zod';

/** Quantile bins of one feature in the training population (for drift: PSI). */
const FeatureBinsSchema = z.object({
  edges: z.array(z.number()),
  shares: z.array(z.number()),
  missing: z.number(),
});

/**
 * The metadata the training pipeline writes into the model file (key "octroi"): the contract between
 * model/training/octroi_training/onnx_export.py and the app. Validated on load; a model whose metadata
 * does not match is refused.
 */
export const ModelMetadataSchema = z.object({
  format: z.literal(1),
  model_version: z.string().min(1),
  created_at: z.string(),
  feature_set_version: z.string(),
  features: z.array(z.object({ name: z.string() })).min(1),
  excluded_inputs: z.array(z.object({ column: z.string(), reason: z.string() })),
  /** Inputs kept that deserve a fairness review (e.g. age); absent in models made before it existed. */
  sensitive_inputs: z.array(z.object({ column: z.string(), note: z.string() })).default([]),
  threshold: z.number().gt(0).lt(1),
  cost: z.object({ fn: z.number().positive(), fp: z.number().positive() }),
  calibration: z.object({ method: z.string(), a: z.number(), b: z.number(), calibrated: z.boolean() }),
  metrics: z.record(z.number()),
  training: z.object({
    source: z.string(),
    rows: z.number().int(),
    default_rate: z.number(),
    xgboost_version: z.string(),
    params: z.record(z.union([z.number(), z.string()])),
    rounds: z.number().int(),
    seed: z.number().int(),
  }),
  reference: z.object({
    features: z.record(FeatureBinsSchema),
    score: z.object({ edges: z.array(z.number()), shares: z.array(z.number()) }),
    rows: z.number().int(),
  }),
  importance: z.record(z.number()),
  /** Per model input (mean |sum of its columns' SHAP values|); absent in models made before it existed. */
  input_importance: z.record(z.number()).optional(),
  trees: z.object({
    count: z.number().int().positive(),
    base_margin: z.number(),
    calibration_folded: z.boolean(),
    covers: z.array(z.array(z.number())),
  }),
});
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

/** The metadata key under which the training pipeline stores the JSON above. */
export const METADATA_KEY = 'octroi';
