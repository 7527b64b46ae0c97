/** `octroi branch-key create --out FILE`: the branch's Ed25519 key pair (it signs the report bundles; HQ registers the public half). */
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { BranchKeyError, createBranchKey } from '../../model/governance/branch-key.js';
import { CliError } from '../cli-error.js';

export function registerBranchKey(program: Command): void {
  const key = program.command('branch-key').description('The branch key: signs what the branch sends HQ (report bundles).');
  key
    .command('create')
    .description('Create an Ed25519 key pair: FILE (private, keep it on the branch machine) and FILE.pub.pem (send it to HQ).')
    .requiredOption('--out <file>', 'the private key file to write (PEM); the public key goes beside it')
    .action((options: { out: string }) => {
      const dir = path.dirname(path.resolve(options.out));
      if (!fs.existsSync(dir)) throw new CliError(`the folder of ${options.out} does not exist: ${dir}`);
      try {
        const created = createBranchKey(options.out);
        process.stdout.write(
          `Branch key ${created.keyId} written: ${created.privateKeyFile} (private: readable by you only, keep it on this machine; ` +
            `point --branch-key or OCTROI_BRANCH_KEY at it) and ${created.publicKeyFile} (public: HQ registers it with octroi hq branch add).\n`,
        );
      } catch (error) {
        if (error instanceof BranchKeyError) throw new CliError(error.message);
        throw new CliError(`cannot write the key ${options.out}: ${(error as Error).message}`);
      }
    });
}
