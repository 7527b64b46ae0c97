/**
 * Migration 3: where every imported row comes from, and one decision per client enforced by SQLite.
 * Frozen text: migrations are append-only, a later change is a new migration.
 *
 * - import_file becomes the history of every file version loaded (no longer unique by content: loading
 *   version 1 again after version 2 is a replacement, recorded as such). A file's "source" is its table and
 *   its name, case-insensitive; the source's current version is its row with replaced_at NULL (one at most).
 * - Each Home Credit row carries import_file_id, the version that brought it (NULL: entered in the app, or
 *   loaded before this migration by a table that had several files). Replacing a version deletes exactly
 *   its rows. No index on it: a replacement scans the table once, imports stay as fast as before.
 * - The one-decision rule becomes a unique partial index (see oneDecisionIndexSql).
 */
export const MIGRATION_0003_INTEGRITY = `
CREATE TABLE "import_file_v3" (
  "file_id" INTEGER PRIMARY KEY,
  "sha256" TEXT NOT NULL,
  "file_name" TEXT NOT NULL,
  "table_name" TEXT NOT NULL,
  "rows_read" INTEGER NOT NULL,
  "rows_imported" INTEGER NOT NULL,
  "rows_rejected" INTEGER NOT NULL,
  "imported_at" TEXT NOT NULL,
  -- When a later version of the same source replaced this one (its rows were deleted then); NULL: current.
  "replaced_at" TEXT
);
INSERT INTO "import_file_v3" ("sha256", "file_name", "table_name", "rows_read", "rows_imported", "rows_rejected", "imported_at")
  SELECT sha256, file_name, table_name, rows_read, rows_imported, rows_rejected, imported_at FROM import_file ORDER BY imported_at;
DROP TABLE import_file;
ALTER TABLE "import_file_v3" RENAME TO "import_file";
CREATE UNIQUE INDEX "import_file_current" ON "import_file" ("table_name", lower("file_name")) WHERE "replaced_at" IS NULL;
CREATE INDEX "import_file_by_hash" ON "import_file" ("sha256");

ALTER TABLE "application" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "bureau" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "bureau_balance" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "previous_application" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "POS_CASH_balance" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "installments_payments" ADD COLUMN "import_file_id" INTEGER;
ALTER TABLE "credit_card_balance" ADD COLUMN "import_file_id" INTEGER;

-- Rows loaded before: a table loaded from exactly one file came from that file (applications entered in
-- the app excepted); a table loaded from several files cannot be split, its rows keep NULL.
UPDATE "application" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'application')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'application') = 1
    AND "SK_ID_CURR" NOT IN (SELECT client_id FROM app_application);
UPDATE "bureau" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'bureau')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'bureau') = 1;
UPDATE "bureau_balance" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'bureau_balance')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'bureau_balance') = 1;
UPDATE "previous_application" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'previous_application')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'previous_application') = 1;
UPDATE "POS_CASH_balance" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'POS_CASH_balance')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'POS_CASH_balance') = 1;
UPDATE "installments_payments" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'installments_payments')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'installments_payments') = 1;
UPDATE "credit_card_balance" SET "import_file_id" = (SELECT file_id FROM import_file WHERE table_name = 'credit_card_balance')
  WHERE (SELECT count(*) FROM import_file WHERE table_name = 'credit_card_balance') = 1;
`;

/**
 * The unique partial index behind "one decision per client". A database written before it may already hold
 * a second decision for a client (two requests at once could both pass the old check): the log is
 * append-only, so those entries stay, named in the index's condition, and no new one can join them.
 */
export function oneDecisionIndexSql(legacyDuplicateSeqs: readonly number[]): string {
  const legacy = legacyDuplicateSeqs.length ? ` AND "seq" NOT IN (${legacyDuplicateSeqs.map((s) => Math.trunc(s)).join(', ')})` : '';
  return `CREATE UNIQUE INDEX "decision_log_one_decision" ON "decision_log" ("client_id") WHERE "kind" = 'decision'${legacy};`;
}

/** Decisions that repeat an earlier decision of the same client (only possible before migration 3). */
export const LEGACY_DUPLICATE_DECISIONS_SQL = `
SELECT d."seq" FROM "decision_log" AS d
WHERE d."kind" = 'decision'
  AND EXISTS (SELECT 1 FROM "decision_log" AS e WHERE e."kind" = 'decision' AND e."client_id" = d."client_id" AND e."seq" < d."seq")`;
