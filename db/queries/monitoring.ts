/**
 * The statements monitoring and fairness read: activity by month, decisions by officer and branch, the
 * final decision of each client, the protected attributes of the application table, and what changed since
 * a report was built. Months are the first 7 characters of the ISO 8601 UTC timestamps ('YYYY-MM'); the
 * definitions built on these rows (rates, warnings, groups) are model/governance/monitoring's.
 */
import type { Db } from '../open-database.js';

/** A decision-log entry that granted credit: a grant, or an override towards granting. */
const GRANTED = `("decision" = 'granted' OR ("decision" = 'override' AND "override_direction" = 'grant'))`;

/** The latest month with any activity (a score, an application entered, a recorded decision), as stored. */
export function latestActivityMonthRow(db: Db): string | null {
  return db
    .prepare(
      `SELECT max(m) FROM (
         SELECT substr(max("scored_at"), 1, 7) AS m FROM "score_event"
         UNION ALL SELECT substr(max("created_at"), 1, 7) FROM "app_application"
         UNION ALL SELECT substr(max("recorded_at"), 1, 7) FROM "decision_log")`,
    )
    .pluck()
    .get() as string | null;
}

/** Clients scored (by month of scored_at) or entered in the app (by month of created_at) in [from, to). */
export function clientsByMonthRows(db: Db, from: string, to: string): Array<{ month: string; clientId: number }> {
  return db
    .prepare(
      `SELECT substr("scored_at", 1, 7) AS month, "client_id" AS clientId FROM "score_event" WHERE "scored_at" >= ? AND "scored_at" < ?
       UNION
       SELECT substr("created_at", 1, 7), "client_id" FROM "app_application" WHERE "created_at" >= ? AND "created_at" < ?
       ORDER BY month, clientId`,
    )
    .all(from, to, from, to) as Array<{ month: string; clientId: number }>;
}

/** Per month in [from, to): clients scored and those the model granted (the last score of each client in each month counts). */
export function scoredByMonth(db: Db, from: string, to: string): Array<{ month: string; scored: number; granted: number }> {
  return db
    .prepare(
      `SELECT month, count(*) AS scored, sum("model_decision" = 'granted') AS granted FROM (
         SELECT substr("scored_at", 1, 7) AS month, "client_id", "model_decision",
                row_number() OVER (PARTITION BY substr("scored_at", 1, 7), "client_id" ORDER BY "scored_at" DESC, "event_id" DESC) AS k
         FROM "score_event" WHERE "scored_at" >= ? AND "scored_at" < ?)
       WHERE k = 1 GROUP BY month`,
    )
    .all(from, to) as Array<{ month: string; scored: number; granted: number }>;
}

/** Per month in [from, to): decisions recorded ('decision' entries only), granted, overridden. */
export function decidedByMonth(db: Db, from: string, to: string): Array<{ month: string; decided: number; granted: number; overrides: number }> {
  return db
    .prepare(
      `SELECT substr("recorded_at", 1, 7) AS month, count(*) AS decided, sum(${GRANTED}) AS granted, sum("decision" = 'override') AS overrides
       FROM "decision_log" WHERE "kind" = 'decision' AND "recorded_at" >= ? AND "recorded_at" < ? GROUP BY month`,
    )
    .all(from, to) as Array<{ month: string; decided: number; granted: number; overrides: number }>;
}

/** Decisions, overrides and overrides towards granting of each officer in [from, to), with their account's names. */
export function decisionsByOfficer(
  db: Db,
  from: string,
  to: string,
): Array<{ userId: number; username: string; displayName: string; branch: string; decisions: number; overrides: number; toGrant: number }> {
  return db
    .prepare(
      `SELECT l."user_id" AS userId, coalesce(u."username", max(l."username")) AS username, coalesce(u."display_name", max(l."username")) AS displayName,
              coalesce(u."branch", max(l."branch")) AS branch, count(*) AS decisions, sum(l."decision" = 'override') AS overrides,
              sum(l."decision" = 'override' AND l."override_direction" = 'grant') AS toGrant
       FROM "decision_log" l LEFT JOIN "app_user" u ON u."user_id" = l."user_id"
       WHERE l."kind" = 'decision' AND l."recorded_at" >= ? AND l."recorded_at" < ?
       GROUP BY l."user_id" ORDER BY username`,
    )
    .all(from, to) as Array<{ userId: number; username: string; displayName: string; branch: string; decisions: number; overrides: number; toGrant: number }>;
}

/** Decisions, overrides and overrides towards granting of each branch in [from, to). */
export function decisionsByBranch(db: Db, from: string, to: string): Array<{ branch: string; decisions: number; overrides: number; toGrant: number }> {
  return db
    .prepare(
      `SELECT "branch", count(*) AS decisions, sum("decision" = 'override') AS overrides, sum("decision" = 'override' AND "override_direction" = 'grant') AS toGrant
       FROM "decision_log" WHERE "kind" = 'decision' AND "recorded_at" >= ? AND "recorded_at" < ? GROUP BY "branch" ORDER BY "branch"`,
    )
    .all(from, to) as Array<{ branch: string; decisions: number; overrides: number; toGrant: number }>;
}

/** The last recorded final decision of each client (a decision, or a review that decided again): granted 1 or 0. */
export function finalDecisionRows(db: Db): Array<{ clientId: number; granted: number }> {
  return db
    .prepare(
      `SELECT "client_id" AS clientId, ${GRANTED} AS granted
       FROM "decision_log" l
       WHERE "kind" IN ('decision', 'review') AND "decision" IS NOT NULL
         AND "seq" = (SELECT max("seq") FROM "decision_log" m WHERE m."client_id" = l."client_id" AND m."kind" IN ('decision', 'review') AND m."decision" IS NOT NULL)`,
    )
    .all() as Array<{ clientId: number; granted: number }>;
}

/** Sex, birth and family status of every client of the application table, as stored. */
export function protectedAttributeRows(db: Db): Array<{ id: number; gender: unknown; daysBirth: unknown; family: unknown }> {
  return db
    .prepare('SELECT "SK_ID_CURR" AS id, "CODE_GENDER" AS gender, "DAYS_BIRTH" AS daysBirth, "NAME_FAMILY_STATUS" AS family FROM "application"')
    .all() as Array<{ id: number; gender: unknown; daysBirth: unknown; family: unknown }>;
}

/**
 * What the reports read, summarised: any new or changed row in these tables changes it. Indexed maxima
 * only. Without score events when `withEvents` is false (the fairness report does not read them).
 */
export function reportInputsFingerprint(db: Db, withEvents: boolean): unknown {
  return db
    .prepare(
      `SELECT ${withEvents ? '(SELECT max("event_id") FROM "score_event")' : 'NULL'} AS events,
              (SELECT max("seq") FROM "decision_log") AS decisions, (SELECT max("client_id") FROM "app_application") AS applications,
              (SELECT count(*) FROM "app_application") AS applicationCount, (SELECT max("change_id") FROM "policy_change") AS policy,
              (SELECT max("SK_ID_CURR") FROM "application") AS lastClient, (SELECT max(rowid) FROM "application") AS clients,
              (SELECT max("user_id") FROM "app_user") AS users`,
    )
    .get();
}
