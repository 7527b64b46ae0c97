/**
 * Backups on the synthetic fixture database: the online copy has the same rows and passes integrity_check;
 * restore brings a database back and keeps the replaced file; a corrupt, foreign or newer file is refused
 * with a message saying so; a database in use is not replaced; the app's pre-migration copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupBeforeMigration, backupDatabase, checkDatabaseFile, restoreDatabase } from '../../db/backup.js';
import { appendLogEntry } from '../../db/decision-log.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { createUser } from '../../db/users.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';

let db: Db;
let dbPath: string;
let dir: string;

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  db = fixture.db;
  dbPath = fixture.path;
  dir = tempDir('octroi-backup-');
  const user = createUser(db, { username: 'agent', displayName: 'A', role: 'officer', branch: 'B', password: 'a long enough password' });
  for (const clientId of [100002, 100003]) {
    appendLogEntry(db, { kind: 'decision', client_id: clientId, decision: 'granted', override_direction: null, reason_code: 'model-decision', comment: '', model_decision: 'granted', probability: 0.05, threshold: 0.1, model_version: 'm', refers_to: null, user_id: user.userId, username: 'agent', branch: 'B' });
  }
}, 120_000);
afterAll(() => db?.close());

/** Every row of every table, for comparing two databases. */
function contents(file: string): Record<string, unknown[]> {
  const d = new Database(file, { readonly: true });
  try {
    const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    // Sorted in JS: some tables are WITHOUT ROWID, and the order of rows is not what a backup must keep.
    return Object.fromEntries(tables.map((t) => [t, d.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    d.close();
  }
}

describe('backup and restore', () => {
  it('backs up a database in use (online API): same rows in every table, integrity ok, one self-contained file', async () => {
    const out = path.join(dir, 'copy.db');
    const check = await backupDatabase(dbPath, out);
    expect(check).toMatchObject({ path: out, schemaVersion: MIGRATIONS.at(-1)!.version, integrity: ['ok'], decisions: 2, users: 1 });
    expect(check.clients).toBe(db.prepare('SELECT count(*) FROM application').pluck().get());
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(contents(out)).toEqual(contents(dbPath));
    expect(fs.existsSync(`${out}-wal`)).toBe(false);
    await expect(backupDatabase(dbPath, out)).rejects.toThrow(/already exists/);
  });

  it('restores: the database comes back as it was, the replaced one is kept beside it', async () => {
    const backup = path.join(dir, 'before.db');
    await backupDatabase(dbPath, backup);
    const target = path.join(dir, 'branch.db');
    fs.copyFileSync(backup, target);
    const changed = openDatabase(target);
    changed.prepare('DELETE FROM application WHERE SK_ID_CURR = 100002').run();
    changed.close();
    const now = new Date('2026-11-24T10:00:00.000Z');
    const summary = await restoreDatabase(backup, target, now);
    expect(summary).toMatchObject({ restoredFrom: backup, integrity: ['ok'], replacedKeptAs: `${target}.before-restore-2026-11-24T10-00-00-000Z` });
    expect(contents(target)).toEqual(contents(backup));
    const kept = new Database(summary.replacedKeptAs!, { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM application WHERE SK_ID_CURR = 100002').pluck().get()).toBe(0);
    kept.close();
    expect(fs.readdirSync(dir).some((f) => f.includes('.restoring-'))).toBe(false);
  });

  it('refuses to replace a database another connection has open, and changes nothing', async () => {
    const backup = path.join(dir, 'for-busy.db');
    await backupDatabase(dbPath, backup);
    const target = path.join(dir, 'busy.db');
    fs.copyFileSync(backup, target);
    const holder = openDatabase(target);
    holder.prepare('SELECT count(*) FROM application').get(); // the app reads as soon as it is open
    try {
      await expect(restoreDatabase(backup, target)).rejects.toThrow(/is open in another program .* close it, then restore/);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('busy.db.'))).toEqual(expect.not.arrayContaining([expect.stringMatching(/before-restore|restoring/)]));
    } finally {
      holder.close();
    }
  });

  it('refuses a corrupt backup with a clear message, and leaves the database alone', async () => {
    const good = path.join(dir, 'good.db');
    await backupDatabase(dbPath, good);
    const corrupt = path.join(dir, 'corrupt.db');
    const bytes = fs.readFileSync(good);
    // Scribble over pages in the middle of the file (table and index b-tree pages of the client tables).
    for (let i = Math.floor(bytes.length * 0.3); i < Math.floor(bytes.length * 0.3) + 40_000; i++) bytes[i] = (i * 7) & 0xff;
    fs.writeFileSync(corrupt, bytes);
    const target = path.join(dir, 'kept.db');
    fs.copyFileSync(good, target);
    await expect(restoreDatabase(corrupt, target)).rejects.toThrow(/corrupt\.db (failed SQLite's integrity check|is not a sound SQLite database).*cannot be used/);
    expect(contents(target)).toEqual(contents(good));
    const truncated = path.join(dir, 'truncated.db');
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 3000));
    expect(() => checkDatabaseFile(truncated)).toThrow(/truncated\.db/);
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, 'not a database at all, just text '.repeat(200));
    expect(() => checkDatabaseFile(text)).toThrow(/notes\.db (cannot be opened as a database|is not a sound SQLite database)/);
  });

  it('refuses a SQLite file that is not Octroi\'s, and one from a newer Octroi', () => {
    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (x)');
    f.close();
    expect(() => checkDatabaseFile(foreign)).toThrow(/foreign\.db is a SQLite database but not an Octroi database/);
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(path.join(dir, 'good.db'), newer);
    const n = new Database(newer);
    n.pragma('user_version = 99');
    n.close();
    expect(() => checkDatabaseFile(newer)).toThrow(/schema version 99, from a newer Octroi/);
  });

  it('the app\'s pre-migration copy: openDatabase\'s beforeMigrate writes <db>.pre-v1-to-v2-<time>.bak, a complete v1 database', () => {
    const file = path.join(tempDir('octroi-migrate-'), 'old.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare('INSERT INTO application (SK_ID_CURR, TARGET) VALUES (1, 0)').run();
    v1.close();
    const now = new Date('2026-11-24T12:00:00.000Z');
    const written: string[] = [];
    const migrated = openDatabase(file, { beforeMigrate: (open, from, to) => written.push(backupBeforeMigration(open, file, from, to, now)) });
    migrated.close();
    expect(written).toEqual([`${file}.pre-v1-to-v2-2026-11-24T12-00-00-000Z.bak`]);
    expect(checkDatabaseFile(written[0]!)).toMatchObject({ schemaVersion: 1, clients: 1, integrity: ['ok'], decisions: null });
  });
});
