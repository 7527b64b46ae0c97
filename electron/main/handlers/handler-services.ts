/** What the handlers of main work with, and the one place a missing client becomes 'not-found'. */
import type { Db } from '../../../db/open-database.js';
import type { ClientRecords } from '../../../model/features/client-records.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import type { Lang } from '../../../model/format-value.js';
import type { ScoringEngine } from '../../../model/scoring-engine.js';
import { DomainError } from '../../shared/errors.js';

/** The services every handler reads: one database connection, its path, the scoring engine, the default language. */
export interface HandlerServices {
  db: Db;
  dbPath: string;
  engine: ScoringEngine;
  lang: Lang;
}

/** A client's records, or DomainError('not-found') naming the id. */
export function clientRecordsOrNotFound(db: Db, clientId: number): ClientRecords {
  const records = readClientRecords(db, clientId);
  if (!records) throw new DomainError('not-found', `No client with SK_ID_CURR ${clientId} in the database.`);
  return records;
}
