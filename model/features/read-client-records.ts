/** Reads one client's records from SQLite: seven prepared statements on the per-client indexes. */
import type { Statement } from 'better-sqlite3';
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
import { APPLICATION_QUERY, HISTORY_QUERIES, oneClientSql } from './client-records-sql.js';

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
  const prepare = <Row>(sql: string) => db.prepare<[number], Row>(sql);
  const application = prepare<ApplicationRow>(oneClientSql(APPLICATION_QUERY));
  const bureau = prepare<BureauRow>(oneClientSql(HISTORY_QUERIES.bureau));
  const bureauBalance = prepare<BureauBalanceRow>(oneClientSql(HISTORY_QUERIES.bureauBalance));
  const previous = prepare<PreviousApplicationRow>(oneClientSql(HISTORY_QUERIES.previousApplications));
  const posCash = prepare<PosCashRow>(oneClientSql(HISTORY_QUERIES.posCash));
  const installments = prepare<InstallmentRow>(oneClientSql(HISTORY_QUERIES.installments));
  const creditCard = prepare<CreditCardRow>(oneClientSql(HISTORY_QUERIES.creditCard));
  const all = <Row>(statement: Statement<[number], Row>, id: number): Row[] => statement.all(id);
  return {
    read(clientId) {
      const row = application.get(clientId);
      if (!row) return undefined;
      return {
        application: row,
        bureau: attachBureauBalance(all(bureau, clientId), all(bureauBalance, clientId)),
        previousApplications: all(previous, clientId),
        posCash: all(posCash, clientId),
        installments: all(installments, clientId),
        creditCard: all(creditCard, clientId),
      };
    },
  };
}
