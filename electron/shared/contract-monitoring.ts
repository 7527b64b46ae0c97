/** Contract channels of model monitoring (drift), the model card, and data import (with progress events). */
import { z } from 'zod';
import { count, FeatureNameSchema, finite, LangSchema, probability, text, timestamp } from './contract-common.js';

/** Population stability of one variable: stable (< 0.1), watch (< 0.25), drift. */
export const DriftStatusSchema = z.enum(['stable', 'watch', 'drift']);

/** The model card, as the app shows it (model/model-metadata.ts, in plain JSON). */
export const ModelCardSchema = z
  .object({
    modelVersion: text(100).min(1),
    createdAt: text(100),
    featureSetVersion: text(100),
    threshold: probability(),
    cost: z.object({ fn: finite().positive(), fp: finite().positive() }).strict(),
    metrics: z.record(text(100), finite()),
    training: z
      .object({ source: text(500), rows: count(), defaultRate: probability(), xgboostVersion: text(50), rounds: count(), seed: z.number().int() })
      .strict(),
    inputs: count(),
    excludedInputs: z.array(z.object({ column: text(100), reason: text(1000) }).strict()).max(500),
    sensitiveInputs: z.array(z.object({ column: text(100), note: text(1000) }).strict()).max(500),
    /** Whether the model file's signature was verified against a trusted key. */
    signed: z.boolean(),
  })
  .strict();

/** One step of an import, pushed on `import:progress` (db/import/import-types.ts ImportProgress). */
export const ImportProgressSchema = z
  .object({
    importId: z.string().uuid(),
    phase: z.enum(['hashing', 'loading', 'done', 'failed']),
    file: text(4096),
    table: text(100),
    fileIndex: count(),
    fileCount: count(),
    bytesRead: count(),
    bytesTotal: count(),
    rowsRead: count(),
    /** Set when phase is 'failed'. */
    message: text(2000).nullable(),
  })
  .strict();

/** The monitoring, model and import verbs. */
export const MONITORING_CHANNELS = {
  /** Drift of the scored population against the training reference (PSI on the score and each feature). */
  'monitoring:drift': {
    request: z.object({ lang: LangSchema }).strict(),
    response: z
      .object({
        modelVersion: text(100),
        computedAt: timestamp(),
        rows: count(),
        score: z.object({ psi: finite().min(0), status: DriftStatusSchema }).strict(),
        features: z.array(z.object({ feature: FeatureNameSchema, label: text(), psi: finite().min(0), status: DriftStatusSchema }).strict()).max(2000),
      })
      .strict(),
  },
  /** The card of the model in use. */
  'models:card': {
    request: z.object({ lang: LangSchema }).strict(),
    response: ModelCardSchema,
  },
  /**
   * Imports Home Credit CSV files the user picks (main opens the dialog: the renderer never names a
   * path); returns at once, progress follows on `import:progress` with the same importId.
   */
  'import:start': {
    request: z.object({}).strict(),
    response: z.object({ importId: z.string().uuid() }).strict(),
  },
} as const;

/** Events main pushes to the renderer (no reply): channel → payload schema. */
export const EVENT_CHANNELS = {
  'import:progress': ImportProgressSchema,
} as const;
