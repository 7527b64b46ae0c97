/**
 * The branch report bundle: what a branch sends HQ for a period of whole months — one folder holding
 * `manifest.json` (branch, period, app version, the decision-log chain's previous and new head, each
 * file's row count and sha256), `manifest.sig` (the branch key's Ed25519 signature over the manifest's
 * bytes) and the data files below. The branch writes it (report-bundle/export-bundle.ts), HQ reads it
 * (hq/ingest): one definition of every file, checked with zod on both sides.
 *
 * No application data leaves the branch: score events carry the client id, month, model version,
 * probability, threshold and decision; monitoring carries counts only. Outcomes (the TARGET of clients
 * the branch scored or decided on, for retraining and for HQ's default rate by band) are sent only when
 * the branch asks (`--with-outcomes`): client id and outcome, nothing else. IT may have the client ids of
 * score events and outcomes replaced by keyed pseudonyms (client-pseudonym.ts).
 */
import { z } from 'zod';
import { SCORE_BANDS, type ScoreBand } from '../../scoring/score-band.js';

/** The bundle's format version (manifest.format); 2 added the content flags and outcomes. */
export const BUNDLE_FORMAT = 2;

/** The data files of a bundle, in the manifest's order; outcomes.jsonl only when the branch sends outcomes. */
export const BUNDLE_FILES = ['decision-log.jsonl', 'policy-changes.jsonl', 'model-installs.jsonl', 'score-events.jsonl', 'monitoring.json', 'outcomes.jsonl'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const chainPoint = z.object({ seq: z.number().int().nonnegative(), hash: sha256 });

/** A client as a bundle names it: the branch's client id, or its keyed pseudonym (HMAC-SHA256, hex). */
export const ClientRefSchema = z.union([z.number().int(), z.string().regex(/^[0-9a-f]{64}$/, 'a client id or a 64-hex pseudonym')]);
export type ClientRef = z.infer<typeof ClientRefSchema>;

/** What the bundle holds beyond the fixed files: outcomes or not, client ids as stored or pseudonymised. */
export const BundleContentSchema = z.object({
  outcomes: z.boolean(),
  clientIds: z.enum(['as-stored', 'pseudonymised']),
  /** With pseudonymised ids: which key made them (a keyed hash of a fixed label, never the key). */
  pseudonymKeyId: z.string().regex(/^[0-9a-f]{16}$/).optional(),
});
export type BundleContentFlags = z.infer<typeof BundleContentSchema>;

export const BundleManifestSchema = z.object({
  format: z.union([z.literal(1), z.literal(BUNDLE_FORMAT)]),
  kind: z.literal('octroi-branch-report'),
  /** Format 1 bundles had neither outcomes nor pseudonyms. */
  content: BundleContentSchema.default({ outcomes: false, clientIds: 'as-stored' }),
  branch: z.string().min(1),
  appVersion: z.string(),
  /** Whole months, first and last included. */
  period: z.object({ from: month, to: month }),
  /** The decision log: the entry the bundle continues from (seq 0 and the genesis hash for the first bundle) and its last entry. */
  chain: z.object({ previous: chainPoint, head: chainPoint, entries: z.number().int().nonnegative() }),
  files: z.record(z.enum(BUNDLE_FILES), z.object({ rows: z.number().int().nonnegative(), sha256 })),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export const BundleSignatureSchema = z.object({
  algorithm: z.literal('ed25519'),
  /** sha256 (hex, first 16) of the branch's public key. */
  keyId: z.string(),
  /** Over the bytes of manifest.json, base64. */
  signature: z.string().min(1),
});
export type BundleSignature = z.infer<typeof BundleSignatureSchema>;

/** A decision-log entry exactly as stored at the branch (every hashed column, and the hash). */
export const DecisionEntrySchema = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['decision', 'contest', 'review']),
  client_id: z.number().int(),
  decision: z.enum(['granted', 'refused', 'override']).nullable(),
  override_direction: z.enum(['grant', 'refuse']).nullable(),
  reason_code: z.string().nullable(),
  comment: z.string(),
  model_decision: z.enum(['granted', 'refused']).nullable(),
  probability: z.number().nullable(),
  threshold: z.number().nullable(),
  model_version: z.string().nullable(),
  refers_to: z.number().int().nullable(),
  user_id: z.number().int(),
  username: z.string(),
  branch: z.string(),
  recorded_at: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type DecisionEntry = z.infer<typeof DecisionEntrySchema>;

export const PolicyChangeRowSchema = z.object({
  change_id: z.number().int(),
  model_version: z.string(),
  previous: z.number(),
  threshold: z.number(),
  reason: z.string(),
  username: z.string(),
  changed_at: z.string(),
});
export type PolicyChangeRow = z.infer<typeof PolicyChangeRowSchema>;

export const ModelInstallRowSchema = z.object({
  install_id: z.number().int(),
  action: z.enum(['install', 'rollback']),
  model_version: z.string(),
  sha256: z.string(),
  previous_version: z.string().nullable(),
  username: z.string(),
  installed_at: z.string(),
});
export type ModelInstallRow = z.infer<typeof ModelInstallRowSchema>;

export const ScoreEventRowSchema = z.object({
  event_id: z.number().int(),
  client_id: ClientRefSchema,
  month,
  model_version: z.string(),
  probability: z.number(),
  threshold: z.number(),
  decision: z.enum(['granted', 'refused']),
});
export type ScoreEventRow = z.infer<typeof ScoreEventRowSchema>;

/**
 * An outcome: a client the branch scored or decided on whose outcome (TARGET) is known — the client and
 * the outcome, nothing else (the database does not record when the outcome became known).
 */
export const OutcomeRowSchema = z.object({ client_id: ClientRefSchema, target: z.union([z.literal(0), z.literal(1)]) }).strict();
export type OutcomeRow = z.infer<typeof OutcomeRowSchema>;

const count = z.number().int().nonnegative();
const referenceBins = z.object({ edges: z.array(z.number()), shares: z.array(z.number()), missing: z.number() });

/** The monitoring aggregates of the period: counts only, per month. */
export const MonitoringAggregatesSchema = z.object({
  /** Per month: distinct clients scored and granted by the model, decisions recorded, granted in the end, overrides. */
  activity: z.array(
    z.object({ month, scored: count, modelGranted: count, decided: count, finalGranted: count, overrides: count }),
  ),
  /** Per month and officer: decisions, overrides, overrides towards granting. */
  officers: z.array(
    z.object({ month, userId: z.number().int(), username: z.string(), displayName: z.string(), branch: z.string(), decisions: count, overrides: count, toGrant: count }),
  ),
  /**
   * Drift: the reference bins of the model in use (from its signed metadata) and, per month, the counts
   * of that month's clients in each bin (last index: missing) for the score and each feature.
   */
  drift: z.object({
    modelVersion: z.string(),
    reference: z.object({ score: referenceBins, features: z.record(z.string(), referenceBins) }),
    months: z.array(z.object({ month, rows: count, score: z.array(count), features: z.record(z.string(), z.array(count)) })),
  }),
  /** Fairness: per month, attribute and group, the model's decisions on the clients scored and the decisions recorded. */
  fairness: z.array(
    z.object({ month, attribute: z.enum(['sex', 'age', 'family']), group: z.string(), kind: z.enum(['model', 'recorded']), count, approved: count }),
  ),
  /** Default rate by band: clients scored in the month whose outcome (TARGET) is known, by band of their score. */
  outcomes: z.array(z.object({ month, band: z.enum(SCORE_BANDS as [ScoreBand, ...ScoreBand[]]), clients: count, defaults: count })),
});
export type MonitoringAggregates = z.infer<typeof MonitoringAggregatesSchema>;
