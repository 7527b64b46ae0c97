/**
 * Encryption at rest, on a real import: the bytes on disk hold no client value in clear (the same data
 * decrypted do, so the search is not vacuous); a missing, wrong or misplaced key gets the message that says
 * what to do; a clear database is encrypted keeping every row and the decision log's chain, and can be
 * re-keyed and decrypted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDatabaseKey, KeyChangeError } from '../../db/change-database-key.js';
import { DatabaseKeyError, generateDatabaseKey, isClearDatabaseFile, keyFromEnvironment, type DatabaseKey } from '../../db/database-key.js';
import { appendLogEntry, verifyDecisionLog } from '../../db/decision-log.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

let fixture: { db: Db; path: string };
/** Values of the fixture's clients, as SQLite writes them in a clear file: UTF-8 text, big-endian float64. */
let needles: Array<{ what: string; bytes: Buffer }>;

beforeAll(async () => {
  fixture = await fixtureDatabase();
  const db = fixture.db;
  const texts = [
    ...(db.prepare('SELECT DISTINCT ORGANIZATION_TYPE FROM application WHERE length(ORGANIZATION_TYPE) > 8 LIMIT 4').pluck().all() as string[]),
    ...(db.prepare('SELECT DISTINCT NAME_INCOME_TYPE FROM application WHERE length(NAME_INCOME_TYPE) > 6 LIMIT 2').pluck().all() as string[]),
    ...(db.prepare('SELECT DISTINCT CREDIT_TYPE FROM bureau WHERE length(CREDIT_TYPE) > 8 LIMIT 2').pluck().all() as string[]),
  ];
  const amounts = db.prepare('SELECT AMT_ANNUITY FROM application WHERE AMT_ANNUITY <> CAST(AMT_ANNUITY AS INTEGER) ORDER BY SK_ID_CURR LIMIT 3').pluck().all() as number[];
  needles = [
    ...texts.map((text) => ({ what: `text "${text}"`, bytes: Buffer.from(text, 'utf8') })),
    ...amounts.map((amount) => {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleBE(amount);
      return { what: `AMT_ANNUITY ${amount}`, bytes };
    }),
  ];
}, 180_000);
afterAll(() => fixture?.db.close());

/** The bytes of a database and of its -wal file, if any (what someone copying the folder gets). */
const bytesOnDisk = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
const found = (bytes: Buffer) => needles.filter((needle) => bytes.includes(needle.bytes)).map((needle) => needle.what);

/** A fresh copy of the fixture database (checkpointed first, so the copy is the whole database). */
function fixtureCopy(name: string): string {
  fixture.db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = path.join(tempDir('octroi-encryption-'), name);
  fs.copyFileSync(fixture.path, copy);
  return copy;
}

describe('a database on disk', () => {
  it('holds no client value in clear, in the file or its write-ahead log, while open and after closing', () => {
    expect(needles.length).toBeGreaterThanOrEqual(6);
    expect(isClearDatabaseFile(fixture.path)).toBe(false);
    expect(found(bytesOnDisk(fixture.path))).toEqual([]);
    const copy = fixtureCopy('closed.db');
    expect(found(fs.readFileSync(copy))).toEqual([]);
    // The same data decrypted: every value is there, so the search above would have found them.
    changeDatabaseKey(copy, TEST_DB_KEY, null);
    expect(isClearDatabaseFile(copy)).toBe(true);
    expect(found(fs.readFileSync(copy))).toEqual(needles.map((needle) => needle.what));
  });

  it('without its key, with a wrong key, or clear where a key is given: the message says what to do, never a raw SQLite error', () => {
    const file = fixtureCopy('keys.db');
    const failure = (run: () => unknown): DatabaseKeyError => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseKeyError);
        return error as DatabaseKeyError;
      }
      throw new Error('expected a DatabaseKeyError');
    };
    const missing = failure(() => openDatabase(file, { key: null }));
    expect(missing.reason).toBe('missing');
    expect(missing.message).toBe(`The database ${file} is encrypted: give its key with OCTROI_DB_KEY_FILE or --key-file.`);
    const wrong = failure(() => openDatabase(file, { key: generateDatabaseKey(), readonly: true }));
    expect(wrong.reason).toBe('wrong');
    expect(wrong.message).toMatch(/did not open with the key given: it is encrypted with another key.*Give its key with OCTROI_DB_KEY_FILE or --key-file/);
    expect(wrong.message).not.toMatch(/file is not a database|SQLITE_/);
    const clear = path.join(tempDir('octroi-encryption-'), 'clear.db');
    openDatabase(clear, { key: null }).close();
    const misplaced = failure(() => openDatabase(clear, { key: TEST_DB_KEY }));
    expect(misplaced.reason).toBe('clear');
    expect(misplaced.message).toMatch(/is not encrypted: encrypt it first \(octroi db encrypt/);
    // The file was not touched by any refusal.
    expect(isClearDatabaseFile(clear)).toBe(true);
  });

  it('reads a key from OCTROI_DB_KEY_FILE or OCTROI_DB_KEY, and names the source of a malformed one', () => {
    const dir = tempDir('octroi-keyfile-');
    const file = path.join(dir, 'branch.key');
    fs.writeFileSync(file, `# key of branch.db\n${TEST_DB_KEY.toString('hex')}\n`);
    expect(keyFromEnvironment({ OCTROI_DB_KEY_FILE: file })?.equals(TEST_DB_KEY)).toBe(true);
    expect(keyFromEnvironment({ OCTROI_DB_KEY: TEST_DB_KEY.toString('hex').toUpperCase() })?.equals(TEST_DB_KEY)).toBe(true);
    expect(keyFromEnvironment({})).toBeNull();
    expect(() => keyFromEnvironment({ OCTROI_DB_KEY: 'hunter2' })).toThrow(/OCTROI_DB_KEY does not hold a database key: a key is one line of 64 hexadecimal characters/);
    expect(() => keyFromEnvironment({ OCTROI_DB_KEY_FILE: path.join(dir, 'missing.key') })).toThrow(/The key file .*missing\.key does not exist/);
  });
});

describe('changing the key of a database', () => {
  /** A clear database from before encryption: the fixture's clients, users and a decision log of three entries. */
  function clearDatabaseWithLog(): string {
    const file = fixtureCopy('old-clear.db');
    changeDatabaseKey(file, TEST_DB_KEY, null);
    const db = openDatabase(file, { key: null });
    db.prepare("INSERT INTO app_user (username, display_name, role, password_hash, created_at) VALUES ('a', 'A', 'officer', 'x', '2026-01-01T00:00:00.000Z')").run();
    for (const client of [100002, 100003, 100004]) {
      appendLogEntry(db, { kind: 'contest', client_id: client, decision: null, override_direction: null, reason_code: null, comment: 'x', model_decision: null, probability: null, threshold: null, model_version: null, refers_to: null, user_id: 1, username: 'a', branch: '' });
    }
    db.close();
    return file;
  }

  it('encrypts a clear database keeping every row and the chain, leaves no clear file behind, then re-keys and decrypts it', () => {
    const file = clearDatabaseWithLog();
    const before = openDatabase(file, { key: null, readonly: true });
    const counts = (db: Db) => Object.fromEntries((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]));
    const rowsBefore = counts(before);
    const chainBefore = verifyDecisionLog(before);
    before.close();
    expect(chainBefore).toMatchObject({ ok: true, entries: 3 });

    const key: DatabaseKey = generateDatabaseKey();
    const summary = changeDatabaseKey(file, null, key);
    expect(summary).toMatchObject({ encrypted: true, originalRemoved: true, tables: rowsBefore, chain: chainBefore });
    expect(isClearDatabaseFile(file)).toBe(false);
    expect(found(fs.readFileSync(file))).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).filter((name) => /rekeying|replaced-by-rekey/.test(name))).toEqual([]);
    const after = openDatabase(file, { key });
    expect(counts(after)).toEqual(rowsBefore);
    expect(verifyDecisionLog(after)).toEqual(chainBefore);
    after.close();

    const next = generateDatabaseKey();
    changeDatabaseKey(file, key, next);
    expect(() => openDatabase(file, { key, readonly: true })).toThrow(/did not open with the key given/);
    const reopened = openDatabase(file, { key: next, readonly: true });
    expect(verifyDecisionLog(reopened)).toEqual(chainBefore);
    reopened.close();

    changeDatabaseKey(file, next, null);
    const clear = openDatabase(file, { key: null, readonly: true });
    expect(counts(clear)).toEqual(rowsBefore);
    clear.close();
  });

  it('is refused, changing nothing, while the database is open elsewhere or with a key that does not open it', () => {
    const file = fixtureCopy('busy.db');
    const original = fs.readFileSync(file);
    const holder = openDatabase(file, { key: TEST_DB_KEY });
    holder.prepare('SELECT count(*) FROM application').get();
    try {
      expect(() => changeDatabaseKey(file, TEST_DB_KEY, generateDatabaseKey())).toThrow(KeyChangeError);
      expect(() => changeDatabaseKey(file, TEST_DB_KEY, generateDatabaseKey())).toThrow(/is open in another program .* Nothing was changed/);
    } finally {
      holder.close();
    }
    expect(() => changeDatabaseKey(file, generateDatabaseKey(), null)).toThrow(/did not open with the key given/);
    const reader = openDatabase(file, { key: TEST_DB_KEY, readonly: true });
    expect(reader.prepare('SELECT count(*) FROM application').pluck().get()).toBe(fixture.db.prepare('SELECT count(*) FROM application').pluck().get());
    reader.close();
    expect(fs.readFileSync(file).subarray(0, 16).equals(original.subarray(0, 16))).toBe(true);
  });
});
