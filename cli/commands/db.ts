/**
 * `octroi db key|sql|encrypt|rekey|decrypt`: IT's tools for the database's encryption — make a key file,
 * look inside with the key (read-only), encrypt a clear database, change its key, or decrypt it.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { changeDatabaseKey, KeyChangeError, type KeyChangeSummary } from '../../db/change-database-key.js';
import { generateDatabaseKey, readKeyFile, writeKeyFile, type DatabaseKey } from '../../db/database-key.js';
import { CliError } from '../cli-error.js';
import { asCliError, databaseKeyForCli, KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

const NEW_KEY_FILE_OPTION = ['--new-key-file <file>', 'the key to encrypt with: read from this file, or a new random key written there (0600) when it does not exist'] as const;

/** The key of --new-key-file: the file's, or a new one written there. */
function newKey(file: string, dbPath: string): DatabaseKey {
  if (fs.existsSync(file)) return readKeyFile(file);
  const key = generateDatabaseKey();
  writeKeyFile(file, key, [`Key of the Octroi database ${dbPath}. Without it the database and its backups cannot be read: keep a copy where IT keeps secrets.`]);
  return key;
}

/** Runs a key change, every expected failure as the CLI's one-line error. */
function rekey(dbPath: string, from: () => DatabaseKey | null | Promise<DatabaseKey | null>, to: () => DatabaseKey | null): Promise<KeyChangeSummary> {
  return (async () => {
    if (!fs.existsSync(dbPath)) throw new CliError(`the database ${dbPath} does not exist`);
    try {
      return changeDatabaseKey(dbPath, await from(), to());
    } catch (error) {
      if (error instanceof KeyChangeError) throw new CliError(error.message);
      throw asCliError(error);
    }
  })();
}

const describeChange = (summary: KeyChangeSummary) => {
  const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
  const log = `, decision log ${summary.chain.entries} entries (${summary.chain.ok ? 'chain intact' : 'chain NOT intact, as before'})`;
  return `${Object.keys(summary.tables).length} tables, ${rows.toLocaleString('en-US')} rows, all verified${log}`;
};

/** A value of a query's row for a tab-separated line (NULL as empty, blobs as hex). */
const cell = (value: unknown) => (value === null || value === undefined ? '' : Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : String(value));

/** Registers `octroi db`. */
export function registerDb(program: Command): void {
  const db = program.command('db').description("The database's encryption (IT): key, sql, encrypt, rekey, decrypt.");

  db.command('key')
    .description('Write a new random database key (256 bits, 64 hexadecimal characters) to a file readable by its owner only.')
    .requiredOption('--out <file>', 'the key file to create (never overwritten)')
    .action((options: { out: string }) => {
      try {
        writeKeyFile(options.out, generateDatabaseKey(), ['Octroi database key. Without it the database and its backups cannot be read: keep a copy where IT keeps secrets.']);
      } catch (error) {
        throw asCliError(error);
      }
      process.stdout.write(`New key written to ${options.out}.\n`);
    });

  db.command('sql')
    .description('Run one read-only query on a database with its key (IT looking inside: the file is never changed).')
    .argument('<query>', 'one SQL statement that reads (SELECT, WITH …, a PRAGMA that reads)')
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .option('--json', 'print the rows as a JSON array', false)
    .action(async (query: string, options: { db: string; keyFile?: string; json: boolean }) => {
      const open = await openExistingDatabase(options.db, { keyFile: options.keyFile });
      try {
        // Read-only twice over: the connection is opened read-only, and query_only refuses writes to attached files too.
        open.pragma('query_only = ON');
        let statement;
        try {
          statement = open.prepare(query);
        } catch (error) {
          throw new CliError(`the query does not run: ${(error as Error).message}`);
        }
        if (!statement.reader) throw new CliError('this command only reads: the statement returns no rows (SELECT, WITH … SELECT, or a PRAGMA that reads)');
        let rows: Record<string, unknown>[];
        try {
          rows = statement.all() as Record<string, unknown>[];
        } catch (error) {
          throw new CliError(`the query failed: ${(error as Error).message}`);
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`);
          return;
        }
        const columns = statement.columns().map((c) => c.name);
        process.stdout.write(`${columns.join('\t')}\n`);
        for (const row of rows) process.stdout.write(`${columns.map((c) => cell(row[c])).join('\t')}\n`);
      } finally {
        open.close();
      }
    });

  db.command('encrypt')
    .description('Encrypt a clear database (from a version before encryption): a verified copy replaces it, then the clear file is removed.')
    .requiredOption('--db <file>', 'the clear database (close the app first)')
    .requiredOption(...NEW_KEY_FILE_OPTION)
    .action(async (options: { db: string; newKeyFile: string }) => {
      const summary = await rekey(options.db, () => null, () => newKey(options.newKeyFile, options.db));
      process.stdout.write(`Encrypted ${options.db} with the key in ${options.newKeyFile}: ${describeChange(summary)}. The clear file was removed.\n`);
    });

  db.command('rekey')
    .description("Change a database's key: a verified copy under the new key replaces it.")
    .requiredOption('--db <file>', 'the database (close the app first)')
    .option(...KEY_FILE_OPTION)
    .requiredOption(...NEW_KEY_FILE_OPTION)
    .action(async (options: { db: string; keyFile?: string; newKeyFile: string }) => {
      const summary = await rekey(options.db, () => databaseKeyForCli(options.db, options), () => newKey(options.newKeyFile, options.db));
      process.stdout.write(`Re-keyed ${options.db} with the key in ${options.newKeyFile}: ${describeChange(summary)}. The old key no longer opens it.\n`);
    });

  db.command('decrypt')
    .description('Decrypt a database into clear SQLite (for a migration or an investigation): the result holds client data in clear.')
    .requiredOption('--db <file>', 'the database (close the app first)')
    .option(...KEY_FILE_OPTION)
    .action(async (options: { db: string; keyFile?: string }) => {
      const summary = await rekey(options.db, () => databaseKeyForCli(options.db, options), () => null);
      process.stdout.write(`Decrypted ${options.db}: ${describeChange(summary)}. It now holds client data in clear: encrypt it again (octroi db encrypt) as soon as you can.\n`);
    });
}
