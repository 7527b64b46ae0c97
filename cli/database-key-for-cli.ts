/**
 * The key of the database a command opens: `--key-file`, else OCTROI_DB_KEY_FILE, else OCTROI_DB_KEY,
 * else the DEMO key file beside a demo database, else (at a terminal, for an existing encrypted file) a
 * prompt. Every failure is a one-line CliError saying how to give the key.
 */
import fs from 'node:fs';
import { DatabaseKeyError, isClearDatabaseFile, keyFromEnvironment, missingKeyMessage, parseDatabaseKey, readKeyFile, type DatabaseKey } from '../db/database-key.js';
import { demoKeyPath } from '../demo/demo-database-key.js';
import { CliError } from './cli-error.js';
import { readExistingSecret } from './read-password.js';

/** `--key-file <file>` of every command that opens a database: `.option(...KEY_FILE_OPTION)`. */
export const KEY_FILE_OPTION = [
  '--key-file <file>',
  'file holding the database key (64 hexadecimal characters); else OCTROI_DB_KEY_FILE, OCTROI_DB_KEY, or a prompt',
] as const;

/** A key step's DatabaseKeyError as the CLI's one-line error; other errors go up unchanged. */
export function asCliError(error: unknown): unknown {
  return error instanceof DatabaseKeyError ? new CliError(error.message) : error;
}

/**
 * The key to open `dbFile` with (null: the file is a clear database, opened as such with a warning on
 * standard error). `creating`: the file is new (an import, a demo): a key must be given, never asked.
 */
export async function databaseKeyForCli(dbFile: string, options: { keyFile?: string }): Promise<DatabaseKey | null> {
  try {
    if (options.keyFile) return readKeyFile(options.keyFile);
    const fromEnvironment = keyFromEnvironment();
    if (fromEnvironment) return fromEnvironment;
    if (fs.existsSync(demoKeyPath(dbFile))) return readKeyFile(demoKeyPath(dbFile));
  } catch (error) {
    throw asCliError(error);
  }
  const exists = fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0;
  if (!exists) {
    throw new CliError(
      `a new database is encrypted: give the key to create ${dbFile} with OCTROI_DB_KEY_FILE or --key-file ` +
        '(make a new key file with: octroi db key --out FILE, and keep a copy of it where IT keeps secrets).',
    );
  }
  if (isClearDatabaseFile(dbFile)) {
    process.stderr.write(`octroi: warning: ${dbFile} is not encrypted (encrypt it with: octroi db encrypt --db ${dbFile} --new-key-file FILE)\n`);
    return null;
  }
  // Standard input may be the command's own data (users add reads a password from it): only a terminal is asked.
  if (!process.stdin.isTTY) throw new CliError(missingKeyMessage(dbFile));
  // Typed once: the key of an existing database is checked by opening it (a wrong one says so).
  const typed = await readExistingSecret(`Key of the database ${dbFile} (64 hexadecimal characters)`);
  try {
    return parseDatabaseKey(typed, 'The key typed');
  } catch (error) {
    throw asCliError(error);
  }
}
