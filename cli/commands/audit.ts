/** `octroi audit verify` and `octroi audit checkpoint`: the decision log's hash chain, and its head kept outside the database. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { compareWithCheckpoint, verifyDecisionLog } from '../../db/decision-log.js';
import { checkCheckpointSignature, CheckpointError, makeCheckpoint, readCheckpoint, writeCheckpoint } from '../../model/governance/audit-checkpoint.js';
import { BRANCH_KEY_ENV, BranchKeyError, loadBranchKey } from '../../model/governance/branch-key.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

/** Runs a step whose errors are sentences (checkpoint, key) as the CLI's one-line error. */
function inWords<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CheckpointError || error instanceof BranchKeyError) throw new CliError(error.message);
    throw error;
  }
}

/** Registers `octroi audit verify` and `octroi audit checkpoint`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The decision log: check that no entry was altered, deleted, reordered or inserted.');
  audit
    .command('verify')
    .description('Check the hash chain of the decision log (and, with --checkpoint, that nothing recorded then is gone or rewritten); exit 0 when intact, 1 naming the first problem.')
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .option('--checkpoint <file>', 'a checkpoint written by octroi audit checkpoint: the log must still hold what it recorded')
    .option('--branch-public-key <file>', "the branch's public key (.pub.pem): the checkpoint must be signed by it")
    .option('--json', 'print {ok, entries, head, firstBad, checkpoint}', false)
    .action(async (options: { db: string; keyFile?: string; json: boolean; checkpoint?: string; branchPublicKey?: string }) => {
      const checkpoint = options.checkpoint === undefined ? null : inWords(() => readCheckpoint(options.checkpoint!));
      if (checkpoint) inWords(() => checkCheckpointSignature(checkpoint, options.branchPublicKey === undefined ? undefined : fs.readFileSync(options.branchPublicKey, 'utf8')));
      const db = await openExistingDatabase(options.db, { writable: true, keyFile: options.keyFile });
      let result;
      let comparison = null;
      try {
        result = verifyDecisionLog(db);
        if (checkpoint) comparison = compareWithCheckpoint(db, checkpoint);
      } finally {
        db.close();
      }
      const since = checkpoint ? ` since the checkpoint of ${checkpoint.at}` : '';
      if (options.json) process.stdout.write(`${JSON.stringify({ ...result, checkpoint: comparison })}\n`);
      else if (result.ok && (!comparison || comparison.ok)) {
        process.stdout.write(`OK: ${result.entries} entries, chain intact (head ${result.head})${comparison ? `; ${comparison.message}${since}` : ''}.\n`);
      }
      if (comparison && !comparison.ok) throw new CliError(`decision log NOT intact${since}: ${comparison.message} [${comparison.problem}]`);
      if (!result.ok) {
        const bad = result.firstBad;
        throw new CliError(`decision log NOT intact (${result.entries} entries): ${bad ? `${bad.message} [${bad.problem}]` : 'unknown problem'}`);
      }
    });

  audit
    .command('checkpoint')
    .description("Write the decision log's head (entries, last hash, time), signed with the branch key, into a folder outside the database.")
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .requiredOption('--out <dir>', 'the folder to write audit-checkpoint-<time>.json into (keep it off the database\'s disk)')
    .option('--branch-key <file>', `the branch's private key (or set ${BRANCH_KEY_ENV})`)
    .option('--json', 'print the checkpoint and its file as JSON', false)
    .action(async (options: { db: string; keyFile?: string; out: string; branchKey?: string; json: boolean }) => {
      const key = inWords(() => loadBranchKey(options.branchKey));
      const db = await openExistingDatabase(options.db, { keyFile: options.keyFile });
      let checkpoint;
      try {
        checkpoint = inWords(() => makeCheckpoint(db, path.basename(options.db), key));
      } finally {
        db.close();
      }
      const file = inWords(() => writeCheckpoint(options.out, checkpoint));
      process.stdout.write(
        options.json ? `${JSON.stringify({ file, ...checkpoint })}\n` : `Checkpoint written to ${file}: ${checkpoint.entries} entries, head ${checkpoint.head}, signed by key ${checkpoint.keyId}.\n`,
      );
    });
}
