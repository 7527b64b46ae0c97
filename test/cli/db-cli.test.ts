/**
 * The command line and the database key: a missing, wrong or malformed key is one line saying how to give
 * it (no stack, exit 1); `octroi db sql` reads with the key and never writes; `octroi db encrypt` then
 * `rekey` then `decrypt` on a real database; backups are encrypted, with the database's key or IT's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isClearDatabaseFile, readKeyFile } from '../../db/database-key.js';
import { openDatabase } from '../../db/open-database.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { TEST_DB_KEY, TEST_DB_KEY_HEX } from '../support/test-database-key.js';

let dbPath: string;
let clients: number;

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  clients = fixture.db.prepare('SELECT count(*) FROM application').pluck().get() as number;
  fixture.db.close();
  dbPath = fixture.path;
}, 180_000);

/** True when `file` opens with `key` (and is closed again). */
const opensWith = (file: string, key: Buffer) => {
  openDatabase(file, { key, readonly: true }).close();
  return true;
};

/** One line on stderr, no stack trace. */
const oneLine = (stderr: string) => {
  const lines = stderr.split('\n').filter((line) => line.startsWith('octroi:'));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
};

describe('octroi and the database key', () => {
  it('says how to give the key when it is missing, wrong or malformed', () => {
    const missing = runCli(['audit', 'verify', '--db', dbPath], { env: { OCTROI_DB_KEY: '' } });
    expect(missing.status).toBe(1);
    expect(oneLine(missing.stderr)).toBe(`octroi: The database ${dbPath} is encrypted: give its key with OCTROI_DB_KEY_FILE or --key-file.`);
    const wrongKey = path.join(tempDir('octroi-keys-'), 'wrong.key');
    expect(runCli(['db', 'key', '--out', wrongKey]).status).toBe(0);
    const wrong = runCli(['score', '--db', dbPath, '--client', '100002', '--key-file', wrongKey]);
    expect(wrong.status).toBe(1);
    expect(oneLine(wrong.stderr)).toMatch(/did not open with the key given: it is encrypted with another key/);
    const malformed = runCli(['users', 'list', '--db', dbPath], { env: { OCTROI_DB_KEY: 'secret' } });
    expect(oneLine(malformed.stderr)).toMatch(/OCTROI_DB_KEY does not hold a database key: a key is one line of 64 hexadecimal characters/);
    const newDb = path.join(tempDir('octroi-keys-'), 'new.db');
    const create = runCli(['import', '--db', newDb, path.join(tempDir('octroi-empty-'))], { env: { OCTROI_DB_KEY: '' } });
    expect(oneLine(create.stderr)).toMatch(/a new database is encrypted: give the key to create .*new\.db with OCTROI_DB_KEY_FILE or --key-file/);
    expect(fs.existsSync(newDb)).toBe(false);
  }, 600_000);

  it('db key writes a key file readable by its owner only, and never replaces one', () => {
    const file = path.join(tempDir('octroi-keys-'), 'branch.key');
    expect(runCli(['db', 'key', '--out', file]).status).toBe(0);
    expect(readKeyFile(file)).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = runCli(['db', 'key', '--out', file]);
    expect(again.status).toBe(1);
    expect(oneLine(again.stderr)).toMatch(/already exists: a key file is never overwritten/);
  }, 600_000);

  it('db sql reads with the key (tab-separated or JSON) and refuses to write', () => {
    const keyFile = path.join(tempDir('octroi-keys-'), 'test.key');
    fs.writeFileSync(keyFile, `${TEST_DB_KEY_HEX}\n`);
    const tsv = runCli(['db', 'sql', '--db', dbPath, '--key-file', keyFile, 'SELECT count(*) AS n, min(SK_ID_CURR) AS first FROM application'], { env: { OCTROI_DB_KEY: '' } });
    expect(tsv.status, tsv.stderr).toBe(0);
    expect(tsv.stdout.split('\n')[0]).toBe('n\tfirst');
    expect(tsv.stdout.split('\n')[1]).toMatch(new RegExp(`^${clients}\\t\\d+$`));
    const json = runCli(['db', 'sql', '--db', dbPath, '--json', 'SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR LIMIT 2']);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    const write = runCli(['db', 'sql', '--db', dbPath, 'DELETE FROM application']);
    expect(write.status).toBe(1);
    expect(oneLine(write.stderr)).toMatch(/this command only reads/);
    const sneaky = runCli(['db', 'sql', '--db', dbPath, 'DELETE FROM application RETURNING SK_ID_CURR']);
    expect(sneaky.status).toBe(1);
    expect(oneLine(sneaky.stderr)).toMatch(/the query (does not run|failed): attempt to write a readonly database/);
    const check = openDatabase(dbPath, { key: TEST_DB_KEY, readonly: true });
    expect(check.prepare('SELECT count(*) FROM application').pluck().get()).toBe(clients);
    check.close();
  }, 600_000);

  it('db decrypt, encrypt and rekey: a verified copy replaces the database each time; every row stays', () => {
    const dir = tempDir('octroi-rekey-');
    const file = path.join(dir, 'branch.db');
    fs.copyFileSync(dbPath, file);
    const count = (key: string) => runCli(['db', 'sql', '--db', file, '--json', 'SELECT count(*) AS n FROM application'], { env: { OCTROI_DB_KEY: key } });

    const decrypted = runCli(['db', 'decrypt', '--db', file]);
    expect(decrypted.status, decrypted.stderr).toBe(0);
    expect(decrypted.stdout).toMatch(/Decrypted .*branch\.db: .* rows, all verified.*holds client data in clear/);
    expect(isClearDatabaseFile(file)).toBe(true);

    const keyFile = path.join(dir, 'branch.key');
    const encrypted = runCli(['db', 'encrypt', '--db', file, '--new-key-file', keyFile], { env: { OCTROI_DB_KEY: '' } });
    expect(encrypted.status, encrypted.stderr).toBe(0);
    expect(encrypted.stdout).toMatch(/Encrypted .*branch\.db with the key in .*branch\.key: .*all verified.*The clear file was removed/);
    expect(isClearDatabaseFile(file)).toBe(false);
    expect(JSON.parse(count(readKeyFile(keyFile).toString('hex')).stdout)).toEqual([{ n: clients }]);

    const nextKey = path.join(dir, 'next.key');
    const rekeyed = runCli(['db', 'rekey', '--db', file, '--key-file', keyFile, '--new-key-file', nextKey]);
    expect(rekeyed.status, rekeyed.stderr).toBe(0);
    expect(count(readKeyFile(keyFile).toString('hex')).status).toBe(1);
    expect(JSON.parse(count(readKeyFile(nextKey).toString('hex')).stdout)).toEqual([{ n: clients }]);
    expect(fs.readdirSync(dir).sort()).toEqual(['branch.db', 'branch.key', 'next.key']);
  }, 600_000);

  it('backs up encrypted with the database key, or with a backup key IT gives; restore opens either', () => {
    const dir = tempDir('octroi-backup-keys-');
    const same = path.join(dir, 'same-key.db');
    expect(runCli(['backup', '--db', dbPath, '--out', same]).status).toBe(0);
    expect(isClearDatabaseFile(same)).toBe(false);
    expect(opensWith(same, TEST_DB_KEY)).toBe(true);

    const backupKey = path.join(dir, 'backup.key');
    expect(runCli(['db', 'key', '--out', backupKey]).status).toBe(0);
    const other = path.join(dir, 'backup-key.db');
    const backedUp = runCli(['backup', '--db', dbPath, '--out', other, '--backup-key-file', backupKey]);
    expect(backedUp.status, backedUp.stderr).toBe(0);
    expect(() => openDatabase(other, { key: TEST_DB_KEY, readonly: true })).toThrow(/did not open with the key given/);
    expect(opensWith(other, readKeyFile(backupKey))).toBe(true);

    const target = path.join(dir, 'restored.db');
    const wrong = runCli(['restore', '--from', other, '--db', target]);
    expect(wrong.status).toBe(1);
    expect(oneLine(wrong.stderr)).toMatch(/backup-key\.db did not open with the key given/);
    const restored = runCli(['restore', '--from', other, '--backup-key-file', backupKey, '--db', target]);
    expect(restored.status, restored.stderr).toBe(0);
    // The restored database takes the database's key, not the backup's.
    const reopened = openDatabase(target, { key: TEST_DB_KEY, readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM application').pluck().get()).toBe(clients);
    reopened.close();
  }, 600_000);
});
