/**
 * Backups of an Octroi database: an online copy (VACUUM INTO, safe while the app writes), a check of any
 * copy (opens with its key, is an Octroi database, not newer than this build, integrity_check ok), a
 * restore that keeps the replaced file, and the copy the app makes before migrating a database. Every copy
 * is encrypted: with the database's key, or with a backup key IT gives (the copy is re-keyed, never clear).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupFacts, buildManifest, manifestMismatches, manifestPath, readManifest, writeManifest, type BackupManifest } from './backup-manifest.js';
import { changeDatabaseKey } from './change-database-key.js';
import { DatabaseKeyError, openKeyedConnection, type DatabaseKey } from './database-key.js';
import { SCHEMA_VERSION } from './migrations/index.js';
import type { Db } from './open-database.js';
import { tableExists, tableRowCount } from './queries/tables.js';

/** A backup or restore that cannot be done, with the reason in words (the CLI prints it as is). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a database file holds, once checked. */
export interface DatabaseFileCheck {
  path: string;
  schemaVersion: number;
  /** 'ok', or the first problems integrity_check found. */
  integrity: string[];
  clients: number;
  decisions: number | null;
  users: number | null;
}

/** `2026-11-24T23-05-00-000Z`: an ISO timestamp usable in a file name on every system. */
export function fileTimestamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** A connection to a database file with its key (clear when null), with no migration: BackupError when the key does not open it. */
function connect(file: string, key: DatabaseKey | null, options: { readonly?: boolean } = {}): Db {
  try {
    return openKeyedConnection(file, key, options);
  } catch (error) {
    if (error instanceof DatabaseKeyError) throw new BackupError(error.message);
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}.`);
  }
}


/**
 * Opens a file read-only with `key` and checks it is a sound Octroi database this build can open:
 * BackupError naming what is wrong otherwise (wrong or missing key, not a database, not Octroi's, from a
 * newer build, failed integrity check).
 */
export function checkDatabaseFile(file: string, key: DatabaseKey | null): DatabaseFileCheck {
  if (!fs.existsSync(file)) throw new BackupError(`No file at ${file}.`);
  const head = readHead(file, 16);
  if (head.length === 0) throw new BackupError(`${file} is empty (0 bytes): it is not a database, most likely a copy that failed. Use another backup.`);
  const clear = head.length === SQLITE_HEADER.length && head.equals(SQLITE_HEADER);
  // An encrypted file starts with random salt: only a clear one can be told from other files by its first bytes.
  if (!key && !clear) {
    throw new BackupError(`${file} is not a clear SQLite database (it does not start like one): it is encrypted (give its key) or it is not an Octroi database or backup. Check the file name.`);
  }
  if (key && clear) throw new BackupError(`${file} is a clear (unencrypted) SQLite file, not one encrypted with the key given.`);
  const db = connect(file, key, { readonly: true });
  try {
    let version: number;
    let integrity: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      // SQLite's lines may hold line breaks: one line per problem in messages.
      integrity = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check.replace(/\s*\n\s*/g, ' '));
    } catch (error) {
      throw new BackupError(`${file} is not a sound SQLite database (${(error as Error).message}); it cannot be used.`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      // One row of integrity_check may hold many lines: the message quotes the first three lines.
      const problems = integrity.flatMap((row) => row.split('\n')).filter((line) => line.trim() !== '');
      throw new BackupError(`${file} failed SQLite's integrity check: ${problems.slice(0, 3).join('; ')}. It cannot be used.`);
    }
    if (version < 1 || !tableExists(db, 'application')) {
      throw new BackupError(`${file} is a SQLite database but not an Octroi database (no Octroi schema in it).`);
    }
    if (version > SCHEMA_VERSION) {
      throw new BackupError(`${file} has schema version ${version}, from a newer Octroi; this build understands up to ${SCHEMA_VERSION}.`);
    }
    const count = (table: string) => (tableExists(db, table) ? tableRowCount(db, table) : null);
    return { path: file, schemaVersion: version, integrity, clients: count('application') ?? 0, decisions: count('decision_log'), users: count('app_user') };
  } finally {
    db.close();
  }
}

/** The keys of a backup or restore: the database's, and the backup's when IT gives another one. */
export interface BackupKeys {
  /** The database's key (null: a clear database). */
  key: DatabaseKey | null;
  /** The key the backup file is (to be) encrypted with; default `key`. */
  backupKey?: DatabaseKey | null;
}

/** The key of the backup file: `backupKey` when given, else the database's. */
const backupKeyOf = (keys: BackupKeys) => (keys.backupKey === undefined ? keys.key : keys.backupKey);

/**
 * Copies a single, consistent file of `sourcePath` to `target` with VACUUM INTO: one read transaction, so
 * the app may write meanwhile (WAL); the copy is encrypted with the source's key (SQLite3 Multiple Ciphers
 * gives VACUUM INTO's target the cipher and key of the main database), compact, in rollback-journal mode
 * (one self-contained file). SQLite's backup API cannot write an encrypted target.
 * https://www.sqlite.org/lang_vacuum.html#vacuuminto
 */
function copyInto(sourcePath: string, key: DatabaseKey | null, target: string, what: string): void {
  fs.rmSync(target, { force: true });
  const source = connect(sourcePath, key, { readonly: true });
  try {
    source.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw new BackupError(`${what} failed: ${(error as Error).message}.`);
  } finally {
    source.close();
  }
}

/** Re-keys a fresh copy from `from` to `to` when they differ (db/change-database-key.ts: verified, never clear when `to` is a key). */
function rekeyCopy(file: string, from: DatabaseKey | null, to: DatabaseKey | null): void {
  const same = from === to || (from !== null && to !== null && from.equals(to));
  if (!same) changeDatabaseKey(file, from, to);
}

/**
 * Copies a database to `out` (consistent even while the app writes to it), encrypted with the database's
 * key or with `backupKey`, then checks the copy and writes its manifest. Written under a temporary name and
 * renamed: a failed backup leaves no half file.
 */
export async function backupDatabase(dbPath: string, out: string, options: BackupKeys & { overwrite?: boolean; now?: Date }): Promise<DatabaseFileCheck & { manifest: string }> {
  if (!fs.existsSync(dbPath)) throw new BackupError(`No database at ${dbPath}.`);
  if (path.resolve(dbPath) === path.resolve(out)) throw new BackupError('The backup must go to another file than the database itself.');
  if (fs.existsSync(out) && !options.overwrite) throw new BackupError(`${out} already exists; choose another name (or --force to replace it).`);
  const backupKey = backupKeyOf(options);
  checkDatabaseFile(dbPath, options.key);
  const partial = `${out}.partial`;
  copyInto(dbPath, options.key, partial, `The backup of ${dbPath}`);
  try {
    rekeyCopy(partial, options.key, backupKey);
    checkDatabaseFile(partial, backupKey);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, out);
  const manifest = writeManifest(out, await buildManifest(out, backupKey, options.now));
  return { ...checkDatabaseFile(out, backupKey), path: out, manifest };
}

/** What `backup verify` found: the file is sound and is exactly what its manifest describes. */
export interface BackupVerification extends DatabaseFileCheck {
  manifest: BackupManifest;
}

/**
 * Checks a backup against the manifest written with it: sound SQLite file, same SHA-256 and size, same
 * row count in every table, same schema, decision log intact with the same head. BackupError listing every
 * difference otherwise (a backup without a manifest cannot be proven).
 */
export async function verifyBackup(file: string, key: DatabaseKey | null): Promise<BackupVerification> {
  const check = checkDatabaseFile(file, key);
  const manifest = manifestOrError(file);
  if (!manifest) throw new BackupError(`${file} has no manifest beside it (${manifestPath(file)}): it cannot be proven to be the backup that was made. Use a backup written by octroi backup.`);
  const problems = await manifestMismatches(file, key, manifest);
  if (problems.length) throw new BackupError(`${file} does NOT match its manifest: ${problems.join('; ')}. Do not restore it; use another backup.`);
  return { ...check, manifest };
}

function manifestOrError(file: string): BackupManifest | null {
  try {
    return readManifest(file);
  } catch (error) {
    throw new BackupError((error as Error).message);
  }
}

/** True when another connection (the app, an import) has the database open: an exclusive lock cannot be taken. */
export function databaseInUse(dbPath: string, key: DatabaseKey | null): boolean {
  const probe = connect(dbPath, key);
  try {
    probe.pragma('busy_timeout = 0');
    // In WAL mode every connection that has read the database holds a lock on its shared-memory file;
    // EXCLUSIVE locking mode needs the database to itself, so this fails while the app (which reads as
    // soon as it starts) has it open. Best effort: a connection that has not read anything yet is not seen.
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

/** What a restore did. */
export interface RestoreSummary extends DatabaseFileCheck {
  restoredFrom: string;
  /** Where the database that was replaced now is (null when there was none). */
  replacedKeptAs: string | null;
}

/**
 * Replaces the database at dbPath by a backup: the backup is checked (opened with `backupKey`, default
 * `key`), copied beside the database (re-keyed to `key` when the backup has its own), checked again (what
 * lands is what was checked), and the current file is kept as `<db>.before-restore-<timestamp>`. Refused
 * while the database is open elsewhere (close the app first).
 */
export async function restoreDatabase(from: string, dbPath: string, keys: BackupKeys, now = new Date(), options: { withoutManifest?: boolean } = {}): Promise<RestoreSummary> {
  if (fs.existsSync(dbPath) && path.resolve(from) === path.resolve(dbPath)) throw new BackupError('The backup and the database are the same file.');
  const backupKey = backupKeyOf(keys);
  checkDatabaseFile(from, backupKey);
  // Before anything is replaced: the backup is the file its manifest describes, and its decision log is intact.
  const manifest = manifestOrError(from);
  if (manifest) {
    const problems = await manifestMismatches(from, backupKey, manifest);
    if (problems.length) throw new BackupError(`${from} does NOT match its manifest: ${problems.join('; ')}. Nothing was restored; use another backup.`);
  } else if (!options.withoutManifest) {
    throw new BackupError(
      `${from} has no manifest beside it (${manifestPath(from)}), so it cannot be proven unchanged since the backup. Nothing was restored. ` +
        'If you know where the file comes from (e.g. a copy made before a migration), restore it with --without-manifest.',
    );
  }
  const chain = backupFacts(from, backupKey).chain;
  if (!chain.ok) throw new BackupError(`${from}: its decision log is NOT intact (${chain.firstBad?.message ?? 'unknown problem'}). Nothing was restored; use another backup.`);
  const stamp = fileTimestamp(now);
  const incoming = `${dbPath}.restoring-${stamp}`;
  copyInto(from, backupKey, incoming, `Copying ${from}`);
  let replacedKeptAs: string | null = null;
  try {
    rekeyCopy(incoming, backupKey, keys.key);
    checkDatabaseFile(incoming, keys.key);
    const landed = backupFacts(incoming, keys.key);
    if (!landed.chain.ok || landed.chain.head !== chain.head || (manifest && JSON.stringify(landed.tables) !== JSON.stringify(manifest.tables))) {
      throw new BackupError(`The copy of ${from} made for the restore differs from the file checked (it changed meanwhile?). Nothing was restored; try again.`);
    }
    if (fs.existsSync(dbPath)) {
      if (databaseInUse(dbPath, keys.key)) throw new BackupError(`${dbPath} is open in another program (Octroi, an import): close it, then restore.`);
      replacedKeptAs = `${dbPath}.before-restore-${stamp}`;
      fs.renameSync(dbPath, replacedKeptAs);
      // A clean close leaves no -wal/-shm; if one is left from a crash it belongs to the replaced file.
      for (const suffix of ['-wal', '-shm']) if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, replacedKeptAs + suffix);
    }
    fs.renameSync(incoming, dbPath);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  return { ...checkDatabaseFile(dbPath, keys.key), restoredFrom: from, replacedKeptAs };
}

/** Where the copy made before migrating a database from version `from` to `to` goes: beside it. */
export function preMigrationBackupPath(dbPath: string, from: number, to: number, now = new Date()): string {
  return `${dbPath}.pre-v${from}-to-v${to}-${fileTimestamp(now)}.bak`;
}

/**
 * The openDatabase beforeMigrate hook of the app: a complete copy of the database as it is, before any
 * migration touches it. VACUUM INTO because the hook is synchronous and it writes a compact, consistent
 * copy, encrypted with the database's own key. https://www.sqlite.org/lang_vacuum.html#vacuuminto
 */
export function backupBeforeMigration(db: Db, dbPath: string, from: number, to: number, now = new Date()): string {
  const out = preMigrationBackupPath(dbPath, from, to, now);
  db.prepare('VACUUM INTO ?').run(out);
  return out;
}
