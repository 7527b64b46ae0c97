import type Database from 'better-sqlite3-multiple-ciphers';
import { keyOf, openDatabase, type Db } from '../open-database.js';
import type { HomeCreditTable } from '../home-credit-tables.js';
import { keyOriginSql } from './import-sources.js';

interface KeyOrigin {
  fileName: string | null;
  importedAt: string | null;
  fileId: number | null;
}

/**
 * Explains a primary-key conflict met while loading a file: was the key already in the database before
 * this file, or does the file repeat one of its own rows? A second, read-only connection answers, since in
 * WAL mode it sees the database as it was before the loading transaction began.
 * https://www.sqlite.org/wal.html#concurrency
 */
export class KeyConflictExplainer {
  private reader: Db | null = null;
  private lookup: Database.Statement | null = null;

  constructor(
    private readonly db: Db,
    private readonly table: HomeCreditTable,
    private readonly keyColumns: readonly string[],
    /** The version this load replaces: its rows, deleted by this transaction, are still seen by the reader. */
    private readonly replacedFileId: number | null = null,
  ) {}

  /** The reject reason for a row whose key values are `key`. */
  reason(key: ReadonlyArray<number | string | null>): string {
    const shown = this.keyColumns.map((c, i) => `${c}=${String(key[i])}`).join(', ');
    const origin = this.origin(key);
    if (origin === undefined) return `duplicate primary key (${shown}): already in the database or earlier in this file`;
    if (origin === null || origin.fileId === this.replacedFileId) return `duplicate primary key (${shown}): repeats an earlier row of this file`;
    const from = origin.fileName
      ? `${origin.fileName}, imported ${origin.importedAt}`
      : 'entered in the app, or imported before Octroi recorded which file brought each row';
    return `duplicate primary key (${shown}): already in the database from an earlier import (${from}); the row already there is kept`;
  }

  /** Closes the read-only connection, if one was opened. */
  close(): void {
    this.reader?.close();
    this.reader = null;
  }

  /** Where the row with this key came from before this load (null: it was not there; undefined: unknown). */
  private origin(key: ReadonlyArray<number | string | null>): KeyOrigin | null | undefined {
    if (this.db.memory || this.db.name === '') return undefined;
    try {
      if (!this.lookup) {
        this.reader = openDatabase(this.db.name, { key: keyOf(this.db), readonly: true });
        this.lookup = this.reader.prepare(keyOriginSql(this.table, this.keyColumns));
      }
      return (this.lookup.get([...key]) as KeyOrigin | undefined) ?? null;
    } catch {
      return undefined; // the explanation is a courtesy: the row is rejected either way
    }
  }
}
