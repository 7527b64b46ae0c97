import { MIGRATION_0001_HOME_CREDIT } from './0001-home-credit.js';
import { MIGRATION_0002_APP_TABLES } from './0002-app-tables.js';
import { MIGRATION_0003_MATERIALISED_POPULATION } from './0003-materialised-population.js';

/** One schema change; `version` is what PRAGMA user_version holds once it has run. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only: never edit or reorder one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'home-credit-tables', sql: MIGRATION_0001_HOME_CREDIT },
  { version: 2, name: 'app-tables', sql: MIGRATION_0002_APP_TABLES },
  { version: 3, name: 'materialised-population', sql: MIGRATION_0003_MATERIALISED_POPULATION },
];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
