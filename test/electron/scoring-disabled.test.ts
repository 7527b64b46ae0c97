/**
 * A workstation that trusts no model key (an installed app with nothing deployed), or whose model is signed
 * by a key it does not trust (the DEMO key in an installed app), opens and works — sign-in, search, client
 * pages, decisions history, imports — and every verb that needs the model answers 'scoring-disabled' with
 * the words for IT. Through the data worker as the app runs it (a real thread, a real database file, the
 * shipped model, which is signed with the DEMO key).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markDemoDatabase } from '../../db/demo-database-mark.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { startDataWorker, type DataWorker } from '../../electron/main/data-worker/client.js';
import type { DesktopPort } from '../../electron/main/handlers/handler-services.js';
import type { Channel, EventOf } from '../../electron/shared/contract.js';
import { demoKeyId, machineTrustedKeysDir, noTrustedKey, scoringDisabledMessage } from '../../model/keys/trusted-keys.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

const officer = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
const FOLDER = machineTrustedKeysDir();
const NO_KEY_MESSAGE = `No trusted model key is installed on this workstation: IT must deploy the bank's public key in ${FOLDER} or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then.`;

let dir: string;
beforeAll(() => {
  dir = tempDir('octroi-scoring-disabled-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An empty demo database (DEMO accounts) where the picked fixture files are imported; its worker, its events. */
async function startOn(name: string, trustedKeys: readonly string[]) {
  const dbPath = path.join(dir, `${name}.db`);
  const db: Db = openDatabase(dbPath, { key: TEST_DB_KEY });
  markDemoDatabase(db);
  createDemoAccounts(db);
  const events: Array<EventOf<'import:progress'>> = [];
  const desktop: DesktopPort = {
    chooseFilesToOpen: async () => fs.readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.csv')).map((file) => path.join(FIXTURE_DIR, file)),
    chooseSaveFile: async ({ defaultName }) => path.join(dir, defaultName),
    renderPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    emit: (event, payload) => {
      if (event === 'import:progress') events.push(payload as EventOf<'import:progress'>);
    },
  };
  const worker = await startDataWorker({ services: { dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL, trustedKeys }, desktop });
  return { db, worker, events };
}

/** The verbs that need the model, each with a valid request about client `clientId`. */
const modelVerbs = (clientId: number, record: Record<string, string | number>): Array<[Channel, unknown]> => [
  ['scoring:score', { clientId, lang: 'fr' }],
  ['scoring:explain', { clientId, lang: 'en' }],
  ['scoring:reasons', { clientId, lang: 'en' }],
  ['scoring:counterOffer', { clientId }],
  ['scoring:similar', { clientId, lang: 'en', k: 5 }],
  ['population:distribution', { feature: 'AMT_INCOME_TOTAL', groupBy: 'none', bins: 10, lang: 'en' }],
  ['population:pairs', { x: 'AMT_INCOME_TOTAL', y: 'AMT_CREDIT', groupBy: 'none', maxPoints: 100, lang: 'en' }],
  ['population:importance', { lang: 'en' }],
  ['models:card', { lang: 'en' }],
  ['models:history', {}],
  ['policy:get', {}],
  ['applications:score', { record, lang: 'en' }],
  ['applications:save', { record }],
  ['decisions:record', { clientId, decision: 'granted', reasonCode: 'model-decision', comment: '' }],
  ['monitoring:drift', { lang: 'en' }],
  ['monitoring:activity', {}],
  ['fairness:report', { lang: 'en' }],
  ['letters:exportPdf', { decisionId: 1, lang: 'fr' }],
];

describe('no trusted model key (an installed app with nothing deployed)', () => {
  let db: Db;
  let worker: DataWorker;
  let events: Array<EventOf<'import:progress'>>;
  beforeAll(async () => {
    ({ db, worker, events } = await startOn('no-key', []));
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    db?.close();
  });

  it('opens, says why in words for IT, and the window learns it from auth:status', async () => {
    expect(worker.opened).toMatchObject({ modelVersion: '—', scoringDisabled: NO_KEY_MESSAGE });
    expect(scoringDisabledMessage(noTrustedKey())).toBe(NO_KEY_MESSAGE);
    expect(await worker.call('auth:status', {})).toEqual({
      ok: true,
      value: { user: null, lockAfterMinutes: 10, hasUsers: true, demoKeyTrusted: false, scoringDisabled: { reason: 'no-trusted-key', folder: FOLDER, keyId: null } },
    });
  });

  it('signs in, imports, searches, shows clients and the decisions history; every verb that needs the model refuses in words', async () => {
    expect(await worker.call('auth:signIn', { username: officer.username, password: officer.password })).toMatchObject({ ok: true });
    // An import (the manager's verb in the app; main checks the role) works without a model.
    await worker.call('auth:signOut', {});
    const manager = DEMO_ACCOUNTS.find((account) => account.username === 'manager')!;
    expect(await worker.call('auth:signIn', { username: manager.username, password: manager.password })).toMatchObject({ ok: true });
    expect(await worker.call('import:start', {})).toMatchObject({ ok: true });
    await expect.poll(() => events.find((event) => event.summary || event.phase === 'failed'), { timeout: 60_000, interval: 100 }).toBeTruthy();
    expect(events.at(-1)).toMatchObject({ phase: 'done' });

    const list = await worker.call('clients:list', { offset: 0, limit: 5 });
    expect(list).toMatchObject({ ok: true, value: { total: 1000 } });
    expect(await worker.call('clients:search', { query: '10000' })).toMatchObject({ ok: true });
    expect(await worker.call('clients:get', { clientId: 100002 })).toMatchObject({ ok: true });
    expect(await worker.call('decisions:list', { offset: 0, limit: 10 })).toMatchObject({ ok: true });
    expect(await worker.call('audit:status', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect(await worker.call('users:list', {})).toMatchObject({ ok: true });
    expect(await worker.call('applications:fields', { lang: 'fr' })).toMatchObject({ ok: true });

    const row = db.prepare('SELECT * FROM application WHERE SK_ID_CURR = 100003').get() as Record<string, unknown>;
    const record = Object.fromEntries(Object.entries(row).filter(([column, v]) => !['SK_ID_CURR', 'TARGET', 'import_file_id'].includes(column) && v !== null)) as Record<string, string | number>;
    expect(await worker.call('applications:validate', { record })).toMatchObject({ ok: true, value: { valid: true } });
    const clientsBefore = db.prepare('SELECT count(*) FROM application').pluck().get();
    for (const [channel, request] of modelVerbs(100003, record)) {
      expect(await worker.call(channel, request), channel).toEqual({ ok: false, error: { code: 'scoring-disabled', message: NO_KEY_MESSAGE } });
    }
    // Nothing was recorded by the refused verbs.
    expect(db.prepare('SELECT count(*) FROM application').pluck().get()).toBe(clientsBefore);
    expect(db.prepare('SELECT count(*) FROM decision_log').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM score_event').pluck().get()).toBe(0);
  }, 120_000);
});

describe('an installed app with the bank key deployed, and a model signed with the DEMO key', () => {
  let db: Db;
  let worker: DataWorker;
  beforeAll(async () => {
    const bankKey = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    ({ db, worker } = await startOn('demo-signed', [bankKey]));
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    db?.close();
  });

  it('refuses the model the same way: the app opens, scoring is disabled, the words name the DEMO key', async () => {
    const disabled = { reason: 'demo-key-model' as const, folder: FOLDER, keyId: demoKeyId() };
    const message = scoringDisabledMessage(disabled);
    expect(message).toBe(
      `The model in use is signed with the DEMO key, which an installed Octroi never trusts: IT must install a model signed with the bank's key (octroi model install), whose public key is deployed in ${FOLDER} or set in OCTROI_TRUSTED_KEYS. Scoring is disabled until then.`,
    );
    expect(worker.opened).toMatchObject({ modelVersion: '—', scoringDisabled: message });
    expect(await worker.call('auth:status', {})).toMatchObject({ ok: true, value: { demoKeyTrusted: false, scoringDisabled: disabled } });
    expect(await worker.call('auth:signIn', { username: officer.username, password: officer.password })).toMatchObject({ ok: true });
    expect(await worker.call('scoring:score', { clientId: 100002, lang: 'en' })).toEqual({ ok: false, error: { code: 'scoring-disabled', message } });
    expect(await worker.call('models:card', { lang: 'fr' })).toEqual({ ok: false, error: { code: 'scoring-disabled', message } });
  });
});
