/**
 * The key of an encrypted Octroi database, in one place: what a key is (32 random bytes, written as 64
 * hexadecimal characters), how it is read from a key file or the environment, how it is written, and how
 * a connection is unlocked with it. Pure Node (no Electron): the app's main process, a worker thread, the
 * CLI and the tests all call it. Where the app keeps its key (Electron safeStorage) is electron/main's
 * business (database-key-store.ts); this module never stores a key anywhere on its own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

/** A database key: 32 bytes (256 bits), used as SQLCipher's raw key (no passphrase derivation). */
export type DatabaseKey = Buffer;

/** Bytes in a key. */
export const KEY_BYTES = 32;

/** The first 16 bytes of every clear SQLite file; an encrypted (SQLCipher) file starts with random salt instead. */
const CLEAR_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Where the CLI (and IT's overrides of the app) read a key from, in the order they are tried. */
export const KEY_SOURCES_TEXT = 'OCTROI_DB_KEY_FILE or --key-file';

/**
 * A database that cannot be opened for want of the right key (or that is not what the caller expected:
 * clear where a key was given). The message says what to do; the raw SQLite error never reaches a user.
 */
export class DatabaseKeyError extends Error {
  constructor(
    readonly reason: 'missing' | 'wrong' | 'clear' | 'bad-key',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

/** A new random key (crypto.randomBytes: the OS's CSPRNG). */
export function generateDatabaseKey(): DatabaseKey {
  return crypto.randomBytes(KEY_BYTES);
}

/** The key as 64 lower-case hexadecimal characters (what key files and OCTROI_DB_KEY hold). */
export function keyToHex(key: DatabaseKey): string {
  return key.toString('hex');
}

/**
 * A key from its written form: 64 hexadecimal characters; blank lines and lines starting with '#' are
 * ignored, so a key file may carry a label. `where` names the source in the error.
 */
export function parseDatabaseKey(text: string, where: string): DatabaseKey {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length !== 1 || !/^[0-9a-fA-F]{64}$/.test(lines[0]!)) {
    throw new DatabaseKeyError('bad-key', `${where} does not hold a database key: a key is one line of 64 hexadecimal characters (256 bits).`);
  }
  return Buffer.from(lines[0]!, 'hex');
}

/** Reads a key file (DatabaseKeyError naming the file when it is missing or holds no key). */
export function readKeyFile(file: string): DatabaseKey {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new DatabaseKeyError('bad-key', `The key file ${file} ${reason}.`);
  }
  return parseDatabaseKey(text, `The key file ${file}`);
}

/**
 * Writes a key file readable by its owner only (0600; on Windows the ACL of the folder decides: put it
 * on a protected path). Refuses to replace an existing file: losing a key loses the database.
 * `label` lines are written first as comments (e.g. what the key opens, DEMO).
 */
export function writeKeyFile(file: string, key: DatabaseKey, label: readonly string[] = []): void {
  const text = `${label.map((line) => `# ${line}\n`).join('')}${keyToHex(key)}\n`;
  try {
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DatabaseKeyError('bad-key', `${file} already exists: a key file is never overwritten (choose another name).`);
    throw error;
  }
}

/**
 * The key the environment gives, or null: OCTROI_DB_KEY_FILE (a key file), else OCTROI_DB_KEY (the 64
 * hexadecimal characters themselves: for scripts; visible to the process's user, prefer the file).
 */
export function keyFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseKey | null {
  const file = env.OCTROI_DB_KEY_FILE?.trim();
  if (file) return readKeyFile(file);
  const hex = env.OCTROI_DB_KEY?.trim();
  if (hex) return parseDatabaseKey(hex, 'OCTROI_DB_KEY');
  return null;
}

/** True when the file at `path` is a clear SQLite database (or empty: a new one); false when encrypted. */
export function isClearDatabaseFile(path: string): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const header = Buffer.alloc(CLEAR_SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return read === 0 || header.equals(CLEAR_SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** The message for a database opened without its key. */
export function missingKeyMessage(path: string): string {
  return `The database ${path} is encrypted: give its key with ${KEY_SOURCES_TEXT}.`;
}

/**
 * Unlocks a connection with `key`: SQLCipher 4's format (what `sqlcipher` and DB Browser for SQLite open
 * too), the 32 bytes as a raw key so no passphrase derivation runs on each connection. Must be the first
 * statement on the connection. https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_sqlcipher/
 * Then reads the schema: a wrong key shows here (SQLITE_NOTADB) and becomes DatabaseKeyError('wrong').
 */
export function unlockConnection(db: Database.Database, key: DatabaseKey, path: string): void {
  if (key.length !== KEY_BYTES) throw new DatabaseKeyError('bad-key', `A database key is ${KEY_BYTES} bytes; this one has ${key.length}.`);
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  // The key cannot be bound as a parameter; it is our own 64 hexadecimal characters.
  db.pragma(`key = "x'${keyToHex(key)}'"`);
  checkReadable(db, path, 'wrong');
}

/**
 * Reads the schema of a just-opened connection: SQLITE_NOTADB means the bytes on disk do not decode
 * (encrypted without a key, or a wrong key) and becomes DatabaseKeyError; anything else goes up as is.
 */
export function checkReadable(db: Database.Database, path: string, reason: 'missing' | 'wrong'): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
    throw new DatabaseKeyError(
      reason,
      reason === 'missing'
        ? missingKeyMessage(path)
        : `The database ${path} did not open with the key given: it is encrypted with another key, or it is not a database (damaged, or another kind of file). Give its key with ${KEY_SOURCES_TEXT}.`,
    );
  }
}

/**
 * A connection to an existing database file unlocked with `key` (clear when null), with nothing else done:
 * no migration, no pragma. For copies and checks of files that may not be at this build's schema (backups,
 * re-keying); the app's connections come from openDatabase. DatabaseKeyError when the key does not open it.
 */
export function openKeyedConnection(file: string, key: DatabaseKey | null, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  try {
    if (key) unlockConnection(db, key, file);
    else checkReadable(db, file, 'missing');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
