/**
 * Where the desktop app keeps its database key: a random 256-bit key created on first start, wrapped by
 * the operating system through Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the
 * Secret Service / KWallet on Linux) and written beside the database as that wrapped blob only, never in
 * clear (Signal Desktop's practice). IT may instead give a key file (OCTROI_DB_KEY_FILE): to open a
 * database brought from another workstation, or where the OS offers no secure storage — then the app says
 * so and does not start until IT chooses. The safeStorage object is passed in (SecretStorage): this module
 * is plain Node, its callers are main (Electron's safeStorage) and the tests.
 * https://www.electronjs.org/docs/latest/api/safe-storage
 */
import fs from 'node:fs';
import { generateDatabaseKey, isClearDatabaseFile, keyToHex, parseDatabaseKey, readKeyFile, writeKeyFile, type DatabaseKey } from '../../db/database-key.js';

/** The part of Electron's safeStorage the app uses. */
export interface SecretStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which backend wraps the secrets ('basic_text' means a hard-coded password: no protection). */
  getSelectedStorageBackend?(): string;
}

/** The app's key, and where it came from (for the log; never the key itself). */
export interface AppDatabaseKey {
  key: DatabaseKey;
  source: 'os-keystore' | 'OCTROI_DB_KEY_FILE';
  /** The file holding the wrapped key or IT's key file. */
  file: string;
  /** True when this start created the key (a new database, or a clear one about to be encrypted). */
  created: boolean;
}

/** The app cannot get its database key: the message says what IT does (shown on the error page and logged). */
export class AppDatabaseKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppDatabaseKeyError';
  }
}

/** Where the OS-wrapped key of the database at `dbPath` is kept: `<db>.oskey` (useless on another account or machine). */
export function wrappedKeyPath(dbPath: string): string {
  return `${dbPath}.oskey`;
}

/** Why the OS storage cannot protect a key here, or null when it can. */
export function secureStorageProblem(storage: SecretStorage, platform: NodeJS.Platform = process.platform): string | null {
  if (!storage.isEncryptionAvailable()) return 'the operating system offers no secure storage to this account (safeStorage is unavailable)';
  const backend = platform === 'linux' ? storage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text') return 'no keyring is running (GNOME Keyring, KWallet): Electron would protect the key with a fixed, public password';
  return null;
}

const databaseIsNew = (dbPath: string) => !fs.existsSync(dbPath) || fs.statSync(dbPath).size === 0;

/**
 * The database key of the app for `dbPath`:
 * - OCTROI_DB_KEY_FILE set: that key file (created there, 0600, when neither it nor the database exists yet);
 * - else the OS-wrapped key beside the database, created on first start (or for a clear database, which the
 *   caller then encrypts with it);
 * - else AppDatabaseKeyError: no secure storage (IT sets OCTROI_DB_KEY_FILE), or an encrypted database
 *   whose wrapped key is absent or from another account or machine (IT gives the key file it kept).
 */
export function appDatabaseKey(options: { dbPath: string; env: NodeJS.ProcessEnv; storage: SecretStorage; platform?: NodeJS.Platform }): AppDatabaseKey {
  const { dbPath, env, storage } = options;
  const itKeyFile = env.OCTROI_DB_KEY_FILE?.trim();
  if (itKeyFile) {
    if (!fs.existsSync(itKeyFile) && databaseIsNew(dbPath)) {
      writeKeyFile(itKeyFile, generateDatabaseKey(), [`Key of the Octroi database ${dbPath}. Without it the database cannot be read: keep a copy where IT keeps secrets.`]);
      return { key: readKeyFile(itKeyFile), source: 'OCTROI_DB_KEY_FILE', file: itKeyFile, created: true };
    }
    return { key: readKeyFile(itKeyFile), source: 'OCTROI_DB_KEY_FILE', file: itKeyFile, created: false };
  }
  const problem = secureStorageProblem(storage, options.platform);
  if (problem) {
    throw new AppDatabaseKeyError(
      `Octroi keeps its database encrypted, with the key protected by the operating system, but ${problem}. ` +
        'IT: either start Octroi in a session that has secure storage, or set OCTROI_DB_KEY_FILE to a key file on a protected path ' +
        '(readable by this account only; created on first start); until then Octroi does not start.',
    );
  }
  const file = wrappedKeyPath(dbPath);
  if (fs.existsSync(file)) {
    let hex: string;
    try {
      hex = storage.decryptString(fs.readFileSync(file));
    } catch {
      throw new AppDatabaseKeyError(
        `The key of the database ${dbPath} (${file}) cannot be unwrapped by this account on this workstation: it was made by another account or machine. ` +
          'IT: give the key file kept for this database with OCTROI_DB_KEY_FILE.',
      );
    }
    return { key: parseDatabaseKey(hex, file), source: 'os-keystore', file, created: false };
  }
  if (!databaseIsNew(dbPath) && !isClearDatabaseFile(dbPath)) {
    throw new AppDatabaseKeyError(
      `The database ${dbPath} is encrypted and its key is not on this workstation (${file} is missing). ` +
        'IT: give the key file kept for this database with OCTROI_DB_KEY_FILE.',
    );
  }
  const key = generateDatabaseKey();
  fs.writeFileSync(file, storage.encryptString(keyToHex(key)), { mode: 0o600, flag: 'wx' });
  return { key, source: 'os-keystore', file, created: true };
}

/**
 * Writes the app's key to a key file for IT (`Octroi --export-db-key FILE`): the copy that lets the
 * database be opened on another workstation or after the account is lost. Never overwrites a file.
 */
export function exportAppDatabaseKey(key: AppDatabaseKey, dbPath: string, out: string): void {
  writeKeyFile(out, key.key, [`Key of the Octroi database ${dbPath}, exported ${new Date().toISOString()}.`, 'Keep it where IT keeps secrets: it opens the database and its backups.']);
}
