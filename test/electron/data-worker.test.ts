/**
 * The data worker as main and the preview use it (a real worker thread, the real fixture database, the
 * shipped model): requests are answered while a long job runs (a write waiting for another program's lock);
 * a write that meets a lock held longer than a request may wait answers 'busy' in words and writes
 * nothing, while reads and scores go on; a saved application is at once in the population statistics,
 * similar clients and fairness monitoring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import type { Db } from '../../db/open-database.js';
import { startDataWorker, type DataWorker } from '../../electron/main/data-worker/client.js';
import type { Channel, ResponseOf } from '../../electron/shared/contract.js';
import type { Result } from '../../electron/shared/errors.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY, openRawTestConnection } from '../support/test-database-key.js';

let db: Db;
let dbPath: string;
let worker: DataWorker;

async function value<C extends Channel>(channel: C, request: unknown): Promise<ResponseOf<C>> {
  const result = await worker.call(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

/** A fixture client without any history: a saved copy of its application has the same features. */
function clientWithoutHistory(): number {
  return db
    .prepare(
      `SELECT SK_ID_CURR FROM application a WHERE NOT EXISTS (SELECT 1 FROM bureau b WHERE b.SK_ID_CURR = a.SK_ID_CURR)
         AND NOT EXISTS (SELECT 1 FROM previous_application p WHERE p.SK_ID_CURR = a.SK_ID_CURR) ORDER BY SK_ID_CURR LIMIT 1`,
    )
    .pluck()
    .get() as number;
}

function recordOf(clientId: number): Record<string, string | number> {
  const row = db.prepare('SELECT * FROM application WHERE SK_ID_CURR = ?').get(clientId) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).filter(([column, v]) => !['SK_ID_CURR', 'TARGET', 'import_file_id'].includes(column) && v !== null)) as Record<string, string | number>;
}

/** Another program's connection holding the write lock (as a CLI import does during a file). */
function holdWriteLock(): { release(): void } {
  const other = openRawTestConnection(dbPath);
  other.exec('BEGIN IMMEDIATE');
  other.prepare("INSERT INTO app_setting (key, value) VALUES ('held-by-test', 'x') ON CONFLICT (key) DO UPDATE SET value = 'x'").run();
  return {
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  db = fixture.db;
  dbPath = fixture.path;
  createDemoAccounts(db);
  worker = await startDataWorker({ services: { dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL } });
  const manager = DEMO_ACCOUNTS.find((account) => account.username === 'manager')!;
  await value('auth:signIn', { username: manager.username, password: manager.password });
}, 120_000);

afterAll(async () => {
  await worker?.close();
  db?.close();
});

describe('the data worker', () => {
  it('answers searches and scores while a save waits for another program’s lock, and the save lands once it is released', async () => {
    const twin = clientWithoutHistory();
    const lock = holdWriteLock();
    const order: string[] = [];
    const saving = worker.call('applications:save', { record: recordOf(twin) }).then((result) => (order.push('save'), result));
    const search = await worker.call('clients:search', { query: '1000' });
    order.push('search');
    const score = await worker.call('scoring:score', { clientId: twin, lang: 'en' });
    order.push('score');
    expect(search.ok && (search.value as ResponseOf<'clients:search'>).clients.length).toBeGreaterThan(0);
    expect(score.ok).toBe(true);
    lock.release();
    const saved = await saving;
    expect(order).toEqual(['search', 'score', 'save']);
    expect(saved.ok).toBe(true);
  }, 60_000);

  it('a write held off longer than a request may wait answers busy in words, and writes nothing', async () => {
    const clients = () => db.prepare('SELECT count(*) FROM application').pluck().get() as number;
    const before = clients();
    const lock = holdWriteLock();
    let saved: Result<unknown>;
    try {
      saved = await worker.call('applications:save', { record: recordOf(100002) });
      // Reads go on during the lock.
      expect((await worker.call('clients:get', { clientId: 100002 })).ok).toBe(true);
    } finally {
      lock.release();
    }
    expect(saved).toEqual({ ok: false, error: { code: 'busy', message: expect.stringMatching(/busy with another program .*nothing was changed; try again/) } });
    expect(clients()).toBe(before);
    expect(db.prepare("SELECT count(*) FROM app_setting WHERE key = 'held-by-test'").pluck().get()).toBe(0);
  }, 60_000);

  it('a saved application is at once in the population, among similar clients, in drift and in fairness monitoring', async () => {
    const twin = clientWithoutHistory();
    const total = (d: ResponseOf<'population:distribution'>) => d.groups.reduce((n, g) => n + g.counts.reduce((a, b) => a + b, 0) + g.missing, 0);
    const request = { feature: 'AMT_INCOME_TOTAL', groupBy: 'none', bins: 10, lang: 'en' };
    const before = total(await value('population:distribution', request));
    const fairnessBefore = (await value('fairness:report', { lang: 'en' })).clients;
    const driftBefore = (await value('monitoring:drift', { lang: 'en' })).overall.rows;
    const { clientId } = await value('applications:save', { record: recordOf(twin) });
    expect(total(await value('population:distribution', request))).toBe(before + 1);
    expect((await value('fairness:report', { lang: 'en' })).clients).toBe(fairnessBefore + 1);
    // Drift bins the new client from its stored values: one more client in the window.
    expect((await value('monitoring:drift', { lang: 'en' })).overall.rows).toBe(driftBefore + 1);
    const similar = await value('scoring:similar', { clientId: twin, lang: 'en', k: 5 });
    // Its twin's nearest neighbours: the saved copies (this one and the first test's), at distance 0.
    expect(similar.clients.filter((c) => c.distance < 1e-3).map((c) => c.clientId)).toContain(clientId);
    const pairs = await value('population:pairs', { x: 'AMT_INCOME_TOTAL', y: 'AMT_CREDIT', groupBy: 'none', maxPoints: 100_000, lang: 'en' });
    expect(pairs.points.some((p) => p.clientId === clientId)).toBe(true);
  }, 120_000);
});
