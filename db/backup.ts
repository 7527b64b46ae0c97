/**
 * Backups of an Octroi database: an online copy (SQLite's backup API, safe while the app writes), a check
 * of any copy (opens, is an Octroi database, not newer than this build, integrity_check ok), a restore that
 * keeps the replaced file, and the copy the app makes before migrating a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './migrations/index.js';
import type { Db } from './open-database.js';

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

const tableExists = (db: Db, name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Opens a file read-only and checks it is a sound Octroi database this build can open: BackupError naming
 * what is wrong otherwise (not a database, not Octroi's, from a newer build, failed integrity check).
 */
export function checkDatabaseFile(file: string): DatabaseFileCheck {
  if (!fs.existsSync(file)) throw new BackupError(`No file at ${file}.`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}.`);
  }
  try {
    let version: number;
    let integrity: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      integrity = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
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
    const count = (table: string) => (tableExists(db, table) ? (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : null);
    return { path: file, schemaVersion: version, integrity, clients: count('application') ?? 0, decisions: count('decision_log'), users: count('app_user') };
  } finally {
    db.close();
  }
}

/**
 * Copies a database to `out` with SQLite's online backup API (consistent even while the app writes to it),
 * then checks the copy. Written under a temporary name and renamed: a failed backup leaves no half file.
 */
export async function backupDatabase(dbPath: string, out: string, options: { overwrite?: boolean } = {}): Promise<DatabaseFileCheck> {
  if (!fs.existsSync(dbPath)) throw new BackupError(`No database at ${dbPath}.`);
  if (path.resolve(dbPath) === path.resolve(out)) throw new BackupError('The backup must go to another file than the database itself.');
  if (fs.existsSync(out) && !options.overwrite) throw new BackupError(`${out} already exists; choose another name (or --force to replace it).`);
  checkDatabaseFile(dbPath);
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    // https://www.sqlite.org/backup.html — page by page, restarting if another connection writes meanwhile.
    await source.backup(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The backup of ${dbPath} failed: ${(error as Error).message}.`);
  } finally {
    source.close();
  }
  try {
    singleFile(partial);
    checkDatabaseFile(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, out);
  return { ...checkDatabaseFile(out), path: out };
}

/**
 * Turns a fresh copy into one self-contained file: the backup API copies the WAL flag of the source's
 * header, and a WAL database opened later (even read-only) grows -wal and -shm files beside it.
 */
function singleFile(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** True when another connection (the app, an import) has the database open: an exclusive lock cannot be taken. */
export function databaseInUse(dbPath: string): boolean {
  const probe = new Database(dbPath, { fileMustExist: true });
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
 * Replaces the database at dbPath by a backup: the backup is checked, copied beside the database and
 * checked again (what lands is what was checked), and the current file is kept as
 * `<db>.before-restore-<timestamp>`. Refused while the database is open elsewhere (close the app first).
 */
export async function restoreDatabase(from: string, dbPath: string, now = new Date()): Promise<RestoreSummary> {
  if (fs.existsSync(dbPath) && path.resolve(from) === path.resolve(dbPath)) throw new BackupError('The backup and the database are the same file.');
  checkDatabaseFile(from);
  const stamp = fileTimestamp(now);
  const incoming = `${dbPath}.restoring-${stamp}`;
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw new BackupError(`Copying ${from} failed: ${(error as Error).message}.`);
  } finally {
    source.close();
  }
  let replacedKeptAs: string | null = null;
  try {
    singleFile(incoming);
    checkDatabaseFile(incoming);
    if (fs.existsSync(dbPath)) {
      if (databaseInUse(dbPath)) throw new BackupError(`${dbPath} is open in another program (Octroi, an import): close it, then restore.`);
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
  return { ...checkDatabaseFile(dbPath), restoredFrom: from, replacedKeptAs };
}

/** Where the copy made before migrating a database from version `from` to `to` goes: beside it. */
export function preMigrationBackupPath(dbPath: string, from: number, to: number, now = new Date()): string {
  return `${dbPath}.pre-v${from}-to-v${to}-${fileTimestamp(now)}.bak`;
}

/**
 * The openDatabase beforeMigrate hook of the app: a complete copy of the database as it is, before any
 * migration touches it. VACUUM INTO because the hook is synchronous (the backup API is not in
 * better-sqlite3) and it writes a compact, consistent copy. https://www.sqlite.org/lang_vacuum.html#vacuuminto
 */
export function backupBeforeMigration(db: Db, dbPath: string, from: number, to: number, now = new Date()): string {
  const out = preMigrationBackupPath(dbPath, from, to, now);
  db.prepare('VACUUM INTO ?').run(out);
  return out;
}
