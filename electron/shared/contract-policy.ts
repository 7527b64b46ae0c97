/** Contract channels of the credit policy: the threshold and its cost curve; setting it (managers only, recorded). */
import { z } from 'zod';
import { finite, probability, text, timestamp } from './contract-common.js';

/** A decision threshold: a probability of default strictly between 0 and 1. */
export const ThresholdSchema = z.number().gt(0).lt(1);

/** The policy in force and what other thresholds would cost. */
export const PolicySchema = z
  .object({
    threshold: ThresholdSchema,
    /** The threshold the model was shipped with (its cost-optimal policy). */
    modelThreshold: ThresholdSchema,
    /** Costs of a missed default (fn) and of a refused good client (fp), as the model card states them. */
    cost: z.object({ fn: finite().positive(), fp: finite().positive() }).strict(),
    /** Expected cost per application, grant rate and default rate among the granted, by threshold. */
    curve: z
      .array(z.object({ threshold: ThresholdSchema, cost: finite().min(0), grantRate: probability(), defaultRate: probability().nullable() }).strict())
      .max(1000),
    /** Who last changed the threshold and when (null: the model's own). */
    changedBy: text(100).nullable(),
    changedAt: timestamp().nullable(),
  })
  .strict();

/** The policy verbs. */
export const POLICY_CHANNELS = {
  /** The threshold in force and the cost curve. */
  'policy:get': {
    request: z.object({}).strict(),
    response: PolicySchema,
  },
  /** Sets the threshold (managers only: 'forbidden' otherwise); the change and its reason are recorded. */
  'policy:setThreshold': {
    request: z.object({ threshold: ThresholdSchema, reason: z.string().trim().min(3).max(500) }).strict(),
    response: z.object({ previous: ThresholdSchema, threshold: ThresholdSchema, changedBy: text(100), changedAt: timestamp() }).strict(),
  },
} as const;
