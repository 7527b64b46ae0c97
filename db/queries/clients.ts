/**
 * The SQL of the clients (the application table by SK_ID_CURR): which clients a batch reads, the list and
 * search of the clients screen, one client's row. Every lookup is on the primary key or one of its ranges.
 */
import { homeCreditTable } from '../home-credit-tables.js';
import type { Db } from '../open-database.js';

/** Which applications: with a known outcome (train), without (test), or all. */
export type ClientSelection = 'train' | 'test' | 'all';

/** The WHERE condition of each selection ('' = every client). */
export const CLIENT_SELECTION_WHERE: Readonly<Record<ClientSelection, string>> = {
  train: '"TARGET" IS NOT NULL',
  test: '"TARGET" IS NULL',
  all: '',
};

const whereOf = (selection: ClientSelection) => (CLIENT_SELECTION_WHERE[selection] ? ` WHERE ${CLIENT_SELECTION_WHERE[selection]}` : '');

/** Number of applications in a selection. */
export function countClients(db: Db, selection: ClientSelection = 'all'): number {
  return db.prepare<[], number>(`SELECT count(*) FROM "application"${whereOf(selection)}`).pluck().get()!;
}

/** The SK_ID_CURR of a selection's clients in ascending order (at most `limit` of them when given). */
export function clientIds(db: Db, selection: ClientSelection = 'all', limit?: number): number[] {
  const sql = `SELECT "SK_ID_CURR" FROM "application"${whereOf(selection)} ORDER BY "SK_ID_CURR"${limit === undefined ? '' : ' LIMIT ?'}`;
  const statement = db.prepare<unknown[], number>(sql).pluck();
  return limit === undefined ? statement.all() : statement.all(limit);
}

/** Whether an application with this SK_ID_CURR exists. */
export function clientExists(db: Db, clientId: number): boolean {
  return db.prepare('SELECT 1 FROM "application" WHERE "SK_ID_CURR" = ?').get(clientId) !== undefined;
}

/** Every client's id and credit amount, in id order. */
export function clientCredits(db: Db): Array<{ id: number; credit: number | null }> {
  return db.prepare<[], { id: number; credit: number | null }>('SELECT "SK_ID_CURR" AS id, "AMT_CREDIT" AS credit FROM "application" ORDER BY "SK_ID_CURR"').all();
}

/** The columns of a client's line in a list. */
const SUMMARY_COLUMNS = 'SK_ID_CURR, TARGET, NAME_CONTRACT_TYPE, NAME_INCOME_TYPE, DAYS_BIRTH, AMT_INCOME_TOTAL, AMT_CREDIT, AMT_ANNUITY';

/** The statements of the clients screen, prepared once per connection. */
export interface ClientQueries {
  /** List lines of the clients with lo ≤ SK_ID_CURR ≤ hi, in id order, at most `limit`. */
  range(lo: number, hi: number, limit: number): Array<Record<string, unknown>>;
  /** A page of list lines in id order. */
  page(limit: number, offset: number): Array<Record<string, unknown>>;
  /** Number of clients. */
  total(): number;
  /** A client's whole application row, or undefined. */
  row(clientId: number): Record<string, unknown> | undefined;
}

/** Prepares the clients screen's statements on a connection. */
export function clientQueries(db: Db): ClientQueries {
  const range = db.prepare<[number, number, number], Record<string, unknown>>(
    `SELECT ${SUMMARY_COLUMNS} FROM application WHERE SK_ID_CURR BETWEEN ? AND ? ORDER BY SK_ID_CURR LIMIT ?`,
  );
  const page = db.prepare<[number, number], Record<string, unknown>>(`SELECT ${SUMMARY_COLUMNS} FROM application ORDER BY SK_ID_CURR LIMIT ? OFFSET ?`);
  const total = db.prepare<[], number>('SELECT count(*) FROM application').pluck();
  // The application's own columns (not import_file_id, which says which imported file brought the row).
  const columns = homeCreditTable('application').columns.map(([name]) => `"${name}"`).join(', ');
  const row = db.prepare<[number], Record<string, unknown>>(`SELECT ${columns} FROM application WHERE SK_ID_CURR = ?`);
  return {
    range: (lo, hi, limit) => range.all(lo, hi, limit),
    page: (limit, offset) => page.all(limit, offset),
    total: () => total.get()!,
    row: (clientId) => row.get(clientId),
  };
}
