/**
 * Migration 2: the app's own tables — local users, the append-only decision log (hash-chained), policy
 * changes, installed models, applications entered in the app, and score events (what monitoring reads).
 * Frozen text: migrations are append-only, a later change is a new migration.
 *
 * Timestamps are ISO 8601 UTC text ('2026-11-24T23:05:00.000Z'): they sort and group by month as text.
 */
export const MIGRATION_0002_APP_TABLES = `
CREATE TABLE "app_user" (
  "user_id" INTEGER PRIMARY KEY,
  "username" TEXT NOT NULL UNIQUE COLLATE NOCASE,
  "display_name" TEXT NOT NULL,
  "role" TEXT NOT NULL CHECK ("role" IN ('officer', 'manager')),
  "branch" TEXT NOT NULL DEFAULT '',
  -- scrypt$N$r$p$<salt base64>$<key base64> (node:crypto scrypt): the password itself is never stored.
  "password_hash" TEXT NOT NULL,
  "created_at" TEXT NOT NULL,
  "disabled_at" TEXT
);

-- Every recorded decision, contest and review. Append-only (triggers below) and tamper-evident: "hash" is
-- sha256 of "prev_hash" and the entry's canonical content, so altering, deleting, reordering or inserting
-- an entry breaks the chain from that entry on.
CREATE TABLE "decision_log" (
  "seq" INTEGER PRIMARY KEY,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('decision', 'contest', 'review')),
  "client_id" INTEGER NOT NULL,
  "decision" TEXT CHECK ("decision" IN ('granted', 'refused', 'override')),
  "override_direction" TEXT CHECK ("override_direction" IN ('grant', 'refuse')),
  "reason_code" TEXT,
  "comment" TEXT NOT NULL DEFAULT '',
  -- What the model said when the decision was taken.
  "model_decision" TEXT CHECK ("model_decision" IN ('granted', 'refused')),
  "probability" REAL,
  "threshold" REAL,
  "model_version" TEXT,
  -- A contest or a review refers to the decision it is about.
  "refers_to" INTEGER REFERENCES "decision_log" ("seq"),
  "user_id" INTEGER NOT NULL REFERENCES "app_user" ("user_id"),
  "username" TEXT NOT NULL,
  "branch" TEXT NOT NULL DEFAULT '',
  "recorded_at" TEXT NOT NULL,
  "prev_hash" TEXT NOT NULL,
  "hash" TEXT NOT NULL UNIQUE
);
CREATE INDEX "decision_log_client" ON "decision_log" ("client_id", "seq");
CREATE TRIGGER "decision_log_no_update" BEFORE UPDATE ON "decision_log"
  BEGIN SELECT RAISE(ABORT, 'decision_log is append-only'); END;
CREATE TRIGGER "decision_log_no_delete" BEFORE DELETE ON "decision_log"
  BEGIN SELECT RAISE(ABORT, 'decision_log is append-only'); END;

-- Every change of the policy threshold: who, when, why, from what.
CREATE TABLE "policy_change" (
  "change_id" INTEGER PRIMARY KEY,
  "model_version" TEXT NOT NULL,
  "previous" REAL NOT NULL,
  "threshold" REAL NOT NULL CHECK ("threshold" > 0 AND "threshold" < 1),
  "reason" TEXT NOT NULL,
  "user_id" INTEGER NOT NULL REFERENCES "app_user" ("user_id"),
  "username" TEXT NOT NULL,
  "changed_at" TEXT NOT NULL
);

-- Every model installed or rolled back: the file kept for rollback, its hash, who did it.
CREATE TABLE "model_install" (
  "install_id" INTEGER PRIMARY KEY,
  "action" TEXT NOT NULL CHECK ("action" IN ('install', 'rollback')),
  "model_version" TEXT NOT NULL,
  "sha256" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "previous_version" TEXT,
  "user_id" INTEGER REFERENCES "app_user" ("user_id"),
  "username" TEXT NOT NULL,
  "installed_at" TEXT NOT NULL
);

-- Applications entered in the app (their fields live in "application" like any imported client).
CREATE TABLE "app_application" (
  "client_id" INTEGER PRIMARY KEY,
  "user_id" INTEGER NOT NULL REFERENCES "app_user" ("user_id"),
  "username" TEXT NOT NULL,
  "branch" TEXT NOT NULL DEFAULT '',
  "created_at" TEXT NOT NULL
);

-- Each score an officer looked at or recorded: what monitoring groups by month for drift and approval rates.
CREATE TABLE "score_event" (
  "event_id" INTEGER PRIMARY KEY,
  "client_id" INTEGER NOT NULL,
  "model_version" TEXT NOT NULL,
  "probability" REAL NOT NULL,
  "threshold" REAL NOT NULL,
  "model_decision" TEXT NOT NULL CHECK ("model_decision" IN ('granted', 'refused')),
  "user_id" INTEGER REFERENCES "app_user" ("user_id"),
  "scored_at" TEXT NOT NULL
);
CREATE INDEX "score_event_time" ON "score_event" ("scored_at");
CREATE INDEX "score_event_client" ON "score_event" ("client_id", "scored_at");

-- Small settings of this database (e.g. the language of letters), key → JSON value.
CREATE TABLE "app_setting" (
  "key" TEXT PRIMARY KEY,
  "value" TEXT NOT NULL
);
`;
