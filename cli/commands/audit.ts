/** `octroi audit verify`: checks the decision log's hash chain and names the first bad entry. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyDecisionLog } from '../../db/decision-log.js';
import { NewerDatabaseError, openDatabase, type Db } from '../../db/open-database.js';
import { CliError } from '../cli-error.js';

/** Opens an existing database (CliError naming the file when there is none or it is from a newer build). */
export function openExisting(file: string): Db {
  if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`);
  try {
    return openDatabase(file);
  } catch (error) {
    if (error instanceof NewerDatabaseError) throw new CliError(error.message);
    throw new CliError(`${file} cannot be opened: ${(error as Error).message}`);
  }
}

/** Registers `octroi audit verify`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The decision log: check that no entry was altered, deleted, reordered or inserted.');
  audit
    .command('verify')
    .description('Check the hash chain of the decision log; exit 0 when intact, 1 naming the first bad entry.')
    .requiredOption('--db <file>', 'the database')
    .option('--json', 'print {ok, entries, head, firstBad}', false)
    .action((options: { db: string; json: boolean }) => {
      const db = openExisting(options.db);
      let result;
      try {
        result = verifyDecisionLog(db);
      } finally {
        db.close();
      }
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) process.stdout.write(`OK: ${result.entries} entries, chain intact (head ${result.head}).\n`);
      if (!result.ok) {
        const bad = result.firstBad;
        throw new CliError(`decision log NOT intact (${result.entries} entries): ${bad ? `${bad.message} [${bad.problem}]` : 'unknown problem'}`);
      }
    });
}
