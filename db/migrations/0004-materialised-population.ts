/**
 * Migration 4: the population's model inputs and scores, stored so that population statistics (Compare,
 * Threshold, monitoring, fairness, similar clients) read them instead of recomputing every client's
 * features at each start. Column-wise in chunks of consecutive clients (SK_ID_CURR order): a plot of one
 * feature reads that feature's blobs only (4 bytes a client), never the other 177.
 * - population_chunk: the clients of a chunk (float64 SK_ID_CURR, float32 TARGET with NaN = unknown);
 * - feature_column: one feature's float32 values for a chunk, tagged with the feature set's version;
 * - score_column: one model's float32 probabilities for a chunk, tagged with the model file's SHA-256
 *   (a model's stored scores are never read as another's);
 * - materialised: what is complete, for which version, and the state of the clients it was computed from.
 * Frozen text: migrations are append-only, a later change is a new migration.
 */
export const MIGRATION_0004_MATERIALISED_POPULATION = `
CREATE TABLE "population_chunk" (
  "feature_set" TEXT NOT NULL,
  "chunk" INTEGER NOT NULL,
  "client_ids" BLOB NOT NULL,
  "targets" BLOB NOT NULL,
  PRIMARY KEY ("feature_set", "chunk")
) WITHOUT ROWID;

CREATE TABLE "feature_column" (
  "feature_set" TEXT NOT NULL,
  "feature" INTEGER NOT NULL,
  "chunk" INTEGER NOT NULL,
  "vals" BLOB NOT NULL,
  PRIMARY KEY ("feature_set", "feature", "chunk")
) WITHOUT ROWID;

CREATE TABLE "score_column" (
  "model_sha256" TEXT NOT NULL,
  "feature_set" TEXT NOT NULL,
  "chunk" INTEGER NOT NULL,
  "probabilities" BLOB NOT NULL,
  PRIMARY KEY ("model_sha256", "feature_set", "chunk")
) WITHOUT ROWID;

CREATE TABLE "materialised" (
  "kind" TEXT NOT NULL CHECK ("kind" IN ('features', 'scores')),
  "version" TEXT NOT NULL,
  "feature_set" TEXT NOT NULL,
  "clients" INTEGER NOT NULL,
  "source" TEXT NOT NULL,
  "completed_at" TEXT NOT NULL,
  PRIMARY KEY ("kind", "version", "feature_set")
);
`;
