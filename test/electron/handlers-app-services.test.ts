/**
 * openAppServices: on first start (no file) it builds the synthetic demo database, then opens it and the
 * shipped model; the handlers answer on it; the next start reuses the file; a refused model leaves nothing open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { openAppServices } from '../../electron/main/app-services.js';
import { createIpcRouter } from '../../electron/main/ipc-handle.js';
import { registerHandlers } from '../../electron/main/register-handlers.js';
import { APP_SENDER } from '../support/handler-harness.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { tempDir } from '../support/paths.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

describe('openAppServices', () => {
  it('builds the demo database on first start, serves it through the handlers, reuses it next time', async () => {
    const dbPath = path.join(tempDir('octroi-services-'), 'user-data', 'octroi.db');
    const services = await openAppServices({ dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL, demo: { clients: 150, seed: 5 } });
    try {
      expect(services.createdDemo).toBe(true);
      expect(fs.existsSync(dbPath)).toBe(true);
      const router = createIpcRouter({ isTrustedSender: () => true });
      registerHandlers(router, services);
      // The demo database comes with its DEMO accounts; client data only after sign-in.
      expect(await router.dispatch('clients:list', APP_SENDER, { offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const agent = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
      expect(await router.dispatch('auth:signIn', APP_SENDER, { username: agent.username, password: agent.password })).toMatchObject({ ok: true });
      const list = await router.dispatch('clients:list', APP_SENDER, { offset: 0, limit: 5 });
      expect(list).toMatchObject({ ok: true, value: { total: 150 } });
      const first = list.ok ? (list.value as { clients: Array<{ clientId: number }> }).clients[0]!.clientId : 0;
      const score = await router.dispatch('scoring:score', APP_SENDER, { clientId: first, lang: 'fr' });
      expect(score).toMatchObject({ ok: true, value: { clientId: first, modelVersion: services.engine.modelVersion } });
    } finally {
      await services.close();
    }
    const again = await openAppServices({ dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL, demo: { clients: 10 } });
    try {
      expect(again.createdDemo).toBe(false);
      expect(again.db.prepare('SELECT count(*) FROM application').pluck().get()).toBe(150);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('a model that fails verification is refused and the database is closed again', async () => {
    const dir = tempDir('octroi-services-');
    const modelPath = path.join(dir, 'model.onnx');
    fs.copyFileSync(SHIPPED_MODEL, modelPath); // no signature file beside it
    const dbPath = path.join(dir, 'octroi.db');
    await expect(openAppServices({ dbPath, key: TEST_DB_KEY, modelPath, demo: { clients: 20, seed: 1 } })).rejects.toThrow(/model/i);
    // SQLite deletes the -wal file when the last connection closes: none left means the database was closed.
    expect(fs.existsSync(dbPath)).toBe(true);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  }, 60_000);
});
