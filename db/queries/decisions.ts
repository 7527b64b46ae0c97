/**
 * Reads of the decision log that the letters and the reviews need: one entry with its officer's name,
 * a client's latest decision, the latest review of a decision. The log's writer and its chain
 * verification are db/decision-log.ts.
 */
import type { Db } from '../open-database.js';

/** A decision-log entry with the display name of the officer who recorded it (null when the account is gone). */
export interface DecisionWithOfficer {
  seq: number;
  kind: string;
  client_id: number;
  decision: 'granted' | 'refused' | 'override' | null;
  override_direction: 'grant' | 'refuse' | null;
  reason_code: string | null;
  model_decision: 'granted' | 'refused' | null;
  threshold: number | null;
  model_version: string | null;
  username: string;
  branch: string;
  recorded_at: string;
  display_name: string | null;
}

/** Entry `seq` of the decision log with its officer's name, or undefined. */
export function decisionWithOfficer(db: Db, seq: number): DecisionWithOfficer | undefined {
  return db
    .prepare<[number], DecisionWithOfficer>(
      `SELECT l."seq", l."kind", l."client_id", l."decision", l."override_direction", l."reason_code", l."model_decision", l."threshold",
              l."model_version", l."username", l."branch", l."recorded_at", u."display_name"
       FROM "decision_log" l LEFT JOIN "app_user" u ON u."user_id" = l."user_id" WHERE l."seq" = ?`,
    )
    .get(seq);
}

/** The seq of a client's latest entry that records a decision (a decision or a review), or null. */
export function latestDecisionSeq(db: Db, clientId: number): number | null {
  return (
    db
      .prepare<[number], number | null>(`SELECT max("seq") FROM "decision_log" WHERE "client_id" = ? AND "kind" IN ('decision', 'review') AND "decision" IS NOT NULL`)
      .pluck()
      .get(clientId) ?? null
  );
}

/** What the latest review of decision `seq` decided, or undefined when it was never reviewed. */
export function latestReviewDecision(db: Db, seq: number): 'granted' | 'refused' | undefined {
  return db
    .prepare<[number], 'granted' | 'refused'>("SELECT decision FROM decision_log WHERE kind = 'review' AND refers_to = ? ORDER BY seq DESC LIMIT 1")
    .pluck()
    .get(seq);
}
