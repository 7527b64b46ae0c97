import { MIGRATION_0001_HOME_CREDIT } from './0001-home-credit.js';

/** One schema change; `version` is what PRAGMA user_version holds once it has run. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only: never edit or reorder one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'home-credit-tables', sql: MIGRATION_0001_HOME_CREDIT },
];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
