/**
 * The key the tests encrypt their databases with, as the app encrypts every database: existing tests run
 * on encrypted files. A new random key for each test run, never a key kept in the repository: the vitest
 * global setup makes it and puts it in OCTROI_TEST_DB_KEY, which every test process and every program a
 * test starts inherit; runCli passes it to the CLI as OCTROI_DB_KEY.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { generateDatabaseKey, keyToHex, openKeyedConnection, parseDatabaseKey, type DatabaseKey } from '../../db/database-key.js';

const TEST_KEY_VARIABLE = 'OCTROI_TEST_DB_KEY';
// A test file run on its own (no global setup) makes its own key; its processes share it the same way.
process.env[TEST_KEY_VARIABLE] ??= keyToHex(generateDatabaseKey());

/** The tests' database key (hex form: TEST_DB_KEY_HEX). */
export const TEST_DB_KEY_HEX: string = process.env[TEST_KEY_VARIABLE];
export const TEST_DB_KEY = parseDatabaseKey(TEST_DB_KEY_HEX, TEST_KEY_VARIABLE);

/**
 * A raw connection to a test database (no migration, no pragma): what someone holding the file and its
 * key could do — drop a trigger, rewrite a row, set user_version. Clear when `key` is null.
 */
export function openRawTestConnection(file: string, key: DatabaseKey | null = TEST_DB_KEY, options: { readonly?: boolean } = {}): Database.Database {
  if (!fs.existsSync(file)) new Database(file).close(); // a new file (a foreign database made by a test)
  return openKeyedConnection(file, key, options);
}
