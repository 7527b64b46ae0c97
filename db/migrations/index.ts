import { MIGRATION_0001_HOME_CREDIT } from './0001-home-credit.js';
import { MIGRATION_0002_APP_TABLES } from './0002-app-tables.js';
import { LEGACY_DUPLICATE_DECISIONS_SQL, MIGRATION_0003_INTEGRITY, oneDecisionIndexSql } from './0003-integrity.js';
import { MIGRATION_0004_MATERIALISED_POPULATION } from './0004-materialised-population.js';
import { MIGRATION_0005_DEMO_DATABASE_MARK } from './0005-demo-database-mark.js';
import type Database from 'better-sqlite3-multiple-ciphers';

/** One schema change; `version` is what PRAGMA user_version holds once it has run. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** SQL that depends on what the database holds, run after `sql` in the same transaction. */
  afterSql?: (db: Database.Database) => void;
}

/** Every migration, in order. Append only: never edit or reorder one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'home-credit-tables', sql: MIGRATION_0001_HOME_CREDIT },
  { version: 2, name: 'app-tables', sql: MIGRATION_0002_APP_TABLES },
  {
    version: 3,
    name: 'integrity',
    sql: MIGRATION_0003_INTEGRITY,
    afterSql: (db) => db.exec(oneDecisionIndexSql(db.prepare(LEGACY_DUPLICATE_DECISIONS_SQL).pluck().all() as number[])),
  },
  { version: 4, name: 'materialised-population', sql: MIGRATION_0004_MATERIALISED_POPULATION },
  { version: 5, name: 'demo-database-mark', sql: MIGRATION_0005_DEMO_DATABASE_MARK },
];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
