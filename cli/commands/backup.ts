/**
 * `octroi backup`, `octroi backup verify` and `octroi restore`: an online copy of a database with a manifest
 * that proves it later; the check of a backup against its manifest; a restore that checks first and keeps
 * the file it replaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BackupError, backupDatabase, restoreDatabase, verifyBackup, type DatabaseFileCheck } from '../../db/backup.js';
import { readManifest, writeManifest } from '../../db/backup-manifest.js';
import { openKeyedConnection, readKeyFile, type DatabaseKey } from '../../db/database-key.js';
import { compareWithCheckpoint } from '../../db/decision-log.js';
import { checkCheckpointSignature, CheckpointError, makeCheckpoint, parseCheckpoint } from '../../model/governance/audit-checkpoint.js';
import { BRANCH_KEY_ENV, BranchKeyError, loadBranchKey } from '../../model/governance/branch-key.js';
import { CliError } from '../cli-error.js';
import { asCliError, databaseKeyForCli, KEY_FILE_OPTION } from '../database-key-for-cli.js';

const describe = (check: DatabaseFileCheck) =>
  `schema v${check.schemaVersion}, integrity ${check.integrity.join(', ')}, ${check.clients} clients, ${check.decisions ?? 0} log entries, ${check.users ?? 0} accounts`;

/** Runs a backup step, turning its errors in words into the CLI's one-line error. */
async function step<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError || error instanceof CheckpointError || error instanceof BranchKeyError) throw new CliError(error.message);
    throw asCliError(error);
  }
}

/** `--backup-key-file`: the backup's own key, when IT keeps backups under another key than the database's. */
const BACKUP_KEY_FILE_OPTION = ['--backup-key-file <file>', "the backup's key when it is not the database's (IT's backup key)"] as const;

/** The backup's key from --backup-key-file (undefined: the database's key). */
const backupKeyOf = (file: string | undefined): DatabaseKey | undefined => (file ? readKeyFile(file) : undefined);

/** Adds a signed audit checkpoint of the backup's log to its manifest. */
function addCheckpoint(dbPath: string, backup: string, backupKey: DatabaseKey | null, keyFile: string | undefined): string {
  const key = loadBranchKey(keyFile);
  const copy = openKeyedConnection(backup, backupKey, { readonly: true });
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
function checkManifestCheckpoint(backup: string, backupKey: DatabaseKey | null, checkpointValue: unknown, publicKeyFile: string | undefined): string {
  if (checkpointValue === undefined) return 'no signed checkpoint in the manifest (back up with --branch-key to add one)';
  const checkpoint = parseCheckpoint(checkpointValue, 'the manifest\'s checkpoint');
  checkCheckpointSignature(checkpoint, publicKeyFile === undefined ? undefined : fs.readFileSync(publicKeyFile, 'utf8'));
  const db = openKeyedConnection(backup, backupKey, { readonly: true });
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
    .description("Copy a database (VACUUM INTO: safe while the app runs) encrypted with its key or --backup-key-file, check the copy, and write its manifest beside it.")
    .option('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .option('--out <file>', 'the backup file to write (its manifest goes to <file>.manifest.json)')
    .option(...BACKUP_KEY_FILE_OPTION)
    .option('--force', 'replace --out if it exists', false)
    .option('--branch-key <file>', `sign an audit checkpoint into the manifest with the branch key (or set ${BRANCH_KEY_ENV})`)
    .option('--json', 'print the check of the copy as JSON', false)
    .action(async (options: { db?: string; keyFile?: string; out?: string; backupKeyFile?: string; force: boolean; json: boolean; branchKey?: string }) => {
      if (!options.db || !options.out) throw new CliError('octroi backup needs --db FILE and --out FILE (or: octroi backup verify FILE).');
      const { db, out } = options as { db: string; out: string };
      const key = await databaseKeyForCli(db, options);
      const backupKey = await step(async () => backupKeyOf(options.backupKeyFile));
      const check = await step(() => backupDatabase(db, out, { key, backupKey, overwrite: options.force }));
      const signedBy = options.branchKey || process.env[BRANCH_KEY_ENV] ? await step(async () => addCheckpoint(db, out, backupKey === undefined ? key : backupKey, options.branchKey)) : null;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...check, checkpointKeyId: signedBy })}\n`
          : `Backed up ${db} to ${out}: ${describe(check)}.\nManifest: ${check.manifest}${signedBy ? ` (with an audit checkpoint signed by key ${signedBy})` : ''}.\n`,
      );
    });

  backup
    .command('verify <file>')
    .description('Check a backup against its manifest (SHA-256, row counts, schema, decision log chain and head, signed checkpoint); exit 1 naming every difference.')
    .option('--key-file <file>', "the backup's key (the database's, or IT's backup key); else OCTROI_DB_KEY_FILE, OCTROI_DB_KEY, or a prompt")
    .option('--branch-public-key <file>', "the branch's public key (.pub.pem): the manifest's checkpoint must be signed by it")
    .option('--json', 'print what was checked as JSON', false)
    .action(async (file: string, options: { keyFile?: string; branchPublicKey?: string; json: boolean }) => {
      const key = await databaseKeyForCli(file, options);
      const verified = await step(() => verifyBackup(file, key));
      const checkpoint = await step(async () => checkManifestCheckpoint(file, key, verified.manifest.checkpoint, options.branchPublicKey));
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
    .option(...BACKUP_KEY_FILE_OPTION)
    .requiredOption('--db <file>', 'the database to replace (or create)')
    .option(...KEY_FILE_OPTION)
    .option('--without-manifest', 'restore a copy that has no manifest (e.g. a pre-migration copy) after checking what can be checked', false)
    .option('--json', 'print what was done as JSON', false)
    .action(async (options: { from: string; backupKeyFile?: string; db: string; keyFile?: string; json: boolean; withoutManifest: boolean }) => {
      const key = await databaseKeyForCli(options.db, options);
      const backupKey = await step(async () => backupKeyOf(options.backupKeyFile));
      const summary = await step(() => restoreDatabase(options.from, options.db, { key, backupKey }, new Date(), { withoutManifest: options.withoutManifest }));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `Restored ${options.db} from ${options.from}: ${describe(summary)}.\n` +
              (summary.replacedKeptAs ? `The database it replaced is kept as ${summary.replacedKeptAs}.\n` : ''),
      );
    });
}
