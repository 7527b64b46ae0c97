/** CSV files of Home Credit tables written by the tests themselves: the columns of a table, the values given. */
import fs from 'node:fs';
import path from 'node:path';
import { HOME_CREDIT_COLUMNS } from '../../db/home-credit-columns.js';
import type { HomeCreditTableName } from '../../db/home-credit-tables.js';

export type CsvRow = Record<string, string | number>;

/** The lines (header first, no line ends) of a table's CSV holding `rows`; columns not given are empty. */
export function tableLines(table: HomeCreditTableName, rows: readonly CsvRow[], separator = ','): string[] {
  const columns = HOME_CREDIT_COLUMNS[table].map(([name]) => name);
  return [columns.join(separator), ...rows.map((row) => columns.map((c) => String(row[c] ?? '')).join(separator))];
}

/** Writes `lines` with a line break after each (the way every exporter ends a file) and returns the path. */
export function writeLines(dir: string, name: string, lines: readonly string[], options: { lineEnd?: string; encode?: (text: string) => Buffer } = {}): string {
  const file = path.join(dir, name);
  const text = lines.map((l) => `${l}${options.lineEnd ?? '\n'}`).join('');
  fs.writeFileSync(file, options.encode ? options.encode(text) : text);
  return file;
}

/** `n` instalment payments of clients from `firstClient` on (SK_ID_PREV = client + 1,000,000). */
export function instalments(n: number, firstClient = 100_001, amount = (i: number) => 1000 + i * 7.25): CsvRow[] {
  return Array.from({ length: n }, (_, i) => ({
    SK_ID_PREV: 1_000_000 + firstClient + (i % 50),
    SK_ID_CURR: firstClient + (i % 50),
    NUM_INSTALMENT_VERSION: 1,
    NUM_INSTALMENT_NUMBER: i + 1,
    DAYS_INSTALMENT: -30 * (i + 1),
    DAYS_ENTRY_PAYMENT: -30 * (i + 1) + (i % 3),
    AMT_INSTALMENT: amount(i),
    AMT_PAYMENT: amount(i),
  }));
}

/** Credit-bureau rows with SK_ID_BUREAU `firstBureau`, `firstBureau + 1`… */
export function bureauRows(n: number, firstBureau = 5_000_000, text = 'Consumer credit'): CsvRow[] {
  return Array.from({ length: n }, (_, i) => ({
    SK_ID_CURR: 100_001 + (i % 20),
    SK_ID_BUREAU: firstBureau + i,
    CREDIT_ACTIVE: i % 2 ? 'Active' : 'Closed',
    CREDIT_CURRENCY: 'currency 1',
    DAYS_CREDIT: -100 - i,
    AMT_CREDIT_SUM: 10_000 + i * 12.5,
    CREDIT_TYPE: text,
  }));
}
