import fs from 'node:fs';
import type { Command } from 'commander';
import { loadModel } from '../../model/model-file/load-model.js';
import { ModelVerificationError, signModelFile } from '../../model/model-file/model-signature.js';
import { trustedPublicKeys } from '../../model/keys/trusted-keys.js';
import { CliError } from '../cli-error.js';

/** `octroi model sign|verify`: HQ signs a model file; IT checks one exactly as the app will before loading it. */
export function registerModel(program: Command): void {
  const model = program.command('model').description('Sign a model file, or verify one as the app does before loading it.');

  model
    .command('sign')
    .description('Sign a model file with an Ed25519 private key: writes <model>.sig beside it.')
    .requiredOption('--model <file>', 'the model file (model.onnx)')
    .requiredOption('--key <pem>', 'Ed25519 private key, PEM (keep it off the workstations)')
    .action((options: { model: string; key: string }) => {
      for (const [what, file] of [['model', options.model], ['key', options.key]] as const) {
        if (!fs.existsSync(file)) throw new CliError(`no ${what} file at ${file}`);
      }
      try {
        const signature = signModelFile(options.model, fs.readFileSync(options.key, 'utf8'));
        process.stdout.write(`Signed ${options.model} (key ${signature.keyId}, sha256 ${signature.sha256})\n`);
      } catch (error) {
        throw new CliError(`cannot sign ${options.model}: ${(error as Error).message}`);
      }
    });

  model
    .command('verify')
    .description('Check a model file as the app does: signature file, hash, trusted signature, metadata, features.')
    .requiredOption('--model <file>', 'the model file (model.onnx)')
    .option('--json', 'print one JSON object', false)
    .action((options: { model: string; json: boolean }) => {
      if (!fs.existsSync(options.model)) throw new CliError(`no model file at ${options.model}`);
      try {
        const loaded = loadModel(options.model, trustedPublicKeys());
        const m = loaded.metadata;
        const summary = {
          ok: true,
          model: options.model,
          version: m.model_version,
          sha256: loaded.signature.sha256,
          keyId: loaded.signature.keyId,
          features: m.features.length,
          threshold: m.threshold,
          auc: m.metrics.auc ?? null,
          warnings: loaded.warnings,
        };
        process.stdout.write(
          options.json
            ? `${JSON.stringify(summary)}\n`
            : `OK ${m.model_version}: signature by trusted key ${summary.keyId}, ${summary.features} features computable, ` +
                `threshold ${m.threshold}\n${loaded.warnings.map((w) => `warning: ${w}\n`).join('')}`,
        );
      } catch (error) {
        if (!(error instanceof ModelVerificationError)) throw error;
        if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, check: error.check, message: error.message })}\n`);
        throw new CliError(error.message);
      }
    });
}
