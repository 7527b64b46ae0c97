/**
 * One client's records from the seven Home Credit tables, as the feature computation reads them.
 * History rows carry only the columns the features use (listed here once: the SQL selects exactly these).
 */
import type { HOME_CREDIT_COLUMNS, ColumnKind } from '../../db/home-credit-columns.js';
import type { HomeCreditTableName } from '../../db/home-credit-tables.js';

type TableColumn<T extends HomeCreditTableName> = (typeof HOME_CREDIT_COLUMNS)[T][number];
/** The column names of a table. */
export type ColumnName<T extends HomeCreditTableName> = TableColumn<T>[0];
type ValueOfKind<K extends ColumnKind> = K extends 'text' ? string : number;

/** A row of table T restricted to columns N, each value as SQLite returns it (NULL → null). */
export type RowOf<T extends HomeCreditTableName, N extends string = ColumnName<T>> = {
  [C in TableColumn<T> as C[0] extends N ? C[0] : never]: ValueOfKind<C[1]> | null;
};

/**
 * The application row. Every column is optional: an application typed into a form may leave any field
 * empty, and undefined reads as missing exactly like NULL.
 */
export type ApplicationRow = Partial<RowOf<'application'>>;

/** Columns of bureau the features read (plus the keys). */
export const BUREAU_COLUMNS = [
  'SK_ID_CURR', 'SK_ID_BUREAU', 'CREDIT_ACTIVE', 'CREDIT_TYPE', 'DAYS_CREDIT', 'CREDIT_DAY_OVERDUE',
  'AMT_CREDIT_MAX_OVERDUE', 'CNT_CREDIT_PROLONG', 'AMT_CREDIT_SUM', 'AMT_CREDIT_SUM_DEBT', 'AMT_CREDIT_SUM_OVERDUE',
  'DAYS_CREDIT_UPDATE',
] as const satisfies readonly ColumnName<'bureau'>[];
/** Columns of bureau_balance the features read (plus the keys). */
export const BUREAU_BALANCE_COLUMNS = ['SK_ID_BUREAU', 'MONTHS_BALANCE', 'STATUS'] as const satisfies readonly ColumnName<'bureau_balance'>[];
/** Columns of previous_application the features read (plus the keys). */
export const PREVIOUS_APPLICATION_COLUMNS = [
  'SK_ID_PREV', 'SK_ID_CURR', 'AMT_APPLICATION', 'AMT_CREDIT', 'NAME_CONTRACT_STATUS', 'DAYS_DECISION', 'CNT_PAYMENT',
  'DAYS_LAST_DUE_1ST_VERSION', 'DAYS_TERMINATION',
] as const satisfies readonly ColumnName<'previous_application'>[];
/** Columns of POS_CASH_balance the features read (plus the keys). */
export const POS_CASH_COLUMNS = [
  'SK_ID_PREV', 'SK_ID_CURR', 'MONTHS_BALANCE', 'NAME_CONTRACT_STATUS', 'SK_DPD', 'SK_DPD_DEF',
] as const satisfies readonly ColumnName<'POS_CASH_balance'>[];
/** Columns of installments_payments the features read (plus the keys). */
export const INSTALLMENTS_COLUMNS = [
  'SK_ID_PREV', 'SK_ID_CURR', 'DAYS_INSTALMENT', 'DAYS_ENTRY_PAYMENT', 'AMT_INSTALMENT', 'AMT_PAYMENT',
] as const satisfies readonly ColumnName<'installments_payments'>[];
/** Columns of credit_card_balance the features read (plus the keys). */
export const CREDIT_CARD_COLUMNS = [
  'SK_ID_PREV', 'SK_ID_CURR', 'MONTHS_BALANCE', 'AMT_BALANCE', 'AMT_CREDIT_LIMIT_ACTUAL', 'AMT_DRAWINGS_CURRENT', 'SK_DPD',
] as const satisfies readonly ColumnName<'credit_card_balance'>[];

/** One bureau credit, as the features read it. */
export type BureauRow = RowOf<'bureau', (typeof BUREAU_COLUMNS)[number]>;
/** One month of a bureau credit. */
export type BureauBalanceRow = RowOf<'bureau_balance', (typeof BUREAU_BALANCE_COLUMNS)[number]>;
/** One previous application at Home Credit. */
export type PreviousApplicationRow = RowOf<'previous_application', (typeof PREVIOUS_APPLICATION_COLUMNS)[number]>;
/** One month of a POS or cash loan. */
export type PosCashRow = RowOf<'POS_CASH_balance', (typeof POS_CASH_COLUMNS)[number]>;
/** One payment of an instalment. */
export type InstallmentRow = RowOf<'installments_payments', (typeof INSTALLMENTS_COLUMNS)[number]>;
/** One month of a credit card. */
export type CreditCardRow = RowOf<'credit_card_balance', (typeof CREDIT_CARD_COLUMNS)[number]>;

/** A bureau credit with its monthly statuses (ordered by MONTHS_BALANCE). */
export type BureauRecord = BureauRow & { balance: BureauBalanceRow[] };

/** Everything the features of one client are computed from. Empty arrays = no history in that table. */
export interface ClientRecords {
  application: ApplicationRow;
  bureau: readonly BureauRecord[];
  previousApplications: readonly PreviousApplicationRow[];
  posCash: readonly PosCashRow[];
  installments: readonly InstallmentRow[];
  creditCard: readonly CreditCardRow[];
}

/** The records of an application that has no history anywhere (e.g. a new applicant typed into a form). */
export function applicationOnlyRecords(application: ApplicationRow): ClientRecords {
  return { application, bureau: [], previousApplications: [], posCash: [], installments: [], creditCard: [] };
}

/**
 * Gives each bureau credit its monthly rows. Both lists are ordered by SK_ID_BUREAU (the SQL guarantees
 * it), so one merge walk suffices; balance rows of a credit absent from `bureau` are dropped.
 */
export function attachBureauBalance(bureau: BureauRow[], balance: readonly BureauBalanceRow[]): BureauRecord[] {
  const records = bureau as BureauRecord[];
  for (const credit of records) credit.balance = [];
  let i = 0;
  for (const month of balance) {
    while (i < records.length && records[i]!.SK_ID_BUREAU! < month.SK_ID_BUREAU!) i++;
    if (i === records.length) break;
    if (records[i]!.SK_ID_BUREAU === month.SK_ID_BUREAU) records[i]!.balance.push(month);
  }
  return records;
}
