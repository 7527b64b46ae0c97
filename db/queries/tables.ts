/** Questions about whole tables, asked by backups and the demo build. */
import type { Db } from '../open-database.js';

/** The number of rows of a table (its name comes from our own lists, never from a user). */
export function tableRowCount(db: Db, table: string): number {
  return db.prepare<[], number>(`SELECT count(*) FROM "${table}"`).pluck().get()!;
}

/** Whether a table exists in the database. */
export function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
