/** `octroi audit verify`: checks the decision log's hash chain and names the first bad entry. */
import type { Command } from 'commander';
import { verifyDecisionLog } from '../../db/decision-log.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

/** Registers `octroi audit verify`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The decision log: check that no entry was altered, deleted, reordered or inserted.');
  audit
    .command('verify')
    .description('Check the hash chain of the decision log; exit 0 when intact, 1 naming the first bad entry.')
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .option('--json', 'print {ok, entries, head, firstBad}', false)
    .action(async (options: { db: string; keyFile?: string; json: boolean }) => {
      const db = await openExistingDatabase(options.db, { writable: true, keyFile: options.keyFile });
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
