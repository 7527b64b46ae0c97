/**
 * The app's database key (electron/main/database-key-store.ts) and its first start on a clear database:
 * the key is created once, kept only as the OS-wrapped blob, reused; no secure storage → IT is told what to
 * choose; a clear database from before encryption is encrypted at start with every row and the chain kept.
 *
 * The OS keystore (DPAPI, Keychain, libsecret) cannot run here: `osStorage` wraps secrets with AES-256-GCM
 * under a key that lives only in this process — like the OS, it gives back only what it wrapped, and its
 * blobs are useless to another "account" (another instance).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeDatabaseKey } from '../../db/change-database-key.js';
import { isClearDatabaseFile, keyToHex } from '../../db/database-key.js';
import { appendLogEntry } from '../../db/decision-log.js';
import { openDatabase } from '../../db/open-database.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { openAppServices } from '../../electron/main/app-services.js';
import { AppDatabaseKeyError, appDatabaseKey, exportAppDatabaseKey, wrappedKeyPath, type SecretStorage } from '../../electron/main/database-key-store.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

/** A secret store of one "account": AES-256-GCM under a key of its own. */
function osStorage(options: { available?: boolean; backend?: string } = {}): SecretStorage {
  const key = crypto.randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(text) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(blob) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('the app database key', () => {
  it('is created on first start, kept only wrapped by the OS beside the database, and the same at the next start', () => {
    const dbPath = path.join(tempDir('octroi-appkey-'), 'octroi.db');
    const storage = osStorage();
    const first = appDatabaseKey({ dbPath, env: {}, storage, platform: 'linux' });
    expect(first).toMatchObject({ source: 'os-keystore', file: wrappedKeyPath(dbPath), created: true });
    expect(first.key).toHaveLength(32);
    const blob = fs.readFileSync(wrappedKeyPath(dbPath));
    expect(blob.includes(Buffer.from(keyToHex(first.key)))).toBe(false);
    expect(blob.includes(first.key)).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(wrappedKeyPath(dbPath)).mode & 0o777).toBe(0o600);
    openDatabase(dbPath, { key: first.key }).close();
    const second = appDatabaseKey({ dbPath, env: {}, storage, platform: 'linux' });
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    // Another account (another store) cannot unwrap it: IT is told to give the kept key file.
    expect(() => appDatabaseKey({ dbPath, env: {}, storage: osStorage(), platform: 'linux' })).toThrow(/cannot be unwrapped by this account on this workstation.*OCTROI_DB_KEY_FILE/);
    // IT's exported copy opens the database anywhere.
    const exported = path.join(tempDir('octroi-appkey-'), 'exported.key');
    exportAppDatabaseKey(first, dbPath, exported);
    const fromIt = appDatabaseKey({ dbPath, env: { OCTROI_DB_KEY_FILE: exported }, storage: osStorage({ available: false }), platform: 'linux' });
    expect(fromIt).toMatchObject({ source: 'OCTROI_DB_KEY_FILE', created: false });
    expect(fromIt.key.equals(first.key)).toBe(true);
  });

  it('without secure storage (none, or Linux with no keyring), says so and lets IT choose a key file', () => {
    const dbPath = path.join(tempDir('octroi-appkey-'), 'octroi.db');
    expect(() => appDatabaseKey({ dbPath, env: {}, storage: osStorage({ available: false }), platform: 'win32' })).toThrow(AppDatabaseKeyError);
    expect(() => appDatabaseKey({ dbPath, env: {}, storage: osStorage({ available: false }), platform: 'win32' })).toThrow(
      /offers no secure storage.*IT: either .* or set OCTROI_DB_KEY_FILE to a key file on a protected path.*until then Octroi does not start/,
    );
    expect(() => appDatabaseKey({ dbPath, env: {}, storage: osStorage({ backend: 'basic_text' }), platform: 'linux' })).toThrow(/no keyring is running/);
    expect(fs.existsSync(wrappedKeyPath(dbPath))).toBe(false);
    const keyFile = path.join(tempDir('octroi-appkey-'), 'octroi.key');
    const chosen = appDatabaseKey({ dbPath, env: { OCTROI_DB_KEY_FILE: keyFile }, storage: osStorage({ backend: 'basic_text' }), platform: 'linux' });
    expect(chosen).toMatchObject({ source: 'OCTROI_DB_KEY_FILE', created: true });
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('refuses an encrypted database whose wrapped key is missing, rather than making a new key', () => {
    const dbPath = path.join(tempDir('octroi-appkey-'), 'octroi.db');
    openDatabase(dbPath, { key: TEST_DB_KEY }).close();
    expect(() => appDatabaseKey({ dbPath, env: {}, storage: osStorage(), platform: 'darwin' })).toThrow(/is encrypted and its key is not on this workstation .*OCTROI_DB_KEY_FILE/);
    expect(fs.existsSync(wrappedKeyPath(dbPath))).toBe(false);
  });

  it('first start of this version on a clear database: encrypted with the new key, every row and the chain kept, clear copies reported, no DEMO account added', async () => {
    const fixture = await fixtureDatabase();
    fixture.db.close();
    const dbPath = path.join(tempDir('octroi-appkey-'), 'octroi.db');
    fs.copyFileSync(fixture.path, dbPath);
    changeDatabaseKey(dbPath, TEST_DB_KEY, null); // a database of the version before encryption
    const clear = openDatabase(dbPath, { key: null });
    clear.prepare("INSERT INTO app_user (username, display_name, role, password_hash, created_at) VALUES ('a', 'A', 'officer', 'x', '2026-01-01T00:00:00.000Z')").run();
    for (const client of [100002, 100003]) {
      appendLogEntry(clear, { kind: 'contest', client_id: client, decision: null, override_direction: null, reason_code: null, comment: 'x', model_decision: null, probability: null, threshold: null, model_version: null, refers_to: null, user_id: 1, username: 'a', branch: '' });
    }
    const clients = clear.prepare('SELECT count(*) FROM application').pluck().get();
    clear.prepare('VACUUM INTO ?').run(`${dbPath}.pre-v1-to-v2-2026-01-01T00-00-00-000Z.bak`); // an old clear backup beside it
    clear.close();

    const key = appDatabaseKey({ dbPath, env: {}, storage: osStorage(), platform: 'linux' });
    expect(key.created).toBe(true);
    const services = await openAppServices({ dbPath, key: key.key, modelPath: SHIPPED_MODEL });
    try {
      expect(services.encryptedAtStart).toMatchObject({ encrypted: true, originalRemoved: true, chain: { ok: true, entries: 2 } });
      expect(services.auditAtStart).toMatchObject({ ok: true, entries: 2 });
      expect(services.db.prepare('SELECT count(*) FROM application').pluck().get()).toBe(clients);
      expect(services.warnings).toEqual([expect.stringMatching(/pre-v1-to-v2-.*\.bak is a copy of the database from before it was encrypted: it holds client data in clear/)]);
      // DEMO accounts exist only in demo databases: the app never adds them to a branch's database.
      const demoNames = DEMO_ACCOUNTS.map((account) => account.username);
      expect(services.db.prepare(`SELECT count(*) FROM app_user WHERE username IN (${demoNames.map(() => '?').join(', ')})`).pluck().get(...demoNames)).toBe(0);
    } finally {
      await services.close();
    }
    expect(isClearDatabaseFile(dbPath)).toBe(false);
  }, 180_000);
});
