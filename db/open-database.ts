import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { checkReadable, DatabaseKeyError, isClearDatabaseFile, unlockConnection, type DatabaseKey } from './database-key.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** The database was written by a newer Octroi than this one: opening it could corrupt it. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${path} has schema version ${found}, written by a newer Octroi; this build understands ` +
        `versions up to ${supported}. Install the newer Octroi or open another database; the file was not changed.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export interface OpenOptions {
  /**
   * The database's key (db/database-key.ts), or null for a clear database. Required, so that no caller
   * opens (or creates) a clear database by forgetting it. A clear file opened with a key is refused
   * (encrypt it first: db/change-database-key.ts), as is an encrypted one opened without.
   */
  key: DatabaseKey | null;
  readonly?: boolean;
  /** Called before migrations run on an existing database that needs them (e.g. to back it up). */
  beforeMigrate?: (db: Db, from: number, to: number) => void;
  /** The migrations to apply; the shipped list unless a test says otherwise. */
  migrations?: readonly Migration[];
}

/** The key each connection opened here was unlocked with: a second connection to the same file needs it too. */
const connectionKeys = new WeakMap<Db, DatabaseKey | null>();

/** The key `db` was opened with (null: a clear database), for another connection to its file or a copy of it. */
export function keyOf(db: Db): DatabaseKey | null {
  const key = connectionKeys.get(db);
  if (key === undefined) throw new Error('keyOf: this connection was not opened by openDatabase.');
  return key;
}

/**
 * Opens (or creates) an Octroi database with its key and brings its schema up to date. The key is
 * applied before anything else is read or written (a new file is encrypted from its first page); a
 * missing or wrong key is a DatabaseKeyError that says how to give it. A database from a newer build is
 * refused before anything is written to it.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : SCHEMA_VERSION;
  const existed = fs.existsSync(path) && fs.statSync(path).size > 0;
  if (existed && options.key && isClearDatabaseFile(path)) {
    throw new DatabaseKeyError('clear', `The database ${path} is not encrypted: encrypt it first (octroi db encrypt --db ${path}); the app does it by itself on start.`);
  }
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    if (options.key) unlockConnection(db, options.key, path);
    else checkReadable(db, path, 'missing');
    connectionKeys.set(db, options.key);
    // Wait up to 5 s for a lock held by another connection (the CLI during an import, a second window)
    // instead of failing at once with SQLITE_BUSY. https://www.sqlite.org/c3ref/busy_timeout.html
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new NewerDatabaseError(path, version, latest);
    if (options.readonly) return db;
    // WAL: readers (the UI) never block the writer (an import) and a crash mid-write cannot corrupt
    // the file; commits are also much faster. https://www.sqlite.org/wal.html
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode except for the last commits on power loss, never corrupting.
    // https://www.sqlite.org/pragma.html#pragma_synchronous
    db.pragma('synchronous = NORMAL');
    // SQLite does not enforce foreign keys unless asked, per connection. https://www.sqlite.org/foreignkeys.html
    db.pragma('foreign_keys = ON');
    if (version < latest) {
      if (version > 0) options.beforeMigrate?.(db, version, latest);
      migrate(db, migrations.filter((m) => m.version > version));
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs the pending migrations in one transaction: either all of them land, or none. */
function migrate(db: Db, pending: readonly Migration[]): void {
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      migration.afterSql?.(db);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}

/** The schema version recorded in an open database. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
