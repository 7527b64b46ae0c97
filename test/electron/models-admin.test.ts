/**
 * Installing a model through models:install (the manager picks a file in the dialog): a tampered file is
 * refused naming the failed check and the model in use stays; a valid one (the shipped model, re-versioned
 * and signed with the demo key) is verified, copied, recorded and swapped in — scores now come from it;
 * rollback returns to the previous model; the next start loads the model in use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { neverBusyWait } from '../../db/database-busy.js';
import { keyOf, openDatabase, type Db } from '../../db/open-database.js';
import { createUser } from '../../db/users.js';
import { activeModelPath } from '../../model/governance/model-install.js';
import type { HandlerServices } from '../../electron/main/handlers/handler-services.js';
import type { Channel, ResponseOf } from '../../electron/shared/contract.js';
import { openHandlerHarness, testDesktop, type HandlerHarness } from '../support/handler-harness.js';
import { populationHandedOver } from '../../electron/main/handlers/models-admin-handlers.js';
import { forgetPopulation } from '../../electron/main/handlers/population-cache.js';
import { tempDir } from '../support/paths.js';
import { newerModel as newerCandidate } from '../../demo/newer-model.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';

let harness: HandlerHarness;
let db: Db;
let services: HandlerServices;
let chosen: string[] = [];
let shippedVersion: string;
let dbPath: string;
const dir = tempDir('octroi-install-');

/** A copy of the shipped model with another version in its metadata, signed with the demo key. */
const newerModel = () => newerCandidate(dir, shippedVersion);

beforeAll(async () => {
  const desktop = testDesktop({ chooseFilesToOpen: async () => chosen });
  harness = await openHandlerHarness({ lang: 'en', desktop, models: { dir: path.join(dir, 'models'), basePath: SHIPPED_MODEL } });
  ({ db, services, dbPath } = harness);
  shippedVersion = harness.engine.modelVersion;
  createUser(db, { username: 'boss', displayName: 'B', role: 'manager', branch: '', password: 'manager password 1' });
  const signedIn = await harness.dispatch('auth:signIn', { username: 'boss', password: 'manager password 1' });
  expect(signedIn.ok).toBe(true);
}, 120_000);
afterAll(() => harness?.close());

const call = <C extends Channel>(channel: C, payload: unknown) => harness.call(channel, payload);
const installs = () => db.prepare('SELECT count(*) FROM model_install').pluck().get() as number;

describe('models:install and models:rollback', () => {
  it('refuses a tampered model file naming the check, and keeps the model in use', async () => {
    const file = path.join(dir, 'tampered', 'model.onnx');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const bytes = fs.readFileSync(newerModel());
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    fs.writeFileSync(file, bytes);
    fs.copyFileSync(`${path.join(dir, 'candidate', 'model.onnx')}.sig`, `${file}.sig`);
    const before = services.engine;
    chosen = [file];
    const result = await harness.dispatch('models:install', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'model-refused', message: expect.stringMatching(/altered or replaced after signing/) } });
    expect(services.engine).toBe(before);
    expect(installs()).toBe(0);
    expect(fs.existsSync(path.join(dir, 'models')) ? fs.readdirSync(path.join(dir, 'models')) : []).toEqual([]);
    chosen = [];
    expect(await harness.dispatch('models:install', {})).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    chosen = [SHIPPED_MODEL];
    expect(await harness.dispatch('models:install', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already the one in use/) } });
  });

  it('installs a verified model: copied, recorded, swapped in; scores come from it; rollback returns to the shipped one', async () => {
    const candidate = newerModel();
    const old = services.engine;
    const closed = vi.spyOn(old, 'close');
    const oldScore = await call('scoring:score', { clientId: 100002, lang: 'en' });
    chosen = [candidate];
    const installed = await call('models:install', {});
    expect(installed.previousVersion).toBe(shippedVersion);
    expect(installed.modelVersion).not.toBe(shippedVersion);
    expect(services.engine).not.toBe(old);
    expect(services.engine.modelVersion).toBe(installed.modelVersion);
    await populationHandedOver(services);
    expect(closed).toHaveBeenCalledOnce(); // the old engine's worker is stopped once the new one's scores are stored
    const copy = activeModelPath(db, SHIPPED_MODEL);
    expect(copy.startsWith(path.join(dir, 'models'))).toBe(true);
    expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(candidate));
    const score = await call('scoring:score', { clientId: 100002, lang: 'en' });
    expect(score.modelVersion).toBe(installed.modelVersion);
    expect(score.probability).toBe(oldScore.probability); // same trees, another version
    expect((await call('models:card', { lang: 'en' })).modelVersion).toBe(installed.modelVersion);
    const history = await call('models:history', {});
    expect(history).toMatchObject({ active: { modelVersion: installed.modelVersion }, canRollBack: true, installs: [{ action: 'install', modelVersion: installed.modelVersion, previousVersion: shippedVersion, username: 'boss' }] });

    const back = await call('models:rollback', {});
    expect(back).toMatchObject({ modelVersion: shippedVersion, previousVersion: installed.modelVersion });
    expect(services.engine.modelVersion).toBe(shippedVersion);
    expect(activeModelPath(db, SHIPPED_MODEL)).toBe(SHIPPED_MODEL);
    expect((await call('models:history', {})).canRollBack).toBe(false);
    expect(await harness.dispatch('models:rollback', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(installs()).toBe(2);
  });

  it('keeps the old model serving the figures until the new one’s scores are stored, and never serves its stored scores as the new one’s', async () => {
    await populationHandedOver(services);
    const byDecision = { feature: 'AMT_CREDIT', groupBy: 'decision', bins: 10, lang: 'en' } as const;
    await call('population:distribution', byDecision); // stored under the shipped model
    const shipped = services.engine;
    // The shipped model's stored scores replaced by zeros: figures read from them grant everyone.
    db.prepare('UPDATE score_column SET probabilities = zeroblob(length(probabilities)) WHERE model_sha256 = ?').run(shipped.model.signature.sha256);
    forgetPopulation(db, shipped);
    const refusedIn = (d: ResponseOf<'population:distribution'>) => d.groups.find((g) => g.group === 'refused')!.counts.reduce((a, b) => a + b, 0);
    expect(refusedIn(await call('population:distribution', byDecision))).toBe(0);

    // Nothing stored yet for the model about to be installed (the first test computed its scores).
    db.prepare(`DELETE FROM score_column WHERE model_sha256 != ?`).run(shipped.model.signature.sha256);
    db.prepare(`DELETE FROM materialised WHERE kind = 'scores' AND version != ?`).run(shipped.model.signature.sha256);
    neverBusyWait(db);
    chosen = [newerModel()];
    const installed = await call('models:install', {});
    // Another program holds the write lock: the new model's scores cannot be stored yet (the job waits).
    const blocker = openDatabase(dbPath, { key: keyOf(db) });
    blocker.exec('BEGIN IMMEDIATE');
    try {
      expect(await call('population:status', {})).toMatchObject({ stage: 'scores', modelVersion: installed.modelVersion, servingModelVersion: shippedVersion, done: false });
      expect(refusedIn(await call('population:distribution', byDecision))).toBe(0);
      const during = await call('fairness:report', { lang: 'en' });
      expect(during.modelVersion).toBe(shippedVersion);
      expect(during.groupings[0]!.model.groups.every((g) => g.approved === g.count)).toBe(true);
      expect((await call('monitoring:drift', { lang: 'en' })).modelVersion).toBe(shippedVersion);
      expect((await call('scoring:score', { clientId: 100002, lang: 'en' })).modelVersion).toBe(installed.modelVersion);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    await populationHandedOver(services);
    expect(await call('population:status', {})).toBeNull();
    // The new model's own scores: some clients refused, and the reports say which model they come from.
    expect(refusedIn(await call('population:distribution', byDecision))).toBeGreaterThan(0);
    const after = await call('fairness:report', { lang: 'en' });
    expect(after.modelVersion).toBe(installed.modelVersion);
    expect(after.groupings[0]!.model.groups.some((g) => g.approved < g.count)).toBe(true);
    expect((await call('monitoring:drift', { lang: 'en' })).modelVersion).toBe(installed.modelVersion);
  });
});
