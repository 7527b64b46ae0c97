/**
 * Score events: each score an officer looked at, saved or decided on — what monitoring groups by month
 * (drift of the clients scored, approval rates). One definition of the row, used by every writer.
 */
import { isDatabaseBusy } from './database-busy.js';
import type { Db } from './open-database.js';

/** One score event (a row of score_event). */
export interface ScoreEvent {
  clientId: number;
  modelVersion: string;
  probability: number;
  threshold: number;
  modelDecision: 'granted' | 'refused';
  userId: number | null;
  /** ISO 8601 UTC. */
  scoredAt: string;
}

/** A prepared writer of score events (prepare once, call per event, e.g. inside a transaction). */
export function scoreEventWriter(db: Db): (event: ScoreEvent) => void {
  const insert = db.prepare(
    'INSERT INTO "score_event" ("client_id", "model_version", "probability", "threshold", "model_decision", "user_id", "scored_at") VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (e) => {
    insert.run(e.clientId, e.modelVersion, e.probability, e.threshold, e.modelDecision, e.userId, e.scoredAt);
  };
}

/**
 * Records a score an officer viewed, once per client, user, model and UTC day: opening the same file ten
 * times in a morning is one look for monitoring, not ten. Returns whether a row was written.
 */
export function recordScoreView(db: Db, event: ScoreEvent): boolean {
  const dayStart = new Date(`${event.scoredAt.slice(0, 10)}T00:00:00.000Z`);
  const nextDay = new Date(dayStart.getTime() + 86_400_000);
  const seen = db
    .prepare(
      `SELECT 1 FROM "score_event" WHERE "client_id" = ? AND "user_id" IS ? AND "model_version" = ? AND "scored_at" >= ? AND "scored_at" < ? LIMIT 1`,
    )
    .get(event.clientId, event.userId, event.modelVersion, dayStart.toISOString(), nextDay.toISOString());
  if (seen) return false;
  scoreEventWriter(db)(event);
  return true;
}

const VIEW_RETRY_MS = 500;
const VIEW_RETRIES = 120;

/**
 * Records a score view now, or, when another program holds the database (an import, a backup), a moment
 * later, retrying in the background for about a minute: recording a look must never make the score fail
 * nor wait. A view that still cannot be written after that is dropped (monitoring counts one look fewer).
 */
export function recordScoreViewSoon(db: Db, event: ScoreEvent, retries = VIEW_RETRIES): void {
  try {
    recordScoreView(db, event);
  } catch (error) {
    if (!isDatabaseBusy(error) || retries <= 0 || !db.open) return;
    setTimeout(() => recordScoreViewSoon(db, event, retries - 1), VIEW_RETRY_MS).unref();
  }
}
