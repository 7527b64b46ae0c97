/**
 * Encrypts a clear database, changes the key of an encrypted one, or decrypts one: the one procedure behind
 * the app's migration of a clear database on first start and `octroi db encrypt|rekey|decrypt`.
 *
 * The database is never changed in place: it is copied byte for byte (after a checkpoint, so the copy is
 * complete), the copy is re-keyed (SQLite3 Multiple Ciphers' `PRAGMA rekey`, in rollback-journal mode as
 * it requires), then opened with the new key and checked against the original — integrity_check, the row
 * count of every table, and the decision log's chain (same entries, same head). Only then does the copy
 * take the database's name, and the original is removed. A failure at any step leaves the original as it
 * was (it is the backup of this migration) and removes the partial copy.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/configuration/config_sql_pragmas/#pragma-rekey
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseKeyError, isClearDatabaseFile, keyToHex, openKeyedConnection, type DatabaseKey } from './database-key.js';
import { databaseFacts, type DatabaseFacts } from './backup-manifest.js';

/** What a key change did: the facts of the database (row counts, chain), the same before and after. */
export interface KeyChangeSummary extends DatabaseFacts {
  path: string;
  encrypted: boolean;
  /** The original file was removed once the new one verified. */
  originalRemoved: boolean;
}

/** A key change that could not be done (nothing was changed); the message says why. */
export class KeyChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyChangeError';
  }
}

/** Where a key change works: beside the database, so that the final rename stays on one file system. */
const workPath = (dbPath: string) => `${dbPath}.rekeying`;

/**
 * Re-keys the database at `dbPath` from `from` to `to` (null: clear). Refused while another connection
 * holds the database (close the app first), when `from` does not open it, or when nothing would change.
 */
export function changeDatabaseKey(dbPath: string, from: DatabaseKey | null, to: DatabaseKey | null): KeyChangeSummary {
  if (!fs.existsSync(dbPath)) throw new KeyChangeError(`No database at ${dbPath}.`);
  if (from === null && to === null) throw new KeyChangeError(`${dbPath}: the database is to stay clear; nothing to do.`);
  if (from && to && from.equals(to)) throw new KeyChangeError(`${dbPath}: the new key is the current key; nothing to do.`);
  if (from === null && !isClearDatabaseFile(dbPath)) throw new DatabaseKeyError('missing', `The database ${dbPath} is already encrypted: to change its key, use octroi db rekey.`);
  checkpointAlone(dbPath, from);
  const before = readContents(dbPath, from);
  const work = workPath(dbPath);
  removeFiles(work);
  try {
    fs.copyFileSync(dbPath, work);
    rekeyFile(work, from, to);
    const after = readContents(work, to, { integrity: true });
    assertSameContents(dbPath, before, after);
  } catch (error) {
    removeFiles(work);
    throw error;
  }
  // The original is renamed (not deleted) first: if the rename of the copy failed, it would still be there.
  const original = `${dbPath}.replaced-by-rekey`;
  removeFiles(original);
  fs.renameSync(dbPath, original);
  fs.renameSync(work, dbPath);
  removeFiles(original);
  return { path: dbPath, encrypted: to !== null, originalRemoved: !fs.existsSync(original), ...before };
}

/**
 * Folds the write-ahead log into the database file and leaves rollback-journal mode, holding the only
 * connection: refused (KeyChangeError) while the app or an import has it open.
 */
function checkpointAlone(dbPath: string, key: DatabaseKey | null): void {
  const db = openKeyedConnection(dbPath, key);
  try {
    db.pragma('busy_timeout = 0');
    try {
      // DELETE mode needs the database to itself; it also checkpoints and removes the -wal file.
      db.pragma('journal_mode = DELETE');
      if (db.pragma('journal_mode', { simple: true }) !== 'delete') throw new Error('still in WAL mode');
    } catch {
      throw new KeyChangeError(`${dbPath} is open in another program (Octroi, an import): close it, then try again. Nothing was changed.`);
    }
  } finally {
    db.close();
  }
}

/** The contents of a database file opened with `key` (integrity_check too when asked). */
function readContents(file: string, key: DatabaseKey | null, options: { integrity?: boolean } = {}): DatabaseFacts {
  const db = openKeyedConnection(file, key, { readonly: true });
  try {
    if (options.integrity) {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new KeyChangeError(`The re-keyed copy of ${file} failed SQLite's integrity check (${String(integrity)}); the database was not changed.`);
    }
    return databaseFacts(db);
  } finally {
    db.close();
  }
}

/** Re-keys a file in place (the work copy): clear → key, key → other key, key → clear. */
function rekeyFile(file: string, from: DatabaseKey | null, to: DatabaseKey | null): void {
  const db = openKeyedConnection(file, from);
  try {
    if (to) {
      // The cipher of the new key (SQLCipher 4), set before the rekey like the key is before reading.
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
      db.pragma(`rekey = "x'${keyToHex(to)}'"`);
    } else {
      db.pragma(`rekey = ''`);
    }
  } finally {
    db.close();
  }
}

/** Throws KeyChangeError naming the first difference between the original and the copy. */
function assertSameContents(dbPath: string, before: DatabaseFacts, after: DatabaseFacts): void {
  for (const [table, rows] of Object.entries(before.tables)) {
    if (after.tables[table] !== rows) {
      throw new KeyChangeError(`The re-keyed copy of ${dbPath} has ${after.tables[table] ?? 'no'} rows in ${table} where the database has ${rows}; the database was not changed.`);
    }
  }
  const a = before.chain;
  const b = after.chain;
  if (a.ok !== b.ok || a.entries !== b.entries || a.head !== b.head) {
    throw new KeyChangeError(`The decision log of the re-keyed copy of ${dbPath} does not verify as the original's does; the database was not changed.`);
  }
}

/** Removes a database file and its -wal, -shm and -journal companions, if any. */
function removeFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Clear SQLite files beside the database whose names start with its own (`<db>.pre-v1-to-v2-….bak`,
 * `<db>.before-restore-…`): copies made before it was encrypted, which still hold client data in clear.
 */
export function clearCopiesBeside(dbPath: string): string[] {
  const dir = path.dirname(path.resolve(dbPath));
  const prefix = `${path.basename(dbPath)}.`;
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && !/-(wal|shm|journal)$/.test(name))
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile() && fs.statSync(file).size > 0 && isClearDatabaseFile(file));
}
