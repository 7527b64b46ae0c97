/** `octroi backup` and `octroi restore`: an online copy of a database, checked; a restore that keeps the file it replaces. */
import type { Command } from 'commander';
import { BackupError, backupDatabase, restoreDatabase, type DatabaseFileCheck } from '../../db/backup.js';
import { CliError } from '../cli-error.js';

const describe = (check: DatabaseFileCheck) =>
  `schema v${check.schemaVersion}, integrity ${check.integrity.join(', ')}, ${check.clients} clients, ${check.decisions ?? 0} log entries, ${check.users ?? 0} accounts`;

/** Runs a backup step, turning its BackupError into the CLI's one-line error. */
async function step<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

/** Registers `octroi backup` and `octroi restore`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("Copy a database with SQLite's online backup API (safe while the app runs), then check the copy's integrity.")
    .requiredOption('--db <file>', 'the database')
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--force', 'replace --out if it exists', false)
    .option('--json', 'print the check of the copy as JSON', false)
    .action(async (options: { db: string; out: string; force: boolean; json: boolean }) => {
      const check = await step(() => backupDatabase(options.db, options.out, { overwrite: options.force }));
      process.stdout.write(options.json ? `${JSON.stringify(check)}\n` : `Backed up ${options.db} to ${options.out}: ${describe(check)}.\n`);
    });

  program
    .command('restore')
    .description('Replace a database by a checked backup; the replaced file is kept as <db>.before-restore-<time>. Close the app first.')
    .requiredOption('--from <file>', 'the backup')
    .requiredOption('--db <file>', 'the database to replace (or create)')
    .option('--json', 'print what was done as JSON', false)
    .action(async (options: { from: string; db: string; json: boolean }) => {
      const summary = await step(() => restoreDatabase(options.from, options.db));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `Restored ${options.db} from ${options.from}: ${describe(summary)}.\n` +
              (summary.replacedKeptAs ? `The database it replaced is kept as ${summary.replacedKeptAs}.\n` : ''),
      );
    });
}
