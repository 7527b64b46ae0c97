/**
 * The versions of imported files (import_file) and the rows each brought (the import_file_id column of the
 * Home Credit tables). A file's source is its table and its name, case-insensitive: a later file with the
 * same table and name but other content is a new version of it, which replaces the rows of the current one.
 */
import type { Db } from '../open-database.js';
import type { HomeCreditTable } from '../home-credit-tables.js';
import type { TableCounts } from './import-types.js';

/** One loaded version of a file. */
export interface ImportedVersion {
  fileId: number;
  sha256: string;
  fileName: string;
  tableName: string;
  rowsImported: number;
  importedAt: string;
}

const VERSION_COLUMNS = 'file_id AS fileId, sha256, file_name AS fileName, table_name AS tableName, rows_imported AS rowsImported, imported_at AS importedAt';

/** The version of this source whose rows are in the database now, if any. */
export function currentVersion(db: Db, table: HomeCreditTable, fileName: string): ImportedVersion | undefined {
  return db
    .prepare<[string, string], ImportedVersion>(
      `SELECT ${VERSION_COLUMNS} FROM import_file WHERE table_name = ? AND lower(file_name) = lower(?) AND replaced_at IS NULL`,
    )
    .get(table.name, fileName);
}

/** A current version of any source with exactly this content, if any. */
export function currentVersionWithContent(db: Db, sha256: string): ImportedVersion | undefined {
  return db
    .prepare<[string], ImportedVersion>(`SELECT ${VERSION_COLUMNS} FROM import_file WHERE sha256 = ? AND replaced_at IS NULL ORDER BY file_id LIMIT 1`)
    .get(sha256);
}

/** Records a version being loaded (inside the loading transaction); its id tags the rows it brings. */
export function startVersion(db: Db, table: HomeCreditTable, fileName: string, sha256: string, now: Date): number {
  const result = db
    .prepare(
      `INSERT INTO import_file (sha256, file_name, table_name, rows_read, rows_imported, rows_rejected, imported_at)
       VALUES (?, ?, ?, 0, 0, 0, ?)`,
    )
    .run(sha256, fileName, table.name, now.toISOString());
  return Number(result.lastInsertRowid);
}

/** Writes a version's counts once its rows are in. */
export function finishVersion(db: Db, fileId: number, counts: TableCounts): void {
  db.prepare('UPDATE import_file SET rows_read = ?, rows_imported = ?, rows_rejected = ? WHERE file_id = ?').run(
    counts.read,
    counts.imported,
    counts.rejected,
    fileId,
  );
}

/** Deletes the rows a version brought and marks it replaced (inside the transaction that loads the new one). */
export function retireVersion(db: Db, table: HomeCreditTable, version: ImportedVersion, now: Date): number {
  const deleted = db.prepare(`DELETE FROM "${table.name}" WHERE import_file_id = ?`).run(version.fileId).changes;
  db.prepare('UPDATE import_file SET replaced_at = ? WHERE file_id = ?').run(now.toISOString(), version.fileId);
  return deleted;
}

/** The SQL that says where the row holding a key came from (for a key conflict's message). */
export function keyOriginSql(table: HomeCreditTable, keyColumns: readonly string[]): string {
  const where = keyColumns.map((c) => `t."${c}" = ?`).join(' AND ');
  return `SELECT f.file_name AS fileName, f.imported_at AS importedAt, t.import_file_id AS fileId
          FROM "${table.name}" AS t LEFT JOIN import_file AS f ON f.file_id = t.import_file_id WHERE ${where} LIMIT 1`;
}
