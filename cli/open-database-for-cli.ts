/** Opens a database for a command, with its key, every failure as a one-line CLI error naming the file. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { DatabaseKeyError } from '../db/database-key.js';
import { NewerDatabaseError, openDatabase, type Db } from '../db/open-database.js';
import { CliError } from './cli-error.js';
import { databaseKeyForCli, KEY_FILE_OPTION } from './database-key-for-cli.js';

/** How a command opens its database. */
export interface CliOpenOptions {
  /** Commands that record something (users, model installs, imports) open it for writing; the others read only. */
  writable?: boolean;
  /** The file may not exist yet: it is created (an import). */
  create?: boolean;
  /** `--key-file` of the command (database-key-for-cli.ts says where else the key comes from). */
  keyFile?: string;
}

/**
 * The database at `file`, unlocked with its key; CliError when it is missing (unless `create`), encrypted
 * and no (or the wrong) key is given, from a newer build, or cannot be opened.
 */
export async function openExistingDatabase(file: string, options: CliOpenOptions = {}): Promise<Db> {
  if (!options.create && !fs.existsSync(file)) throw new CliError(`the database ${file} does not exist`);
  const key = await databaseKeyForCli(file, options);
  try {
    return openDatabase(file, { key, readonly: !options.writable && !options.create });
  } catch (error) {
    if (error instanceof NewerDatabaseError || error instanceof DatabaseKeyError) throw new CliError(error.message);
    throw new CliError(`cannot open the database ${file}: ${(error as Error).message}`);
  }
}

/** The options every command on one database has. */
export interface DatabaseCommandOptions {
  db: string;
  keyFile?: string;
}

/** A subcommand of `parent` that works on one database: `--db <file>` and `--key-file`. */
export function databaseCommand(parent: Command, name: string, description: string, database = 'the database'): Command {
  return parent.command(name).description(description).requiredOption('--db <file>', database).option(...KEY_FILE_OPTION);
}

/** Runs `work` on the command's database (opened as `open` says), closed afterwards whatever happens. */
export async function withExistingDatabase<T>(options: DatabaseCommandOptions, open: Omit<CliOpenOptions, 'keyFile'>, work: (db: Db) => T | Promise<T>): Promise<T> {
  const db = await openExistingDatabase(options.db, { ...open, keyFile: options.keyFile });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
