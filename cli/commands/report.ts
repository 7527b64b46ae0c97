/** `octroi report export`: the branch's signed report bundle for HQ (model/governance/report-bundle). */
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { activeModelPath } from '../../model/governance/model-install.js';
import { BranchKeyError, loadBranchKey } from '../../model/governance/branch-key.js';
import { BundleExportError, exportReportBundle } from '../../model/governance/report-bundle/export-bundle.js';
import { loadPseudonymKey, PseudonymKeyError, type ClientPseudonymiser } from '../../model/governance/report-bundle/client-pseudonym.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { appVersion } from '../app-version.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { openExistingDatabase } from '../open-database-for-cli.js';
import { openEngine } from './score.js';

interface ReportExportOptions {
  keyFile?: string;
  db: string;
  out: string;
  since?: string;
  until?: string;
  branch?: string;
  branchKey?: string;
  model?: string;
  withOutcomes: boolean;
  pseudonymiseKey?: string;
  json: boolean;
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('What the branch sends HQ.');
  report
    .command('export')
    .description('Write the signed report bundle of whole months for HQ: decision log, policy changes, model installs, score events, monitoring counts.')
    .requiredOption('--db <file>', 'the branch database')
    .option(...KEY_FILE_OPTION)
    .requiredOption('--out <dir>', 'the bundle folder to create (must not exist)')
    .option('--since <dir>', 'the previous bundle: this one continues after it (its months and its decision-log head)')
    .option('--until <month>', 'the last month, YYYY-MM (default: the last complete month)')
    .option('--branch <name>', 'the branch name HQ registered (default: the one branch the database knows)')
    .option('--branch-key <file>', 'the branch private key (default: OCTROI_BRANCH_KEY)')
    .option('--model <file>', 'the model whose reference bins the drift counts use (default: the model in use)')
    .option('--with-outcomes', 'also send the known outcomes (TARGET) of the clients scored or decided on: client id and outcome only', false)
    .option('--pseudonymise-key <file>', 'replace the client ids of score events and outcomes by HMAC-SHA256 pseudonyms with this secret (IT keeps it; at least 32 bytes)')
    .option('--json', 'print the manifest as JSON', false)
    .addHelpText(
      'after',
      `
Exporting the same period again gives the same bytes. With the same --pseudonymise-key, a client has the
same pseudonym in every bundle of the branch; the key never leaves the branch, and the decision log keeps
the client ids it was chained with. Move the folder to HQ as it is (shared folder, USB
key, sync job): HQ checks the signature, every file's hash, and that the decision log continues the chain
HQ holds (octroi hq ingest).`,
    )
    .action(async (options: ReportExportOptions) => {
      let key;
      try {
        key = loadBranchKey(options.branchKey);
      } catch (error) {
        if (error instanceof BranchKeyError) throw new CliError(error.message);
        throw error;
      }
      let pseudonymiser: ClientPseudonymiser | undefined;
      try {
        pseudonymiser = options.pseudonymiseKey === undefined ? undefined : loadPseudonymKey(options.pseudonymiseKey);
      } catch (error) {
        if (error instanceof PseudonymKeyError) throw new CliError(error.message);
        throw error;
      }
      const parent = path.dirname(path.resolve(options.out));
      if (!fs.existsSync(parent)) throw new CliError(`the folder of ${options.out} does not exist: ${parent}`);
      const db = await openExistingDatabase(options.db, { keyFile: options.keyFile });
      let engine: ScoringEngine | undefined;
      try {
        engine = await openEngine(options.model ?? activeModelPath(db, SHIPPED_MODEL_PATH));
        const manifest = await exportReportBundle(db, engine, key, options.out, {
          branch: options.branch,
          appVersion: appVersion(),
          since: options.since,
          until: options.until,
          withOutcomes: options.withOutcomes,
          pseudonymiser,
        });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(manifest)}\n`
            : `Bundle ${options.out}: ${manifest.branch}, ${manifest.period.from} to ${manifest.period.to}, ` +
                `${manifest.chain.entries === 0 ? 'no new decision-log entry' : `decision-log entries ${manifest.chain.previous.seq + 1}–${manifest.chain.head.seq}`}, ` +
                `${manifest.files['score-events.jsonl']?.rows ?? 0} score events` +
                `${manifest.content.outcomes ? `, ${manifest.files['outcomes.jsonl']?.rows ?? 0} outcomes` : ''}` +
                `${manifest.content.clientIds === 'pseudonymised' ? `, client ids pseudonymised (key ${manifest.content.pseudonymKeyId})` : ''}; signed by ${key.keyId}.\n`,
        );
      } catch (error) {
        if (error instanceof BundleExportError) throw new CliError(error.message);
        throw error;
      } finally {
        await engine?.close();
        db.close();
      }
    });
}
