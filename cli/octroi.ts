#!/usr/bin/env node
/** Octroi's command line: one entry point over the same code the desktop app runs. */
import { Command } from 'commander';
import { registerImport } from './commands/import.js';
import { registerSynth } from './commands/synth.js';
import { registerDemo } from './commands/demo.js';
import { registerFeatures } from './commands/features.js';
import { registerTrain } from './commands/train.js';
import { registerModel } from './commands/model.js';
import { registerScore } from './commands/score.js';
import { registerLetter } from './commands/letter.js';
import { registerUsers } from './commands/users.js';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerModelInstall } from './commands/model-install.js';
import { registerBranchKey } from './commands/branch-key.js';
import { registerReport } from './commands/report.js';
import { registerHq } from './commands/hq.js';
import { CliError } from './cli-error.js';

const program = new Command('octroi')
  .description('Octroi: credit scoring for loan officers — data, model and batch tools.')
  .showHelpAfterError();

registerImport(program);
registerSynth(program);
registerDemo(program);
registerFeatures(program);
registerTrain(program);
registerModel(program);
registerModelInstall(program);
registerScore(program);
registerUsers(program);
registerAudit(program);
registerBackup(program);
registerLetter(program);
registerBranchKey(program);
registerReport(program);
registerHq(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`octroi: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`octroi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
});
