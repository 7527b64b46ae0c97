/**
 * `octroi backup`, `octroi backup verify` and `octroi restore`: an online copy of a database with a manifest
 * that proves it later; the check of a backup against its manifest; a restore that checks first and keeps
 * the file it replaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { BackupError, backupDatabase, restoreDatabase, verifyBackup, type DatabaseFileCheck } from '../../db/backup.js';
import { readManifest, writeManifest } from '../../db/backup-manifest.js';
import { compareWithCheckpoint } from '../../db/decision-log.js';
import { checkCheckpointSignature, CheckpointError, makeCheckpoint, parseCheckpoint } from '../../model/governance/audit-checkpoint.js';
import { BRANCH_KEY_ENV, BranchKeyError, loadBranchKey } from '../../model/governance/branch-key.js';
import { CliError } from '../cli-error.js';

const describe = (check: DatabaseFileCheck) =>
  `schema v${check.schemaVersion}, integrity ${check.integrity.join(', ')}, ${check.clients} clients, ${check.decisions ?? 0} log entries, ${check.users ?? 0} accounts`;

/** Runs a backup step, turning its errors in words into the CLI's one-line error. */
async function step<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError || error instanceof CheckpointError || error instanceof BranchKeyError) throw new CliError(error.message);
    throw error;
  }
}

/** Adds a signed audit checkpoint of the backup's log to its manifest. */
function addCheckpoint(dbPath: string, backup: string, keyFile: string | undefined): string {
  const key = loadBranchKey(keyFile);
  const copy = new Database(backup, { readonly: true, fileMustExist: true });
  let checkpoint;
  try {
    checkpoint = makeCheckpoint(copy, path.basename(dbPath), key);
  } finally {
    copy.close();
  }
  writeManifest(backup, { ...readManifest(backup)!, checkpoint });
  return key.keyId;
}

/** Checks the signed checkpoint a manifest holds, if any, against the backup's log; returns what it found. */
function checkManifestCheckpoint(backup: string, checkpointValue: unknown, publicKeyFile: string | undefined): string {
  if (checkpointValue === undefined) return 'no signed checkpoint in the manifest (back up with --branch-key to add one)';
  const checkpoint = parseCheckpoint(checkpointValue, 'the manifest\'s checkpoint');
  checkCheckpointSignature(checkpoint, publicKeyFile === undefined ? undefined : fs.readFileSync(publicKeyFile, 'utf8'));
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const comparison = compareWithCheckpoint(db, checkpoint);
    if (!comparison.ok) throw new CliError(`${backup}: the decision log does not match the signed checkpoint of its manifest: ${comparison.message}`);
  } finally {
    db.close();
  }
  return `signed checkpoint by key ${checkpoint.keyId}${publicKeyFile ? ' (the branch key given)' : ' (pass --branch-public-key to check it is the branch\'s)'} matches`;
}

/** Registers `octroi backup`, `octroi backup verify` and `octroi restore`. */
export function registerBackup(program: Command): void {
  const backup = program
    .command('backup')
    .description("Copy a database with SQLite's online backup API (safe while the app runs), check the copy, and write its manifest beside it.")
    .option('--db <file>', 'the database')
    .option('--out <file>', 'the backup file to write (its manifest goes to <file>.manifest.json)')
    .option('--force', 'replace --out if it exists', false)
    .option('--branch-key <file>', `sign an audit checkpoint into the manifest with the branch key (or set ${BRANCH_KEY_ENV})`)
    .option('--json', 'print the check of the copy as JSON', false)
    .action(async (options: { db?: string; out?: string; force: boolean; json: boolean; branchKey?: string }) => {
      if (!options.db || !options.out) throw new CliError('octroi backup needs --db FILE and --out FILE (or: octroi backup verify FILE).');
      const { db, out } = options as { db: string; out: string };
      const check = await step(() => backupDatabase(db, out, { overwrite: options.force }));
      const signedBy = options.branchKey || process.env[BRANCH_KEY_ENV] ? await step(async () => addCheckpoint(db, out, options.branchKey)) : null;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...check, checkpointKeyId: signedBy })}\n`
          : `Backed up ${db} to ${out}: ${describe(check)}.\nManifest: ${check.manifest}${signedBy ? ` (with an audit checkpoint signed by key ${signedBy})` : ''}.\n`,
      );
    });

  backup
    .command('verify <file>')
    .description('Check a backup against its manifest (SHA-256, row counts, schema, decision log chain and head, signed checkpoint); exit 1 naming every difference.')
    .option('--branch-public-key <file>', "the branch's public key (.pub.pem): the manifest's checkpoint must be signed by it")
    .option('--json', 'print what was checked as JSON', false)
    .action(async (file: string, options: { branchPublicKey?: string; json: boolean }) => {
      const verified = await step(() => verifyBackup(file));
      const checkpoint = await step(async () => checkManifestCheckpoint(file, verified.manifest.checkpoint, options.branchPublicKey));
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ok: true, ...verified, checkpoint })}\n`
          : `OK: ${file} is the backup its manifest describes (SHA-256 ${verified.manifest.sha256.slice(0, 16)}…, made ${verified.manifest.createdAt}): ${describe(verified)}; decision log intact; ${checkpoint}.\n`,
      );
    });

  program
    .command('restore')
    .description('Replace a database by a backup checked against its manifest (and its decision log); the replaced file is kept as <db>.before-restore-<time>. Close the app first.')
    .requiredOption('--from <file>', 'the backup')
    .requiredOption('--db <file>', 'the database to replace (or create)')
    .option('--without-manifest', 'restore a copy that has no manifest (e.g. a pre-migration copy) after checking what can be checked', false)
    .option('--json', 'print what was done as JSON', false)
    .action(async (options: { from: string; db: string; json: boolean; withoutManifest: boolean }) => {
      const summary = await step(() => restoreDatabase(options.from, options.db, new Date(), { withoutManifest: options.withoutManifest }));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `Restored ${options.db} from ${options.from}: ${describe(summary)}.\n` +
              (summary.replacedKeptAs ? `The database it replaced is kept as ${summary.replacedKeptAs}.\n` : ''),
      );
    });
}
