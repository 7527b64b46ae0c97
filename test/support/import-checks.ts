/**
 * The checks of a whole-folder import, shared by the standalone suite (synthetic fixture) and the
 * real-data suite (real fixture): every row of every file loaded, the glossary skipped, and the values of
 * a few named rows exact as the files write them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { HOME_CREDIT_TABLES, tableForFile } from '../../db/home-credit-tables.js';
import type { ImportSummary } from '../../db/import/import-paths.js';
import type { Db } from '../../db/open-database.js';
import { dataRows } from './csv-rows.js';

/** Rows of a folder's data set whose values the import must keep exactly (SQL query → expected row). */
export interface ExactRows {
  clients: number;
  /** Rows of application with WALLSMATERIAL_MODE 'Stone, brick' (a quoted field holding the delimiter). */
  stoneBrick: number;
  rows: Array<{ sql: string; expected: Record<string, unknown> }>;
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/** Checks that importing `dir` into `db` (giving `summary`) loaded every row of every file, exactly. */
export function expectFolderImported(db: Db, dir: string, summary: ImportSummary, exact: ExactRows): void {
  expect(summary.refused).toEqual([]);
  expect(summary.rejects).toBeNull();
  expect(summary.skipped).toHaveLength(1);
  expect(summary.skipped[0]!.file).toMatch(/HomeCredit_columns_description\.csv$/);

  const expected = new Map<string, number>();
  for (const name of fs.readdirSync(dir)) {
    const table = tableForFile(name);
    if (table) expected.set(table.name, (expected.get(table.name) ?? 0) + dataRows(path.join(dir, name)));
  }
  expect(expected.get('application')).toBe(exact.clients);
  for (const table of HOME_CREDIT_TABLES) {
    const n = expected.get(table.name)!;
    expect(count(db, table.name), table.name).toBe(n);
    expect(summary.tables[table.name], table.name).toEqual({ read: n, imported: n, rejected: 0 });
  }
  expect(count(db, 'import_file')).toBe(8);
  for (const { sql, expected: row } of exact.rows) expect(db.prepare(sql).get(), sql).toMatchObject(row);
  const stone = db.prepare(`SELECT count(*) AS n FROM application WHERE WALLSMATERIAL_MODE = 'Stone, brick'`).get() as { n: number };
  expect(stone.n).toBe(exact.stoneBrick);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}
