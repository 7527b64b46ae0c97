/**
 * The key the tests encrypt their databases with, as the app encrypts every database: existing tests run
 * on encrypted files. A fixed, published value (test data only); runCli passes it as OCTROI_DB_KEY.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { openKeyedConnection, parseDatabaseKey, type DatabaseKey } from '../../db/database-key.js';

/** The tests' database key (hex form: TEST_DB_KEY_HEX). */
export const TEST_DB_KEY_HEX = '7e57da7a0c7e57da7a0c7e57da7a0c7e57da7a0c7e57da7a0c7e57da7a0c7e57';
export const TEST_DB_KEY = parseDatabaseKey(TEST_DB_KEY_HEX, 'TEST_DB_KEY_HEX');

/**
 * A raw connection to a test database (no migration, no pragma): what someone holding the file and its
 * key could do — drop a trigger, rewrite a row, set user_version. Clear when `key` is null.
 */
export function openRawTestConnection(file: string, key: DatabaseKey | null = TEST_DB_KEY, options: { readonly?: boolean } = {}): Database.Database {
  if (!fs.existsSync(file)) new Database(file).close(); // a new file (a foreign database made by a test)
  return openKeyedConnection(file, key, options);
}
