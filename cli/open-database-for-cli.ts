/** Opens an existing database for a command, every failure as a one-line CLI error naming the file. */
import fs from 'node:fs';
import { NewerDatabaseError, openDatabase, type Db } from '../db/open-database.js';
import { CliError } from './cli-error.js';

/**
 * The database at `file` (read-only unless `writable`: commands that record something, like users or model
 * installs, open it for writing); CliError when it is missing, from a newer build, or cannot be opened.
 */
export function openExistingDatabase(file: string, options: { writable?: boolean } = {}): Db {
  if (!fs.existsSync(file)) throw new CliError(`the database ${file} does not exist`);
  try {
    return openDatabase(file, { readonly: !options.writable });
  } catch (error) {
    if (error instanceof NewerDatabaseError) throw new CliError(error.message);
    throw new CliError(`cannot open the database ${file}: ${(error as Error).message}`);
  }
}
