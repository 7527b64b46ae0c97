/**
 * Streams every client's records for batch work: one ordered scan per table (by SK_ID_CURR, on the
 * per-client indexes), merged client by client. Never 7 queries per client, never a whole table in memory.
 */
import type { Db } from '../../db/open-database.js';
import { CLIENT_SELECTION_WHERE, type ClientSelection } from '../../db/queries/clients.js';
import {
  attachBureauBalance,
  type ApplicationRow,
  type BureauBalanceRow,
  type BureauRow,
  type ClientRecords,
  type CreditCardRow,
  type InstallmentRow,
  type PosCashRow,
  type PreviousApplicationRow,
} from './client-records.js';
import { allClientsSql, APPLICATION_QUERY, HISTORY_QUERIES, rowBuilder, type HistoryList, type RecordQuery } from './client-records-sql.js';

export { countClients, type ClientSelection } from '../../db/queries/clients.js';

interface ClientRow {
  SK_ID_CURR: number | null;
}

/** One table's rows in client order, read ahead by one row. */
class ClientStream<Row extends ClientRow> {
  private head: Row | undefined;

  constructor(
    private readonly rows: IterableIterator<unknown[]>,
    private readonly build: (values: unknown[]) => Row,
  ) {
    this.head = this.next();
  }

  /** The rows of client `id`; rows of smaller ids (clients not selected, or orphans) are skipped. */
  take(id: number): Row[] {
    while (this.head !== undefined && (this.head.SK_ID_CURR as number) < id) this.head = this.next();
    const rows: Row[] = [];
    while (this.head !== undefined && this.head.SK_ID_CURR === id) {
      rows.push(this.head);
      this.head = this.next();
    }
    return rows;
  }

  private next(): Row | undefined {
    const step = this.rows.next();
    return step.done ? undefined : this.build(step.value);
  }
}

/** Options of iterateClientRecords. */
export interface IterateOptions {
  clients?: ClientSelection;
  /** Only clients with from ≤ SK_ID_CURR ≤ to (a slice of the population, e.g. for one worker thread). */
  ids?: { from: number; to: number };
}

/** Every selected client's records, in SK_ID_CURR order. Close the generator (return) to stop early. */
export function* iterateClientRecords(db: Db, options: IterateOptions = {}): Generator<ClientRecords, void, undefined> {
  const selection = CLIENT_SELECTION_WHERE[options.clients ?? 'all'];
  const range = options.ids;
  if (range && !(Number.isSafeInteger(range.from) && Number.isSafeInteger(range.to))) {
    throw new Error(`Client id range must be whole numbers, got ${range.from}..${range.to}`);
  }
  const inRange = (client: string) => (range ? `${client} BETWEEN ${range.from} AND ${range.to}` : '');
  // Every open iterator is closed on the way out (end, early return, or an error preparing a later one):
  // an unfinished iterator keeps the connection busy.
  const open: Array<IterableIterator<unknown[]>> = [];
  const scan = (query: RecordQuery, where = ''): IterableIterator<unknown[]> => {
    const rows = db.prepare<[], unknown[]>(allClientsSql(query, where)).raw(true).iterate();
    open.push(rows);
    return rows;
  };
  const stream = <Row extends ClientRow>(list: HistoryList) =>
    new ClientStream<Row>(scan(HISTORY_QUERIES[list], inRange(HISTORY_QUERIES[list].client)), rowBuilder<Row>(HISTORY_QUERIES[list]));
  try {
    const applications = scan(APPLICATION_QUERY, [selection, inRange(APPLICATION_QUERY.client)].filter(Boolean).join(' AND '));
    const application = rowBuilder<ApplicationRow>(APPLICATION_QUERY);
    const bureau = stream<BureauRow>('bureau');
    const bureauBalance = stream<BureauBalanceRow & ClientRow>('bureauBalance');
    const previous = stream<PreviousApplicationRow>('previousApplications');
    const posCash = stream<PosCashRow>('posCash');
    const installments = stream<InstallmentRow>('installments');
    const creditCard = stream<CreditCardRow>('creditCard');
    for (const values of applications) {
      const row = application(values);
      const id = row.SK_ID_CURR as number;
      yield {
        application: row,
        bureau: attachBureauBalance(bureau.take(id), bureauBalance.take(id)),
        previousApplications: previous.take(id),
        posCash: posCash.take(id),
        installments: installments.take(id),
        creditCard: creditCard.take(id),
      };
    }
  } finally {
    for (const rows of open) rows.return?.();
  }
}
