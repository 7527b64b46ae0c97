/**
 * The branch-side reads of a report bundle (model/governance/report-bundle/): what the branch sends HQ for
 * a period of whole months. Times are ISO 8601 UTC text, so a period is the text range [from, to) with
 * from = 'YYYY-MM-01' of its first month and to = that of the month after its last.
 */
import type { DecisionLogRow } from './decision-entry-hash.js';
import type { Db } from './open-database.js';

/** A period as SQL bounds: [from, to). */
export interface PeriodBounds {
  from: string;
  to: string;
}

/** The first month with any recorded activity (score, application, decision, policy change, install), or null. */
export function firstActivityMonth(db: Db): string | null {
  return db
    .prepare(
      `SELECT substr(min(t), 1, 7) FROM (
         SELECT min("scored_at") AS t FROM "score_event"
         UNION ALL SELECT min("created_at") FROM "app_application"
         UNION ALL SELECT min("recorded_at") FROM "decision_log"
         UNION ALL SELECT min("changed_at") FROM "policy_change"
         UNION ALL SELECT min("installed_at") FROM "model_install")`,
    )
    .pluck()
    .get() as string | null;
}

/** The branch names the database knows (its users' and its decisions'), non-empty, sorted. */
export function branchNames(db: Db): string[] {
  return db
    .prepare(`SELECT "branch" FROM "app_user" WHERE "branch" <> '' UNION SELECT "branch" FROM "decision_log" WHERE "branch" <> '' ORDER BY 1`)
    .pluck()
    .all() as string[];
}

/** The hash of decision-log entry `seq` as the log holds it now, or null. */
export function logEntryHash(db: Db, seq: number): string | null {
  return (db.prepare('SELECT "hash" FROM "decision_log" WHERE "seq" = ?').pluck().get(seq) as string | undefined) ?? null;
}

/**
 * The entries after `afterSeq`, in seq order, up to (not including) the first one recorded on or after
 * `before`: a contiguous run of the chain, so HQ can continue it.
 */
export function logEntriesAfter(db: Db, afterSeq: number, before: string): DecisionLogRow[] {
  const rows = db.prepare<[number], DecisionLogRow>('SELECT * FROM "decision_log" WHERE "seq" > ? ORDER BY "seq"').all(afterSeq);
  const end = rows.findIndex((row) => !(row.recorded_at < before));
  return end === -1 ? rows : rows.slice(0, end);
}

/** Policy changes of the period, in order. */
export function policyChangesIn(db: Db, period: PeriodBounds) {
  return db
    .prepare(
      `SELECT "change_id", "model_version", "previous", "threshold", "reason", "username", "changed_at"
       FROM "policy_change" WHERE "changed_at" >= ? AND "changed_at" < ? ORDER BY "change_id"`,
    )
    .all(period.from, period.to) as Array<{ change_id: number; model_version: string; previous: number; threshold: number; reason: string; username: string; changed_at: string }>;
}

/** Model installs and rollbacks of the period, in order (the local file path stays at the branch). */
export function modelInstallsIn(db: Db, period: PeriodBounds) {
  return db
    .prepare(
      `SELECT "install_id", "action", "model_version", "sha256", "previous_version", "username", "installed_at"
       FROM "model_install" WHERE "installed_at" >= ? AND "installed_at" < ? ORDER BY "install_id"`,
    )
    .all(period.from, period.to) as Array<{
    install_id: number;
    action: 'install' | 'rollback';
    model_version: string;
    sha256: string;
    previous_version: string | null;
    username: string;
    installed_at: string;
  }>;
}

/** Score events of the period: client id, month, model version, probability, threshold, decision — nothing of the application. */
export function scoreEventsIn(db: Db, period: PeriodBounds) {
  return db
    .prepare(
      `SELECT "event_id", "client_id", substr("scored_at", 1, 7) AS "month", "model_version", "probability", "threshold", "model_decision" AS "decision"
       FROM "score_event" WHERE "scored_at" >= ? AND "scored_at" < ? ORDER BY "event_id"`,
    )
    .all(period.from, period.to) as Array<{
    event_id: number;
    client_id: number;
    month: string;
    model_version: string;
    probability: number;
    threshold: number;
    decision: 'granted' | 'refused';
  }>;
}

/**
 * The outcomes a branch can send HQ at the end of a period: every client it scored or decided on before
 * `before` whose outcome (TARGET) is known now, by client id. The database keeps no date for an outcome,
 * so each bundle sends all of them again; HQ keeps one per client.
 */
export function knownOutcomes(db: Db, before: string) {
  return db
    .prepare(
      `SELECT "SK_ID_CURR" AS clientId, "TARGET" AS target FROM "application"
       WHERE "TARGET" IN (0, 1) AND "SK_ID_CURR" IN (
         SELECT "client_id" FROM "score_event" WHERE "scored_at" < ?
         UNION SELECT "client_id" FROM "decision_log" WHERE "kind" = 'decision' AND "recorded_at" < ?)
       ORDER BY "SK_ID_CURR"`,
    )
    .all(before, before) as Array<{ clientId: number; target: 0 | 1 }>;
}

/**
 * Each client scored in a month once, with the last score of that month (what the model decided for that
 * month's client: the rows activity-report.ts counts), by month then client.
 */
export function lastScoresByMonth(db: Db, period: PeriodBounds) {
  return db
    .prepare(
      `SELECT month, "client_id" AS clientId, "probability", "threshold", "model_decision" AS decision FROM (
         SELECT substr("scored_at", 1, 7) AS month, "client_id", "probability", "threshold", "model_decision",
                row_number() OVER (PARTITION BY substr("scored_at", 1, 7), "client_id" ORDER BY "scored_at" DESC, "event_id" DESC) AS k
         FROM "score_event" WHERE "scored_at" >= ? AND "scored_at" < ?)
       WHERE k = 1 ORDER BY month, clientId`,
    )
    .all(period.from, period.to) as Array<{ month: string; clientId: number; probability: number; threshold: number; decision: 'granted' | 'refused' }>;
}

/** The decisions recorded in the period (kind 'decision'), with whether each granted in the end. */
export function recordedDecisionsIn(db: Db, period: PeriodBounds) {
  return (
    db
      .prepare(
        `SELECT substr("recorded_at", 1, 7) AS month, "client_id" AS clientId,
                ("decision" = 'granted' OR ("decision" = 'override' AND "override_direction" = 'grant')) AS granted
         FROM "decision_log" WHERE "kind" = 'decision' AND "recorded_at" >= ? AND "recorded_at" < ? ORDER BY "seq"`,
      )
      .all(period.from, period.to) as Array<{ month: string; clientId: number; granted: number }>
  ).map((r) => ({ month: r.month, clientId: r.clientId, granted: r.granted === 1 }));
}

/** What fairness and outcomes read of a client: the protected attributes and the outcome, nothing else. */
export interface ClientGroupColumns {
  gender: unknown;
  daysBirth: unknown;
  familyStatus: unknown;
  target: unknown;
}

/** The protected attributes and outcome of each of these clients (absent when the client is not in the database). */
export function clientGroupColumns(db: Db, clientIds: Iterable<number>): Map<number, ClientGroupColumns> {
  const read = db.prepare<[number], ClientGroupColumns>(
    `SELECT "CODE_GENDER" AS gender, "DAYS_BIRTH" AS daysBirth, "NAME_FAMILY_STATUS" AS familyStatus, "TARGET" AS target
     FROM "application" WHERE "SK_ID_CURR" = ?`,
  );
  const out = new Map<number, ClientGroupColumns>();
  for (const id of clientIds) {
    if (out.has(id)) continue;
    const row = read.get(id);
    if (row) out.set(id, row);
  }
  return out;
}
