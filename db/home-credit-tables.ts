import { HOME_CREDIT_COLUMNS, type ColumnKind } from './home-credit-columns.js';

export type HomeCreditTableName = keyof typeof HOME_CREDIT_COLUMNS;

/** How one Home Credit table is stored and where its rows come from. */
export interface HomeCreditTable {
  name: HomeCreditTableName;
  /** CSV file names of the public data set that load into this table. */
  files: readonly string[];
  columns: ReadonlyArray<readonly [string, ColumnKind]>;
  /** Unique key of a row; null for tables whose rows have no natural key (instalments, monthly balances). */
  primaryKey: readonly string[] | null;
  /** Columns that must be present on every row (keys and parent references). */
  requiredColumns: readonly string[];
  /** The client each row belongs to, directly (SK_ID_CURR) or through a parent table. */
  clientColumn: string;
}

export const HOME_CREDIT_TABLES: readonly HomeCreditTable[] = [
  {
    name: 'application',
    files: ['application_train.csv', 'application_test.csv'],
    columns: HOME_CREDIT_COLUMNS.application,
    primaryKey: ['SK_ID_CURR'],
    requiredColumns: ['SK_ID_CURR'],
    clientColumn: 'SK_ID_CURR',
  },
  {
    name: 'bureau',
    files: ['bureau.csv'],
    columns: HOME_CREDIT_COLUMNS.bureau,
    primaryKey: ['SK_ID_BUREAU'],
    requiredColumns: ['SK_ID_CURR', 'SK_ID_BUREAU'],
    clientColumn: 'SK_ID_CURR',
  },
  {
    name: 'bureau_balance',
    files: ['bureau_balance.csv'],
    columns: HOME_CREDIT_COLUMNS.bureau_balance,
    primaryKey: ['SK_ID_BUREAU', 'MONTHS_BALANCE'],
    requiredColumns: ['SK_ID_BUREAU', 'MONTHS_BALANCE'],
    clientColumn: 'SK_ID_BUREAU',
  },
  {
    name: 'previous_application',
    files: ['previous_application.csv'],
    columns: HOME_CREDIT_COLUMNS.previous_application,
    primaryKey: ['SK_ID_PREV'],
    requiredColumns: ['SK_ID_PREV', 'SK_ID_CURR'],
    clientColumn: 'SK_ID_CURR',
  },
  {
    name: 'POS_CASH_balance',
    files: ['POS_CASH_balance.csv'],
    columns: HOME_CREDIT_COLUMNS.POS_CASH_balance,
    primaryKey: null,
    requiredColumns: ['SK_ID_PREV', 'SK_ID_CURR', 'MONTHS_BALANCE'],
    clientColumn: 'SK_ID_CURR',
  },
  {
    name: 'installments_payments',
    files: ['installments_payments.csv'],
    columns: HOME_CREDIT_COLUMNS.installments_payments,
    primaryKey: null,
    requiredColumns: ['SK_ID_PREV', 'SK_ID_CURR'],
    clientColumn: 'SK_ID_CURR',
  },
  {
    name: 'credit_card_balance',
    files: ['credit_card_balance.csv'],
    columns: HOME_CREDIT_COLUMNS.credit_card_balance,
    primaryKey: null,
    requiredColumns: ['SK_ID_PREV', 'SK_ID_CURR', 'MONTHS_BALANCE'],
    clientColumn: 'SK_ID_CURR',
  },
];

/** The glossary file of the data set: human labels for the columns (cp1252, leading index column). */
export const COLUMN_DESCRIPTION_FILE = 'HomeCredit_columns_description.csv';

/**
 * The table a CSV file loads into, by its name, case-insensitive: a file name of the public data set
 * (application_train.csv, bureau.csv…) or the table's own name (application.csv); undefined otherwise.
 */
export function tableForFile(fileName: string): HomeCreditTable | undefined {
  const lower = fileName.toLowerCase();
  return HOME_CREDIT_TABLES.find((t) => t.files.some((f) => f.toLowerCase() === lower) || `${t.name.toLowerCase()}.csv` === lower);
}

/** The table definition by name; throws for an unknown name. */
export function homeCreditTable(name: HomeCreditTableName): HomeCreditTable {
  const table = HOME_CREDIT_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`Unknown Home Credit table: ${name}`);
  return table;
}
