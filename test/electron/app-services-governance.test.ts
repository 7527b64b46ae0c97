/**
 * What openAppServices does for governance: a database from an older build is backed up beside itself
 * before it is migrated; a tampered decision log is reported at start, not fatal; an installed model that
 * no longer verifies gives way to the shipped one, with a warning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../../db/backup.js';
import { appendLogEntry } from '../../db/decision-log.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { openDatabase } from '../../db/open-database.js';
import { recordModelInstall } from '../../model/governance/model-install.js';
import { openAppServices } from '../../electron/main/app-services.js';
import { tempDir } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY, openRawTestConnection } from '../support/test-database-key.js';

describe('openAppServices and governance', () => {
  it('backs up a database of an older schema before migrating it', async () => {
    const dbPath = path.join(tempDir('octroi-services-'), 'octroi.db');
    const v1 = openDatabase(dbPath, { key: TEST_DB_KEY, migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare('INSERT INTO application (SK_ID_CURR, TARGET) VALUES (100001, 0)').run();
    v1.close();
    const services = await openAppServices({ dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL });
    try {
      expect(services.createdDemo).toBe(false);
      const backups = fs.readdirSync(path.dirname(dbPath)).filter((f) => /^octroi\.db\.pre-v1-to-v\d+-.*\.bak$/.test(f));
      expect(backups).toHaveLength(1);
      expect(checkDatabaseFile(path.join(path.dirname(dbPath), backups[0]!), TEST_DB_KEY)).toMatchObject({ schemaVersion: 1, clients: 1 });
      expect(services.auditAtStart).toMatchObject({ ok: true, entries: 0 });
    } finally {
      await services.close();
    }
  }, 60_000);

  it('reports a tampered log at start and a refused installed model, and still opens', async () => {
    const dir = tempDir('octroi-services-');
    const dbPath = path.join(dir, 'octroi.db');
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    db.prepare("INSERT INTO app_user (username, display_name, role, password_hash, created_at) VALUES ('a', 'A', 'officer', 'x', '2026-01-01T00:00:00.000Z')").run();
    for (const c of [1, 2, 3]) {
      appendLogEntry(db, { kind: 'contest', client_id: c, decision: null, override_direction: null, reason_code: null, comment: 'x', model_decision: null, probability: null, threshold: null, model_version: null, refers_to: null, user_id: 1, username: 'a', branch: '' });
    }
    // An installed model that is no longer there.
    recordModelInstall(db, { action: 'install', version: 'gone', sha256: 'f'.repeat(64), path: path.join(dir, 'models', 'gone', 'model.onnx'), previousVersion: null, user: { userId: 1, username: 'a' } });
    db.close();
    const raw = openRawTestConnection(dbPath);
    raw.exec('DROP TRIGGER decision_log_no_delete; DELETE FROM decision_log WHERE seq = 2');
    raw.close();
    const services = await openAppServices({ dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL });
    try {
      expect(services.auditAtStart).toMatchObject({ ok: false, firstBad: { seq: 2, problem: 'deleted/missing' } });
      expect(services.engine.model.path).toBe(SHIPPED_MODEL);
      expect(services.warnings).toEqual([expect.stringMatching(/installed model .*gone.* was refused at start .*shipped model is used instead/)]);
    } finally {
      await services.close();
    }
  }, 60_000);
});
