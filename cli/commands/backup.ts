/** `octroi backup` and `octroi restore`: an online copy of a database, checked; a restore that keeps the file it replaces. */
import type { Command } from 'commander';
import { BackupError, backupDatabase, restoreDatabase, type DatabaseFileCheck } from '../../db/backup.js';
import { readKeyFile, type DatabaseKey } from '../../db/database-key.js';
import { CliError } from '../cli-error.js';
import { asCliError, databaseKeyForCli, KEY_FILE_OPTION } from '../database-key-for-cli.js';

const describe = (check: DatabaseFileCheck) =>
  `schema v${check.schemaVersion}, integrity ${check.integrity.join(', ')}, ${check.clients} clients, ${check.decisions ?? 0} log entries, ${check.users ?? 0} accounts`;

/** Runs a backup step, turning its BackupError (or a key's error) into the CLI's one-line error. */
async function step<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw asCliError(error);
  }
}

/** `--backup-key-file`: the backup's own key, when IT keeps backups under another key than the database's. */
const BACKUP_KEY_FILE_OPTION = ['--backup-key-file <file>', "the backup's key when it is not the database's (IT's backup key)"] as const;

/** The backup's key from --backup-key-file (undefined: the database's key). */
const backupKeyOf = (file: string | undefined): DatabaseKey | undefined => (file ? readKeyFile(file) : undefined);

/** Registers `octroi backup` and `octroi restore`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("Copy a database (VACUUM INTO: safe while the app runs), encrypted with its key or --backup-key-file, then check the copy's integrity.")
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .requiredOption('--out <file>', 'the backup file to write')
    .option(...BACKUP_KEY_FILE_OPTION)
    .option('--force', 'replace --out if it exists', false)
    .option('--json', 'print the check of the copy as JSON', false)
    .action(async (options: { db: string; keyFile?: string; out: string; backupKeyFile?: string; force: boolean; json: boolean }) => {
      const key = await databaseKeyForCli(options.db, options);
      const check = await step(async () => backupDatabase(options.db, options.out, { key, backupKey: backupKeyOf(options.backupKeyFile), overwrite: options.force }));
      process.stdout.write(options.json ? `${JSON.stringify(check)}\n` : `Backed up ${options.db} to ${options.out}: ${describe(check)}.\n`);
    });

  program
    .command('restore')
    .description('Replace a database by a checked backup; the replaced file is kept as <db>.before-restore-<time>. Close the app first.')
    .requiredOption('--from <file>', 'the backup')
    .option(...BACKUP_KEY_FILE_OPTION)
    .requiredOption('--db <file>', 'the database to replace (or create)')
    .option(...KEY_FILE_OPTION)
    .option('--json', 'print what was done as JSON', false)
    .action(async (options: { from: string; backupKeyFile?: string; db: string; keyFile?: string; json: boolean }) => {
      const key = await databaseKeyForCli(options.db, options);
      const summary = await step(async () => restoreDatabase(options.from, options.db, { key, backupKey: backupKeyOf(options.backupKeyFile) }));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `Restored ${options.db} from ${options.from}: ${describe(summary)}.\n` +
              (summary.replacedKeptAs ? `The database it replaced is kept as ${summary.replacedKeptAs}.\n` : ''),
      );
    });
}
