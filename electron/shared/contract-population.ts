/** Contract channels of population statistics, for plots: distributions, pairs of features, importance. */
import { z } from 'zod';
import { count, FeatureNameSchema, FeatureUnitSchema, finite, id, InputKeySchema, LabelledFeatureSchema, LangSchema, text } from './contract-common.js';

/** How the population is split in a plot. */
export const GroupBySchema = z.enum(['none', 'decision', 'outcome', 'band']);

const MAX_BINS = 200;

/**
 * How far the stored population's materialisation is (at the first start on a database, after an import,
 * after a model install): pushed on `population:progress`, answered by population:status. `modelVersion`:
 * the model whose scores are computed; `servingModelVersion`: the model whose scores the figures come from
 * meanwhile (the model before an install until the new one's are stored).
 */
export const PopulationProgressSchema = z
  .object({
    stage: z.enum(['features', 'scores']),
    clients: count(),
    total: count(),
    modelVersion: text(200),
    servingModelVersion: text(200),
    /** True on the last event of a materialisation. */
    done: z.boolean(),
  })
  .strict();

/** The population verbs. */
export const POPULATION_CHANNELS = {
  /** Histogram of one feature by group, on common bin edges (counts per bin, missing apart). */
  'population:distribution': {
    request: z.object({ feature: FeatureNameSchema, groupBy: GroupBySchema, bins: z.number().int().min(2).max(MAX_BINS), lang: LangSchema }).strict(),
    response: z
      .object({
        feature: FeatureNameSchema,
        label: text(),
        unit: FeatureUnitSchema,
        /** bins + 1 increasing edges. */
        edges: z.array(finite()).min(2).max(MAX_BINS + 1),
        groups: z
          .array(z.object({ group: text(50), label: text(), counts: z.array(count()).max(MAX_BINS), missing: count() }).strict())
          .max(10),
      })
      .strict(),
  },
  /** A sample of clients with two features, for a scatter plot (at most maxPoints points). */
  'population:pairs': {
    request: z
      .object({ x: FeatureNameSchema, y: FeatureNameSchema, groupBy: GroupBySchema, maxPoints: z.number().int().min(1).max(20_000), lang: LangSchema })
      .strict(),
    response: z
      .object({
        x: LabelledFeatureSchema,
        y: LabelledFeatureSchema,
        points: z.array(z.object({ clientId: id(), x: finite().nullable(), y: finite().nullable(), group: text(50) }).strict()).max(20_000),
      })
      .strict(),
  },
  /** The materialisation running now (its last progress), or null when none runs. */
  'population:status': {
    request: z.object({}).strict(),
    response: PopulationProgressSchema.nullable(),
  },
  /**
   * The model's global importance per model input (mean |sum of the input's SHAP values|), most important
   * first; `feature`: the input's own column, plotted by population:distribution (null for a category field).
   */
  'population:importance': {
    request: z.object({ lang: LangSchema, top: z.number().int().min(1).max(500).optional() }).strict(),
    response: z
      .object({
        features: z
          .array(z.object({ input: InputKeySchema, feature: FeatureNameSchema.nullable(), label: text(), importance: finite().min(0) }).strict())
          .max(500),
      })
      .strict(),
  },
} as const;
