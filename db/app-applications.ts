/**
 * Applications entered in the app: the validated fields become a new client in "application" (TARGET
 * NULL: the outcome is not known yet), with who entered it (app_application) and the score it was saved
 * with (score_event), all in one transaction: either the client exists with both, or nothing was written.
 */
import { HOME_CREDIT_COLUMNS } from './home-credit-columns.js';
import type { Db } from './open-database.js';
import { scoreEventWriter } from './score-events.js';

/** Who saves the application. */
export interface ApplicationAuthor {
  userId: number;
  username: string;
  branch: string;
}

/** The score the application was saved with (what monitoring reads). */
export interface SavedScore {
  modelVersion: string;
  probability: number;
  threshold: number;
  decision: 'granted' | 'refused';
}

const APPLICATION_COLUMNS: ReadonlySet<string> = new Set(HOME_CREDIT_COLUMNS.application.map(([name]) => name));

/**
 * Tables holding clients by SK_ID_CURR: a new client's id is above every one of them, so no history of
 * an unknown client (a partial extract) is ever attached to the new applicant.
 */
const CLIENT_TABLES = ['application', 'bureau', 'previous_application', 'POS_CASH_balance', 'installments_payments', 'credit_card_balance'];

/** The next free SK_ID_CURR: one above the largest in any client table (each max is one index lookup). */
export function nextClientId(db: Db): number {
  const max = db
    .prepare<[], number | null>(`SELECT max(${CLIENT_TABLES.map((table) => `(SELECT max("SK_ID_CURR") FROM "${table}")`).join(', ')}, 0)`)
    .pluck()
    .get();
  return (max ?? 0) + 1;
}

/**
 * Inserts a validated application row as a new client and returns its SK_ID_CURR. The row's
 * SK_ID_CURR and TARGET, if any, are ignored (the database gives the id; the outcome is unknown).
 * `now` is the ISO time of the save.
 */
export function insertApplication(db: Db, row: Readonly<Record<string, string | number>>, author: ApplicationAuthor, score: SavedScore, now: string): number {
  const fields = Object.entries(row).filter(([column]) => column !== 'SK_ID_CURR' && column !== 'TARGET');
  for (const [column] of fields) {
    // Column names go into the SQL text: only the table's own columns may (validation already checked them).
    if (!APPLICATION_COLUMNS.has(column)) throw new Error(`insertApplication: ${column} is not a column of the application table`);
  }
  const columns = ['SK_ID_CURR', 'TARGET', ...fields.map(([column]) => column)];
  const insert = db.prepare(`INSERT INTO "application" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const entered = db.prepare('INSERT INTO "app_application" ("client_id", "user_id", "username", "branch", "created_at") VALUES (?, ?, ?, ?, ?)');
  const scored = scoreEventWriter(db);
  return db.transaction(() => {
    // Inside the transaction: two saves at once cannot take the same id.
    const clientId = nextClientId(db);
    insert.run(clientId, null, ...fields.map(([, value]) => value));
    entered.run(clientId, author.userId, author.username, author.branch, now);
    scored({ clientId, modelVersion: score.modelVersion, probability: score.probability, threshold: score.threshold, modelDecision: score.decision, userId: author.userId, scoredAt: now });
    return clientId;
  }).immediate();
}
