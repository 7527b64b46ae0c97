/** Handlers of the clients domain: search by id, page through clients, one client's file with a history summary. */
import { clientQueries, type ClientQueries } from '../../../db/queries/clients.js';
import type { ClientRecords } from '../../../model/features/client-records.js';
import type { ResponseOf } from '../../shared/contract.js';
import type { IpcRouter } from '../ipc-handle.js';
import { clientRecordsOrNotFound, type HandlerServices } from './handler-services.js';

type ClientSummary = ResponseOf<'clients:get'>['client'];
type HistorySummary = ResponseOf<'clients:get'>['history'];
type FieldValue = number | string | null;

const DEFAULT_SEARCH_LIMIT = 20;
const DAYS_PER_YEAR = 365.25;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One list line from an application row (any object with the summary columns). */
export function clientSummary(row: Record<string, unknown>): ClientSummary {
  const daysBirth = num(row.DAYS_BIRTH);
  const target = row.TARGET;
  return {
    clientId: row.SK_ID_CURR as number,
    contractType: str(row.NAME_CONTRACT_TYPE),
    incomeType: str(row.NAME_INCOME_TYPE),
    ageYears: daysBirth === null ? null : Math.round((-daysBirth / DAYS_PER_YEAR) * 10) / 10,
    income: num(row.AMT_INCOME_TOTAL),
    credit: num(row.AMT_CREDIT),
    annuity: num(row.AMT_ANNUITY),
    outcome: target === 1 ? 'defaulted' : target === 0 ? 'repaid' : null,
  };
}

/** What the bank knows of a client's past, counted from the records the features read. */
export function historySummary(records: ClientRecords): HistorySummary {
  const bureau = records.bureau;
  const debts = bureau.filter((c) => c.CREDIT_ACTIVE === 'Active').map((c) => num(c.AMT_CREDIT_SUM_DEBT)).filter((d): d is number => d !== null);
  const previous = records.previousApplications;
  const status = (s: string) => previous.filter((p) => p.NAME_CONTRACT_STATUS === s).length;
  const balances = records.creditCard.map((m) => num(m.AMT_BALANCE)).filter((b): b is number => b !== null);
  return {
    bureau: {
      credits: bureau.length,
      active: bureau.filter((c) => c.CREDIT_ACTIVE === 'Active').length,
      closed: bureau.filter((c) => c.CREDIT_ACTIVE === 'Closed').length,
      totalDebt: debts.length ? debts.reduce((a, b) => a + b, 0) : null,
      overdueCredits: bureau.filter((c) => (num(c.CREDIT_DAY_OVERDUE) ?? 0) > 0 || (num(c.AMT_CREDIT_SUM_OVERDUE) ?? 0) > 0).length,
    },
    previousApplications: { count: previous.length, approved: status('Approved'), refused: status('Refused'), canceled: status('Canceled') },
    // One row per payment (an instalment paid in parts has several): late = paid after its due day, underpaid = less than due.
    instalments: {
      count: records.installments.length,
      late: records.installments.filter((i) => num(i.DAYS_ENTRY_PAYMENT) !== null && num(i.DAYS_INSTALMENT) !== null && i.DAYS_ENTRY_PAYMENT! > i.DAYS_INSTALMENT!).length,
      underpaid: records.installments.filter((i) => num(i.AMT_PAYMENT) !== null && num(i.AMT_INSTALMENT) !== null && i.AMT_PAYMENT! < i.AMT_INSTALMENT!).length,
    },
    creditCards: { months: records.creditCard.length, maxBalance: balances.length ? Math.max(...balances) : null },
    posCash: { months: records.posCash.length, monthsOverdue: records.posCash.filter((m) => (num(m.SK_DPD) ?? 0) > 0).length },
  };
}

/** The whole application row as a record of the contract (NaN/Infinity, which JSON cannot carry, read as missing). */
function applicationRecord(row: Record<string, unknown>): Record<string, FieldValue> {
  const record: Record<string, FieldValue> = {};
  for (const [column, value] of Object.entries(row)) {
    record[column] = typeof value === 'number' ? (Number.isFinite(value) ? value : null) : typeof value === 'string' ? value : null;
  }
  return record;
}

/**
 * Clients whose SK_ID_CURR starts with the digits typed: the exact id first, then ids one digit longer, and
 * so on. Each length is one range of the primary key (q·10^k … (q+1)·10^k − 1), so every lookup is an
 * index range scan, never a LIKE over the table. Anything but digits finds nobody.
 */
export function searchClients(queries: Pick<ClientQueries, 'range'>, query: string, limit: number): ClientSummary[] {
  if (!/^[1-9][0-9]{0,15}$/.test(query)) return [];
  const prefix = Number(query);
  const found: ClientSummary[] = [];
  for (let scale = 1; found.length < limit; scale *= 10) {
    const lo = prefix * scale;
    if (lo > Number.MAX_SAFE_INTEGER) break;
    const hi = Math.min((prefix + 1) * scale - 1, Number.MAX_SAFE_INTEGER);
    for (const row of queries.range(lo, hi, limit - found.length)) found.push(clientSummary(row));
  }
  return found;
}

/** Registers clients:search, clients:list and clients:get. */
export function registerClientHandlers(router: IpcRouter, services: HandlerServices): void {
  const queries = clientQueries(services.db);
  router.handle('clients:search', ({ query, limit }) => ({ clients: searchClients(queries, query, limit ?? DEFAULT_SEARCH_LIMIT) }));
  router.handle('clients:list', ({ offset, limit }) => ({
    total: queries.total(),
    clients: queries.page(limit, offset).map(clientSummary),
  }));
  router.handle('clients:get', ({ clientId }) => {
    const records = clientRecordsOrNotFound(services.db, clientId);
    const row = queries.row(clientId)!;
    return { client: clientSummary(row), application: applicationRecord(row), history: historySummary(records) };
  });
}
