import type Database from 'better-sqlite3-multiple-ciphers';
import { keyOf, openDatabase, type Db } from '../open-database.js';
import type { HomeCreditTable } from '../home-credit-tables.js';

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
  ) {}

  /** The reject reason for a row whose key values are `key`. */
  reason(key: ReadonlyArray<number | string | null>): string {
    const shown = this.keyColumns.map((c, i) => `${c}=${String(key[i])}`).join(', ');
    const before = this.existedBefore(key);
    if (before === true) return `duplicate primary key (${shown}): already in the database from an earlier import`;
    if (before === false) return `duplicate primary key (${shown}): repeats an earlier row of this file`;
    return `duplicate primary key (${shown}): already in the database or earlier in this file`;
  }

  /** Closes the read-only connection, if one was opened. */
  close(): void {
    this.reader?.close();
    this.reader = null;
  }

  private existedBefore(key: ReadonlyArray<number | string | null>): boolean | null {
    if (this.db.memory || this.db.name === '') return null;
    try {
      if (!this.lookup) {
        this.reader = openDatabase(this.db.name, { key: keyOf(this.db), readonly: true });
        const where = this.keyColumns.map((c) => `"${c}" = ?`).join(' AND ');
        this.lookup = this.reader.prepare(`SELECT 1 FROM "${this.table.name}" WHERE ${where} LIMIT 1`);
      }
      return this.lookup.get([...key]) !== undefined;
    } catch {
      return null; // the explanation is a courtesy: the row is rejected either way
    }
  }
}
