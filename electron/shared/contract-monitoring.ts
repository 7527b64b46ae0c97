/**
 * Contract channels of model monitoring (drift, activity), fairness, the model card, and data import (with
 * progress events). Monitoring and fairness are for managers: an officer gets 'forbidden', nobody signed
 * in 'unauthenticated'. Mirrors model/governance/monitoring/*.ts (DriftReport, ActivityReport, FairnessReport).
 */
import { z } from 'zod';
import { count, FeatureNameSchema, finite, InputKeySchema, LangSchema, probability, ScoreBandSchema, text, timestamp } from './contract-common.js';
import { PopulationProgressSchema } from './contract-population.js';

/**
 * Population stability of one variable: stable (PSI < 0.1), watch (< 0.25), drift; 'insufficient' when
 * the sample is below the minimum size (model/governance/monitoring/psi.ts PSI_MIN_SAMPLE) and no PSI was computed.
 */
export const DriftStatusSchema = z.enum(['stable', 'watch', 'drift', 'insufficient']);

/** A month, 'YYYY-MM'. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month (YYYY-MM)');

/** A PSI, null exactly when the status is 'insufficient'. */
const PsiFields = { psi: finite().min(0).nullable(), status: DriftStatusSchema };
const PsiSchema = z.object(PsiFields).strict();

/** The drift of one feature in one period. */
export const FeatureDriftSchema = z.object({ feature: FeatureNameSchema, label: text(), ...PsiFields }).strict();

/** One month (month = 'YYYY-MM') or the whole window (month = null). */
export const DriftPeriodSchema = z
  .object({
    month: MonthSchema.nullable(),
    /** Distinct clients scored or entered in the app in the period. */
    rows: count(),
    /** Below the minimum sample: no PSI computed for this period (psi null, status 'insufficient'). */
    insufficient: z.boolean(),
    score: PsiSchema,
    /** The window's most drifted features, the same ones in the same order in every period (plot them as series). */
    features: z.array(FeatureDriftSchema).max(500),
  })
  .strict();

/** Approval rate of one group, with its disparate-impact ratio to the most-approved group. */
export const GroupApprovalSchema = z
  .object({
    group: text(50),
    label: text(),
    count: count(),
    approved: count(),
    approvalRate: probability().nullable(),
    /** approvalRate ÷ the reference group's (may exceed 1 for a small group); null without a reference. */
    ratio: finite().min(0).nullable(),
    /** Fewer clients than minGroup: shown, never flagged, never the reference. */
    small: z.boolean(),
    /** ratio below flagBelow (0.8, the four-fifths rule). */
    flagged: z.boolean(),
  })
  .strict();

/** The groups of one attribute under one kind of decision. */
export const GroupedApprovalSchema = z
  .object({ total: count(), reference: text(50).nullable(), groups: z.array(GroupApprovalSchema).max(20) })
  .strict();

/** Override figures of an officer or a branch. */
const OverrideFields = {
  decisions: count(),
  overrides: count(),
  toGrant: count(),
  toRefuse: count(),
  overrideRate: probability().nullable(),
  /** overrideRate above overrideWarnRate (10 %). */
  warn: z.boolean(),
};

/** The model card, as the app shows it (model/model-file/model-metadata.ts, in plain JSON). */
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
    sensitiveInputs: z.array(z.object({ column: text(2000), note: text(1000) }).strict()).max(500),
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
    /**
     * Only on the import's last event ('done' with `fileIndex` = `fileCount`; each file's own 'done' has
     * none): what the import did (db/import ImportSummary).
     */
    summary: z
      .object({
        tables: z.record(text(100), z.object({ read: count(), imported: count(), rejected: count() }).strict()),
        /** The reject report's path (file, line, column, value, reason), or null when no row was rejected. */
        rejects: text(4096).nullable(),
        refused: z.array(z.object({ file: text(4096), line: count().nullable(), message: text(2000) }).strict()).max(1000),
        skipped: z.array(z.object({ file: text(4096), reason: text(2000) }).strict()).max(1000),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The monitoring, model and import verbs. */
export const MONITORING_CHANNELS = {
  /**
   * Drift of recent applications (clients scored or entered in the app, by month) against the model's
   * reference statistics: PSI of the score and of each feature, per month and over the window of `months`
   * months ending with `until` (default: the latest month with activity); `top` features listed, the most
   * drifted first. Managers only ('forbidden' for an officer). Empty `months` when nothing was ever scored.
   */
  'monitoring:drift': {
    request: z
      .object({ lang: LangSchema, months: z.number().int().min(1).max(36).optional(), until: MonthSchema.optional(), top: z.number().int().min(1).max(200).optional() })
      .strict(),
    response: z
      .object({
        modelVersion: text(100),
        computedAt: timestamp(),
        /** Fewer rows than this in a period: no PSI. */
        minSample: count(),
        thresholds: z.object({ watch: finite(), drift: finite() }).strict(),
        months: z.array(MonthSchema).max(36),
        overall: DriftPeriodSchema.extend({
          featureStatus: z.object({ stable: count(), watch: count(), drift: count(), insufficient: count() }).strict(),
        }).strict(),
        byMonth: z.array(DriftPeriodSchema).max(36),
        /** Clients of the window's events no longer in the database. */
        unknownClients: count(),
      })
      .strict(),
  },
  /**
   * What officers did: approval rate by month (the model's decision when scored; the final decision
   * recorded), override rate per officer and per branch over the window (warn above 10 %), and the default
   * rate by score band where the outcome is known (every client of the database, the threshold in force).
   * Managers only.
   */
  'monitoring:activity': {
    request: z.object({ months: z.number().int().min(1).max(36).optional(), until: MonthSchema.optional() }).strict(),
    response: z
      .object({
        computedAt: timestamp(),
        overrideWarnRate: probability(),
        months: z
          .array(
            z
              .object({
                month: MonthSchema,
                scored: count(),
                modelGranted: count(),
                modelApprovalRate: probability().nullable(),
                decided: count(),
                finalGranted: count(),
                finalApprovalRate: probability().nullable(),
                overrides: count(),
                overrideRate: probability().nullable(),
              })
              .strict(),
          )
          .max(36),
        officers: z
          .array(z.object({ userId: z.number().int(), username: text(100), displayName: text(200), branch: text(200), ...OverrideFields }).strict())
          .max(10_000),
        branches: z.array(z.object({ branch: text(200), ...OverrideFields }).strict()).max(10_000),
        defaultsByBand: z
          .object({
            threshold: probability(),
            /** Clients whose outcome is known. */
            clients: count(),
            bands: z
              .array(
                z
                  .object({ band: ScoreBandSchema, from: probability(), to: probability(), clients: count(), defaults: count(), defaultRate: probability().nullable() })
                  .strict(),
              )
              .length(5),
          })
          .strict(),
      })
      .strict(),
  },
  /**
   * Fairness: approval rate by sex, by age band and by family status (the model's decision at the threshold in force over
   * every client; the final decisions recorded), disparate-impact ratio to the most-approved group
   * (flagged below 0.8), and for each protected attribute whether it is a model input — stated as it is
   * (or not). Managers only.
   */
  'fairness:report': {
    request: z.object({ lang: LangSchema }).strict(),
    response: z
      .object({
        modelVersion: text(100),
        computedAt: timestamp(),
        threshold: probability(),
        clients: count(),
        minGroup: count(),
        flagBelow: probability(),
        attributes: z
          .array(
            z
              .object({
                attribute: z.enum(['sex', 'age', 'family']),
                label: text(),
                columns: z.array(text(100)).max(20),
                modelInput: z.boolean(),
                inputs: z.array(z.object({ input: InputKeySchema, label: text() }).strict()).max(500),
                statement: text(2000),
              })
              .strict(),
          )
          .max(10),
        groupings: z
          .array(z.object({ attribute: z.enum(['sex', 'age', 'family']), label: text(), model: GroupedApprovalSchema, recorded: GroupedApprovalSchema }).strict())
          .max(10),
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
  'population:progress': PopulationProgressSchema,
} as const;
