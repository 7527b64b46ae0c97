/** Reads one client's records from SQLite: seven prepared statements on the per-client indexes. */
import type { Db } from '../../db/open-database.js';
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
import { APPLICATION_QUERY, HISTORY_QUERIES, oneClientSql, rowBuilder, type RecordQuery } from './client-records-sql.js';

/** Reads the records of one client at a time, with statements prepared once. */
export interface ClientRecordsReader {
  /** The client's records, or undefined when there is no application with that SK_ID_CURR. */
  read(clientId: number): ClientRecords | undefined;
}

const readers = new WeakMap<Db, ClientRecordsReader>();

/** A reader for this database (one per connection, reused: preparing costs more than reading one client). */
export function clientRecordsReader(db: Db): ClientRecordsReader {
  let reader = readers.get(db);
  if (!reader) {
    reader = createReader(db);
    readers.set(db, reader);
  }
  return reader;
}

/** One client's records, or undefined when there is no application with that SK_ID_CURR. */
export function readClientRecords(db: Db, clientId: number): ClientRecords | undefined {
  return clientRecordsReader(db).read(clientId);
}

function createReader(db: Db): ClientRecordsReader {
  const rows = <Row>(query: RecordQuery): ((clientId: number) => Row[]) => {
    const statement = db.prepare<[number], unknown[]>(oneClientSql(query)).raw(true);
    const build = rowBuilder<Row>(query);
    return (clientId) => statement.all(clientId).map(build);
  };
  const application = rows<ApplicationRow>(APPLICATION_QUERY);
  const bureau = rows<BureauRow>(HISTORY_QUERIES.bureau);
  const bureauBalance = rows<BureauBalanceRow>(HISTORY_QUERIES.bureauBalance);
  const previous = rows<PreviousApplicationRow>(HISTORY_QUERIES.previousApplications);
  const posCash = rows<PosCashRow>(HISTORY_QUERIES.posCash);
  const installments = rows<InstallmentRow>(HISTORY_QUERIES.installments);
  const creditCard = rows<CreditCardRow>(HISTORY_QUERIES.creditCard);
  return {
    read(clientId) {
      const [row] = application(clientId);
      if (!row) return undefined;
      return {
        application: row,
        bureau: attachBureauBalance(bureau(clientId), bureauBalance(clientId)),
        previousApplications: previous(clientId),
        posCash: posCash(clientId),
        installments: installments(clientId),
        creditCard: creditCard(clientId),
      };
    },
  };
}
