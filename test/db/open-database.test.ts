import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewerDatabaseError, openDatabase, schemaVersion } from '../../db/open-database.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../db/migrations/index.js';
import { HOME_CREDIT_TABLES } from '../../db/home-credit-tables.js';
import { tempDir } from '../support/paths.js';
import { TEST_DB_KEY, openRawTestConnection } from '../support/test-database-key.js';

function freshPath(): string {
  return path.join(tempDir(), 'octroi.db');
}

describe('openDatabase', () => {
  it('creates a fresh database at the current schema version with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(freshPath(), { key: TEST_DB_KEY });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('has the seven Home Credit tables with every original column, in the original order, then the file version each row came from', () => {
    const db = openDatabase(freshPath(), { key: TEST_DB_KEY });
    for (const table of HOME_CREDIT_TABLES) {
      const columns = db.prepare(`SELECT name, type FROM pragma_table_info(?) ORDER BY cid`).all(table.name) as {
        name: string;
        type: string;
      }[];
      expect(columns.map((c) => c.name)).toEqual([...table.columns.map(([name]) => name), 'import_file_id']);
      for (const [name, kind] of table.columns) {
        expect(columns.find((c) => c.name === name)?.type).toBe({ int: 'INTEGER', real: 'REAL', text: 'TEXT' }[kind]);
      }
    }
    db.close();
  });

  it('finds one client’s history through the per-client indexes, not by scanning', () => {
    const db = openDatabase(freshPath(), { key: TEST_DB_KEY });
    for (const table of HOME_CREDIT_TABLES.filter((t) => t.columns.some(([c]) => c === 'SK_ID_CURR'))) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT * FROM "${table.name}" WHERE SK_ID_CURR = ?`)
        .all(100002) as { detail: string }[];
      const detail = plan.map((p) => p.detail).join(' | ');
      expect(detail, table.name).toMatch(/^SEARCH \S+ USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)/);
      expect(detail, table.name).not.toMatch(/^SCAN/);
    }
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM bureau_balance WHERE SK_ID_BUREAU = ?`)
      .all(5714462) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING PRIMARY KEY/);
    db.close();
  });

  it('opens an up-to-date database again without re-running migrations and keeps its rows', () => {
    const file = freshPath();
    const db = openDatabase(file, { key: TEST_DB_KEY });
    db.prepare(`INSERT INTO application (SK_ID_CURR, TARGET) VALUES (?, ?)`).run(100002, 1);
    db.close();
    const again = openDatabase(file, { key: TEST_DB_KEY });
    expect(again.prepare(`SELECT TARGET FROM application WHERE SK_ID_CURR = 100002`).pluck().get()).toBe(1);
    again.close();
  });

  it('upgrades an older database in one transaction, keeping its data and calling beforeMigrate first', () => {
    const file = freshPath();
    const v1 = openDatabase(file, { key: TEST_DB_KEY });
    v1.prepare(`INSERT INTO application (SK_ID_CURR) VALUES (100003)`).run();
    v1.close();
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'test-note',
      sql: `CREATE TABLE test_note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);`,
    };
    const calls: [number, number][] = [];
    const db = openDatabase(file, { key: TEST_DB_KEY, migrations: [...MIGRATIONS, next],
      beforeMigrate: (_db, from, to) => calls.push([from, to]),
    });
    expect(calls).toEqual([[SCHEMA_VERSION, SCHEMA_VERSION + 1]]);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare(`SELECT count(*) FROM application`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM test_note`).pluck().get()).toBe(0);
    db.close();
  });

  it('rolls a failing upgrade back whole: version and tables as they were', () => {
    const file = freshPath();
    openDatabase(file, { key: TEST_DB_KEY }).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'ok', sql: `CREATE TABLE first_part (id INTEGER);` },
      { version: SCHEMA_VERSION + 2, name: 'broken', sql: `CREATE TABLE oops (id INTEGER; -- syntax error` },
    ];
    expect(() => openDatabase(file, { key: TEST_DB_KEY, migrations: broken })).toThrow(/syntax error/);
    const db = openRawTestConnection(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'first_part'`).pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer build, with a clear message, and leaves the file untouched', () => {
    const file = freshPath();
    const raw = openRawTestConnection(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file, { key: TEST_DB_KEY });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 5}.*newer Octroi`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses to open a missing file read-only instead of creating it', () => {
    const file = freshPath();
    expect(() => openDatabase(file, { key: TEST_DB_KEY, readonly: true })).toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});
