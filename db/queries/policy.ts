/** The SQL of the policy: the threshold changes managers record per model version (policy_change). */
import type { Db } from '../open-database.js';

/** The latest change of a model version's threshold. */
export interface LatestPolicyChange {
  threshold: number;
  username: string;
  changed_at: string;
}

/** The latest threshold change recorded for a model version, or undefined when none was. */
export function latestPolicyChange(db: Db, modelVersion: string): LatestPolicyChange | undefined {
  return db
    .prepare<[string], LatestPolicyChange>('SELECT threshold, username, changed_at FROM policy_change WHERE model_version = ? ORDER BY change_id DESC LIMIT 1')
    .get(modelVersion);
}

/** A threshold change to record. */
export interface NewPolicyChange {
  modelVersion: string;
  previous: number;
  threshold: number;
  reason: string;
  userId: number;
  username: string;
  changedAt: string;
}

/** Appends a threshold change (the caller holds the transaction that read the previous one). */
export function insertPolicyChange(db: Db, change: NewPolicyChange): void {
  db.prepare('INSERT INTO policy_change (model_version, previous, threshold, reason, user_id, username, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    change.modelVersion,
    change.previous,
    change.threshold,
    change.reason,
    change.userId,
    change.username,
    change.changedAt,
  );
}
