import path from 'node:path';
import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import { readTable, type Table } from './sample-table.js';
import type { NumberFormat } from './format.js';
import { categorical, derivedMarginal, formatOf, numericMarginal } from './profile-stats.js';
import type { CellMarginals, ChildTableProfile, SynthProfile } from './profile-types.js';

/**
 * The history tables' part of the profile: value formats and per-cell marginals measured on the real
 * samples (child-samples/*.csv, 20,000 random rows each; fixture/previous_application.csv, every previous
 * application of ~1,000 clients), plus the per-client rates of the full data set (DATA.md).
 */

type HomeCreditTable = keyof typeof HOME_CREDIT_COLUMNS;

/** Cells smaller than this fall back to the table-wide marginals. */
const MIN_CELL_ROWS = 40;

function formats(table: Table, name: HomeCreditTable): Record<string, NumberFormat> {
  const out: Record<string, NumberFormat> = {};
  for (const [column, kind] of HOME_CREDIT_COLUMNS[name]) {
    if (kind === 'text') continue;
    out[column] = column.startsWith('SK_ID') ? 'int' : formatOf(table.column(column));
  }
  return out;
}

/** A derived per-row quantity (NaN when it does not apply) whose marginal a generator draws from. */
type Derived = Record<string, (get: (column: string) => string) => number>;

function cells(
  table: Table,
  keyOf: ((get: (column: string) => string) => string) | null,
  numericColumns: readonly string[],
  textColumns: readonly string[],
  derived: Derived = {},
): CellMarginals {
  const index = new Map(table.header.map((h, i) => [h, i]));
  const getter = (row: string[]) => (column: string): string => {
    const i = index.get(column);
    if (i === undefined) throw new Error(`No column ${column}`);
    return row[i]!;
  };
  const groups = new Map<string, string[][]>([['*', table.rows]]);
  if (keyOf) {
    for (const row of table.rows) {
      const key = keyOf(getter(row));
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
  }
  const out: CellMarginals = {};
  for (const [key, rows] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (rows.length < MIN_CELL_ROWS) continue;
    const numeric: CellMarginals[string]['numeric'] = {};
    for (const column of numericColumns) {
      const i = index.get(column)!;
      numeric[column] = numericMarginal(
        rows.map((r) => r[i]!),
        formatOf(table.column(column)),
      );
    }
    for (const [name, fn] of Object.entries(derived)) {
      const values = rows.map((r) => fn(getter(r)));
      const present = values.filter((v) => Number.isFinite(v));
      numeric[name] = { ...derivedMarginal(present.length ? present : [0]), missing: round6(1 - present.length / rows.length) };
    }
    const categoricalTables: CellMarginals[string]['categorical'] = {};
    for (const column of textColumns) {
      const i = index.get(column)!;
      categoricalTables[column] = categorical(rows.map((r) => r[i]!));
    }
    out[key] = { rows: rows.length, numeric, categorical: categoricalTables };
  }
  return out;
}

const num = (text: string): number => (text === '' ? NaN : Number(text));

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Measures the six history tables' profiles. */
export function buildChildProfiles(dataDir: string, log: (line: string) => void): Omit<SynthProfile, 'version' | 'source' | 'application'> {
  const child = (file: string): Table => readTable(path.join(dataDir, 'child-samples', file));

  const bureau = child('bureau.csv');
  log(`bureau: ${bureau.rows.length} real rows`);
  const bureauProfile: SynthProfile['bureau'] = {
    formats: formats(bureau, 'bureau'),
    cells: cells(
      bureau,
      (get) => get('CREDIT_ACTIVE'),
      ['DAYS_CREDIT', 'CREDIT_DAY_OVERDUE', 'AMT_CREDIT_MAX_OVERDUE', 'CNT_CREDIT_PROLONG', 'AMT_CREDIT_SUM', 'AMT_CREDIT_SUM_LIMIT',
        'AMT_CREDIT_SUM_OVERDUE', 'AMT_ANNUITY', 'DAYS_CREDIT_UPDATE'],
      ['CREDIT_ACTIVE', 'CREDIT_CURRENCY', 'CREDIT_TYPE'],
      {
        // Planned length of the credit (end date − start), fraction of it actually run, update lag.
        DURATION: (get) => num(get('DAYS_CREDIT_ENDDATE')) - num(get('DAYS_CREDIT')),
        FACT_FRACTION: (get) => (num(get('DAYS_ENDDATE_FACT')) - num(get('DAYS_CREDIT'))) / -num(get('DAYS_CREDIT')),
        UPDATE_LAG: (get) => num(get('DAYS_CREDIT_UPDATE')) - num(get('DAYS_ENDDATE_FACT')),
        DEBT_RATIO: (get) => num(get('AMT_CREDIT_SUM_DEBT')) / num(get('AMT_CREDIT_SUM')),
      },
    ),
    // Full data: 305,811 of 356,255 clients have bureau rows, 1,716,428 rows in all.
    clientShare: round6(305811 / 356255),
    meanCount: round6(1716428 / 305811),
  };

  const balance = child('bureau_balance.csv');
  log(`bureau_balance: ${balance.rows.length} real rows`);
  const statusTable = categorical(balance.column('STATUS'));
  const statusShares = Object.fromEntries(statusTable.values.map((v, i) => [v, round6(statusTable.cum[i]! - (i ? statusTable.cum[i - 1]! : 0))]));
  const balanceProfile: SynthProfile['bureauBalance'] = { formats: formats(balance, 'bureau_balance'), cells: {}, statusShares };

  const previous = readTable(path.join(dataDir, 'fixture', 'previous_application.csv'));
  log(`previous_application: ${previous.rows.length} real rows`);
  const prevTexts = HOME_CREDIT_COLUMNS.previous_application.filter(([, k]) => k === 'text').map(([c]) => c);
  const prevNumbers = HOME_CREDIT_COLUMNS.previous_application.filter(([c, k]) => k !== 'text' && !c.startsWith('SK_ID')).map(([c]) => c);
  const previousProfile: SynthProfile['previousApplication'] = {
    formats: formats(previous, 'previous_application'),
    cells: cells(
      previous,
      (get) => `${get('NAME_CONTRACT_TYPE')}|${get('NAME_CONTRACT_STATUS')}`,
      prevNumbers,
      prevTexts,
      {
        CREDIT_RATIO: (get) => (num(get('AMT_APPLICATION')) > 0 ? num(get('AMT_CREDIT')) / num(get('AMT_APPLICATION')) : NaN),
        ANNUITY_FACTOR: (get) =>
          num(get('CNT_PAYMENT')) > 0 && num(get('AMT_CREDIT')) > 0 ? (num(get('AMT_ANNUITY')) * num(get('CNT_PAYMENT'))) / num(get('AMT_CREDIT')) : NaN,
        DOWN_PAYMENT_SHARE: (get) => (num(get('AMT_APPLICATION')) > 0 ? num(get('AMT_DOWN_PAYMENT')) / num(get('AMT_APPLICATION')) : NaN),
        FIRST_DUE_OFFSET: (get) => (num(get('DAYS_FIRST_DUE')) < 365243 ? num(get('DAYS_FIRST_DUE')) - num(get('DAYS_DECISION')) : NaN),
        FIRST_DRAWING_OFFSET: (get) => (num(get('DAYS_FIRST_DRAWING')) < 365243 ? num(get('DAYS_FIRST_DRAWING')) - num(get('DAYS_DECISION')) : NaN),
        TERMINATION_LAG: (get) => (num(get('DAYS_TERMINATION')) < 365243 ? num(get('DAYS_TERMINATION')) - num(get('DAYS_LAST_DUE')) : NaN),
      },
    ),
    countDistribution: countDistribution(dataDir, previous),
    kinds: categorical(previous.column('NAME_CONTRACT_TYPE').map((t, i) => `${t}|${previous.column('NAME_CONTRACT_STATUS')[i]}`)),
    amounts: amountRules(previous),
  };

  const pos = child('POS_CASH_balance.csv');
  log(`POS_CASH_balance: ${pos.rows.length} real rows`);
  const posProfile: ChildTableProfile = {
    formats: formats(pos, 'POS_CASH_balance'),
    cells: cells(pos, null, ['CNT_INSTALMENT', 'SK_DPD', 'SK_DPD_DEF'], ['NAME_CONTRACT_STATUS']),
  };

  const installments = child('installments_payments.csv');
  log(`installments_payments: ${installments.rows.length} real rows`);
  const installmentsProfile: ChildTableProfile = {
    formats: formats(installments, 'installments_payments'),
    cells: cells(installments, null, ['NUM_INSTALMENT_VERSION', 'AMT_INSTALMENT'], [], {
      LATE_DAYS: (get) => {
        const d = num(get('DAYS_ENTRY_PAYMENT')) - num(get('DAYS_INSTALMENT'));
        return d > 0 ? d : NaN;
      },
      EARLY_DAYS: (get) => {
        const d = num(get('DAYS_INSTALMENT')) - num(get('DAYS_ENTRY_PAYMENT'));
        return d >= 0 ? d : NaN;
      },
      SHORT_FRACTION: (get) => {
        const paid = num(get('AMT_PAYMENT'));
        const due = num(get('AMT_INSTALMENT'));
        return paid < due - 0.01 ? paid / due : NaN;
      },
    }),
  };

  const card = child('credit_card_balance.csv');
  log(`credit_card_balance: ${card.rows.length} real rows`);
  const cardProfile: ChildTableProfile = {
    formats: formats(card, 'credit_card_balance'),
    cells: cells(
      card,
      null,
      ['AMT_CREDIT_LIMIT_ACTUAL', 'AMT_DRAWINGS_ATM_CURRENT', 'AMT_DRAWINGS_POS_CURRENT', 'AMT_PAYMENT_CURRENT', 'AMT_INST_MIN_REGULARITY',
        'CNT_DRAWINGS_ATM_CURRENT', 'CNT_DRAWINGS_POS_CURRENT', 'SK_DPD', 'SK_DPD_DEF'],
      ['NAME_CONTRACT_STATUS'],
      {
        UTILISATION: (get) => {
          const limit = num(get('AMT_CREDIT_LIMIT_ACTUAL'));
          const b = num(get('AMT_BALANCE'));
          return limit > 0 && b > 0 ? Math.min(b / limit, 1.5) : NaN;
        },
        USED: (get) => (num(get('AMT_BALANCE')) > 0 ? 1 : 0),
      },
    ),
  };

  return {
    bureau: bureauProfile,
    bureauBalance: balanceProfile,
    previousApplication: previousProfile,
    posCashBalance: posProfile,
    installmentsPayments: installmentsProfile,
    creditCardBalance: cardProfile,
  };
}

/** Shares that tie previous applications' amounts together, per (type, status) cell and for all rows (`*`). */
function amountRules(previous: Table): SynthProfile['previousApplication']['amounts'] {
  const type = previous.column('NAME_CONTRACT_TYPE');
  const status = previous.column('NAME_CONTRACT_STATUS');
  const application = previous.column('AMT_APPLICATION').map(num);
  const credit = previous.column('AMT_CREDIT').map(num);
  const payments = previous.column('CNT_PAYMENT');
  const down = previous.column('AMT_DOWN_PAYMENT');
  const rule = (rows: number[]): SynthProfile['previousApplication']['amounts'][string] => {
    const zero = rows.filter((r) => application[r] === 0);
    const positive = rows.filter((r) => application[r]! > 0);
    const ratio = (list: number[], test: (r: number) => boolean, fallback: number): number =>
      list.length >= 20 ? round6(list.filter(test).length / list.length) : fallback;
    return {
      zeroCreditGivenZeroApplication: ratio(zero, (r) => credit[r] === 0, 0.86),
      paymentsMissingGivenPositive: ratio(positive, (r) => payments[r] === '', 0.04),
      downPaymentMissingGivenPositive: ratio(positive, (r) => down[r] === '', 0.4),
    };
  };
  const all = application.map((_, r) => r);
  const out: SynthProfile['previousApplication']['amounts'] = { '*': rule(all) };
  const keys = new Set(all.map((r) => `${type[r]}|${status[r]}`));
  for (const key of [...keys].sort()) {
    const rows = all.filter((r) => `${type[r]}|${status[r]}` === key);
    if (rows.length >= MIN_CELL_ROWS) out[key] = rule(rows);
  }
  return out;
}

/** Previous applications per client in the fixture, where every client's applications are complete. */
function countDistribution(dataDir: string, previous: Table): number[] {
  const ids = [
    ...readTable(path.join(dataDir, 'fixture', 'application_train.csv')).column('SK_ID_CURR'),
    ...readTable(path.join(dataDir, 'fixture', 'application_test.csv')).column('SK_ID_CURR'),
  ];
  const counts = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of previous.column('SK_ID_CURR')) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  const histogram: number[] = [];
  for (const n of counts.values()) histogram[n] = (histogram[n] ?? 0) + 1;
  return Array.from(histogram, (h) => round6((h ?? 0) / counts.size));
}
