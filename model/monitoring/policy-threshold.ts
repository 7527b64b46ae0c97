/** The decision threshold in force: the last policy change recorded for the model in use, else the model's own. */
import type { Db } from '../../db/open-database.js';
import type { ScoringEngine } from '../scoring-engine.js';

/**
 * The threshold in force for `engine`'s model: a manager's change (policy_change) applies to the model
 * version it was made for; a new model starts from its own cost-optimal threshold.
 */
export function policyThreshold(db: Db, engine: ScoringEngine): number {
  const changed = db
    .prepare('SELECT "threshold" FROM "policy_change" WHERE "model_version" = ? ORDER BY "change_id" DESC LIMIT 1')
    .pluck()
    .get(engine.modelVersion) as number | undefined;
  return changed ?? engine.threshold;
}
