/**
 * Contract channels of governance: the audit status of the decision log, a client's contest of a decision
 * and its review (GDPR art. 22: human review on request), and installing or rolling back a model.
 */
import { z } from 'zod';
import { count, DecisionSchema, id, text, timestamp } from './contract-common.js';

/** What the chain check found (db/decision-log.ts ChainVerification). */
export const AuditStatusSchema = z
  .object({
    ok: z.boolean(),
    entries: count(),
    /** Hash of the last entry: written down elsewhere, it shows later whether the log was rewritten. */
    head: z.string().regex(/^[0-9a-f]{64}$/),
    /** The first bad entry (null when the chain is intact). */
    firstBad: z
      .object({ seq: id(), problem: z.enum(['altered', 'deleted/missing', 'reordered', 'inserted', 'broken link']), message: text(500) })
      .strict()
      .nullable(),
    checkedAt: timestamp(),
  })
  .strict();

/** A client's contest of a recorded decision, as the log holds it. */
export const ContestEntrySchema = z
  .object({
    kind: z.literal('contest'),
    decisionId: id(),
    clientId: id(),
    /** The decision contested. */
    refersTo: id(),
    comment: z.string().max(2000),
    recordedBy: text(100),
    recordedAt: timestamp(),
  })
  .strict();

/** A manager's review of a decision: upheld or changed, and the decision that now stands. */
export const ReviewEntrySchema = z
  .object({
    kind: z.literal('review'),
    decisionId: id(),
    clientId: id(),
    /** The decision reviewed. */
    refersTo: id(),
    outcome: z.enum(['upheld', 'changed']),
    /** The decision that stands after the review. */
    decision: DecisionSchema,
    comment: z.string().max(2000),
    recordedBy: text(100),
    recordedAt: timestamp(),
  })
  .strict();

/** One install or rollback of a model (model/governance/model-install.ts ModelInstallRecord, without the file path). */
export const ModelInstallSchema = z
  .object({
    installId: id(),
    action: z.enum(['install', 'rollback']),
    modelVersion: text(100),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    previousVersion: text(100).nullable(),
    username: text(100),
    installedAt: timestamp(),
  })
  .strict();

/** What an install or a rollback changed. */
const ModelSwitchSchema = z
  .object({ modelVersion: text(100), previousVersion: text(100), sha256: z.string().regex(/^[0-9a-f]{64}$/), warnings: z.array(text(1000)).max(20) })
  .strict();

/** The governance verbs. */
export const GOVERNANCE_CHANNELS = {
  /** Checks the decision log's hash chain (at start, and on demand): the renderer warns when `ok` is false. */
  'audit:status': {
    request: z.object({}).strict(),
    response: AuditStatusSchema,
  },
  /** Records a client's contest of a decision (any signed-in user; 'validation' if the entry is not a decision). */
  'decisions:contest': {
    request: z.object({ decisionId: id(), comment: z.string().trim().min(10).max(2000) }).strict(),
    response: ContestEntrySchema,
  },
  /**
   * Records a manager's review of a decision (managers only; 'forbidden' for the one who took the
   * decision: review is by someone else). 'changed' turns the decision that stood into the other one.
   */
  'decisions:review': {
    request: z.object({ decisionId: id(), outcome: z.enum(['upheld', 'changed']), comment: z.string().trim().min(10).max(2000) }).strict(),
    response: ReviewEntrySchema,
  },
  /**
   * Installs a model file the manager picks (main opens the dialog; 'cancelled' if closed): verified
   * (hash, signature by a trusted key, feature contract) before it replaces the model in use
   * ('model-refused' naming the failed check, the current model kept); the previous one is kept for rollback.
   */
  'models:install': {
    request: z.object({}).strict(),
    response: ModelSwitchSchema,
  },
  /** Returns to the model in use before the last install (managers only; 'conflict' when there is none). */
  'models:rollback': {
    request: z.object({}).strict(),
    response: ModelSwitchSchema,
  },
  /** The model in use and every install and rollback, newest first. */
  'models:history': {
    request: z.object({}).strict(),
    response: z
      .object({ active: z.object({ modelVersion: text(100), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), installs: z.array(ModelInstallSchema).max(10_000), canRollBack: z.boolean() })
      .strict(),
  },
} as const;
