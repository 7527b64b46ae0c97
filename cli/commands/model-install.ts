/** `octroi model install|rollback|history`: what the app's Models page does, for IT at the command line. */
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { activeModelPath, installCandidate, ModelInstallConflict, modelInstallHistory, recordModelInstall, requireRollbackTarget } from '../../model/governance/model-install.js';
import { loadModel } from '../../model/model-file/load-model.js';
import { ModelVerificationError } from '../../model/model-file/model-signature.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import { trustedPublicKeys } from '../../model/keys/trusted-keys.js';
import { CliError } from '../cli-error.js';
import { databaseCommand, withExistingDatabase, type DatabaseCommandOptions } from '../open-database-for-cli.js';

/** The models folder the app uses for a database: beside it. */
const defaultModelsDir = (db: string) => path.join(path.dirname(path.resolve(db)), 'models');
/** Who acts, for the record: the operating-system account running the CLI. */
const cliUser = () => ({ userId: null, username: `${os.userInfo().username} (cli)` });

/** A refused install or rollback in the CLI's words (the app says the same through DomainError). */
function refusal(error: unknown): unknown {
  if (error instanceof ModelVerificationError || error instanceof ModelInstallConflict) return new CliError(`${error.message} Nothing was changed.`);
  return error;
}

/** Registers install, rollback and history under `octroi model`. */
export function registerModelInstall(program: Command): void {
  const model = program.commands.find((c) => c.name() === 'model') ?? program.command('model').description('Model files.');

  databaseCommand(
    model,
    'install',
    'Verify a model file (hash, trusted signature, features) and make it the model of a database; the previous one is kept for rollback.',
    'the database whose model changes',
  )
    .requiredOption('--model <file>', 'the new model file (its .sig beside it)')
    .option('--models-dir <dir>', 'where installed models are kept (default: "models" beside the database)')
    .action((options: DatabaseCommandOptions & { model: string; modelsDir?: string }) =>
      withExistingDatabase(options, { writable: true }, (db) => {
        const keys = trustedPublicKeys();
        const current = loadModel(activeModelPath(db, SHIPPED_MODEL_PATH), keys);
        const inUse = { version: current.metadata.model_version, sha256: current.signature.sha256 };
        const installed = installCandidate(options.model, options.modelsDir ?? defaultModelsDir(options.db), keys, inUse);
        recordModelInstall(db, { action: 'install', version: installed.version, sha256: installed.sha256, path: installed.path, previousVersion: current.metadata.model_version, user: cliUser() });
        process.stdout.write(`Installed ${installed.version} (was ${current.metadata.model_version}) at ${installed.path}; the app uses it from its next start.\n`);
      }).catch((error: unknown) => {
        throw refusal(error);
      }),
    );

  databaseCommand(model, 'rollback', 'Return a database to the model in use before the last install.').action((options: DatabaseCommandOptions) =>
    withExistingDatabase(options, { writable: true }, (db) => {
      const target = requireRollbackTarget(db, SHIPPED_MODEL_PATH);
      const keys = trustedPublicKeys();
      const current = loadModel(activeModelPath(db, SHIPPED_MODEL_PATH), keys);
      const previous = loadModel(target, keys);
      recordModelInstall(db, { action: 'rollback', version: previous.metadata.model_version, sha256: previous.signature.sha256, path: target, previousVersion: current.metadata.model_version, user: cliUser() });
      process.stdout.write(`Rolled back to ${previous.metadata.model_version} (was ${current.metadata.model_version}).\n`);
    }).catch((error: unknown) => {
      throw refusal(error);
    }),
  );

  databaseCommand(model, 'history', 'Installs and rollbacks of a database, newest first, and the model in use.')
    .option('--json', 'print JSON', false)
    .action((options: DatabaseCommandOptions & { json: boolean }) =>
      withExistingDatabase(options, { writable: true }, (db) => {
        const history = modelInstallHistory(db);
        const active = activeModelPath(db, SHIPPED_MODEL_PATH);
        if (options.json) process.stdout.write(`${JSON.stringify({ active, history })}\n`);
        else {
          process.stdout.write(`In use: ${active}\n`);
          for (const h of history) process.stdout.write(`${h.installedAt}\t${h.action}\t${h.modelVersion}\t(was ${h.previousVersion ?? '—'})\t${h.username}\n`);
        }
      }),
    );
}
