/**
 * The SQL that reads client records, shared by the single-client reader and the batch scan so that both
 * see the same columns in the same row order (sums of floats depend on the order they are added in).
 * Every ORDER BY here is satisfied by the per-client indexes: no sort, no temporary B-tree.
 */
import {
  BUREAU_BALANCE_COLUMNS,
  BUREAU_COLUMNS,
  CREDIT_CARD_COLUMNS,
  INSTALLMENTS_COLUMNS,
  POS_CASH_COLUMNS,
  PREVIOUS_APPLICATION_COLUMNS,
} from './client-records.js';
import { APPLICATION_INPUT_COLUMNS } from './feature-registry.js';

/** How one list of client records is selected: the client key column and the order within a client. */
export interface RecordQuery {
  /** SELECT … FROM …, without WHERE or ORDER BY. */
  select: string;
  /** Names of the result columns, in SELECT order (rows are read raw and named by `rowBuilder`). */
  columns: readonly string[];
  /** The column holding SK_ID_CURR (qualified when the query joins). */
  client: string;
  /** Order of a client's rows, after the client key. */
  order: string;
}

const list = (alias: string, columns: readonly string[]): string => columns.map((c) => `${alias}"${c}"`).join(', ');

/** The application columns read: the key, the outcome, and every column a feature uses. */
export const APPLICATION_SELECT_COLUMNS: readonly string[] = ['SK_ID_CURR', 'TARGET', ...APPLICATION_INPUT_COLUMNS];

/** The application row of a client (or of every client, with a selection). */
export const APPLICATION_QUERY: RecordQuery = {
  select: `SELECT ${list('', APPLICATION_SELECT_COLUMNS)} FROM "application"`,
  columns: APPLICATION_SELECT_COLUMNS,
  client: '"SK_ID_CURR"',
  order: '',
};

/** The history lists of ClientRecords, by property name. */
export const HISTORY_QUERIES = {
  bureau: {
    select: `SELECT ${list('', BUREAU_COLUMNS)} FROM "bureau"`,
    columns: BUREAU_COLUMNS,
    client: '"SK_ID_CURR"',
    order: '"SK_ID_BUREAU"',
  },
  // bureau_balance has no client column: reached through its credit. CROSS JOIN keeps bureau as the outer
  // loop (SQLite never reorders a CROSS JOIN), so the rows come in the bureau index's order.
  bureauBalance: {
    select:
      `SELECT b."SK_ID_CURR" AS "SK_ID_CURR", ${list('bb.', BUREAU_BALANCE_COLUMNS)} ` +
      'FROM "bureau" AS b CROSS JOIN "bureau_balance" AS bb ON bb."SK_ID_BUREAU" = b."SK_ID_BUREAU"',
    columns: ['SK_ID_CURR', ...BUREAU_BALANCE_COLUMNS],
    client: 'b."SK_ID_CURR"',
    order: 'b."SK_ID_BUREAU", bb."MONTHS_BALANCE"',
  },
  previousApplications: {
    select: `SELECT ${list('', PREVIOUS_APPLICATION_COLUMNS)} FROM "previous_application"`,
    columns: PREVIOUS_APPLICATION_COLUMNS,
    client: '"SK_ID_CURR"',
    order: '"SK_ID_PREV"',
  },
  // These tables have no natural key: rowid (load order) is the stable order, and the client index
  // (SK_ID_CURR, rowid) delivers it.
  posCash: {
    select: `SELECT ${list('', POS_CASH_COLUMNS)} FROM "POS_CASH_balance"`,
    columns: POS_CASH_COLUMNS,
    client: '"SK_ID_CURR"',
    order: 'rowid',
  },
  installments: {
    select: `SELECT ${list('', INSTALLMENTS_COLUMNS)} FROM "installments_payments"`,
    columns: INSTALLMENTS_COLUMNS,
    client: '"SK_ID_CURR"',
    order: 'rowid',
  },
  creditCard: {
    select: `SELECT ${list('', CREDIT_CARD_COLUMNS)} FROM "credit_card_balance"`,
    columns: CREDIT_CARD_COLUMNS,
    client: '"SK_ID_CURR"',
    order: 'rowid',
  },
} as const satisfies Record<string, RecordQuery>;

/** A history list of ClientRecords that has a query (bureau_balance is its own scan, attached to bureau). */
export type HistoryList = keyof typeof HISTORY_QUERIES;

/** The query for one client's rows (one `?` parameter: SK_ID_CURR). */
export function oneClientSql(query: RecordQuery): string {
  return `${query.select} WHERE ${query.client} = ?${query.order ? ` ORDER BY ${query.order}` : ''}`;
}

/** The query for every client's rows, ordered by client then by the within-client order. */
export function allClientsSql(query: RecordQuery, where = ''): string {
  const order = query.order ? `${query.client}, ${query.order}` : query.client;
  return `${query.select}${where ? ` WHERE ${where}` : ''} ORDER BY ${order}`;
}

/**
 * A function naming the values of a raw row (an array, as `statement.raw()` returns it) by the query's
 * columns. better-sqlite3 builds named rows property by property, about 3× slower than reading raw and
 * building one object literal of a fixed shape; the literal is generated once from our own column names.
 */
export function rowBuilder<Row>(query: RecordQuery): (values: unknown[]) => Row {
  const fields = query.columns.map((column, i) => `${JSON.stringify(column)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as (values: unknown[]) => Row;
}
