/**
 * New applications through the real IPC router on the synthetic fixture database with the shipped model:
 * the form's definition, validation naming each bad field, scoring on the spot (identical to scoring the
 * client once saved), saving (one row in each table, nothing on failure, refused without a session).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import type { Channel, RequestOf } from '../../electron/shared/contract.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';
import { APPLICATION_COLUMNS_SQL } from '../support/application-columns.js';

let harness: HandlerHarness;
let db: Db;
let engine: ScoringEngine;
let officer: { userId: number; username: string; displayName: string; role: 'officer'; branch: string };

beforeAll(async () => {
  harness = await openHandlerHarness();
  ({ db, engine } = harness);
  const userId = Number(
    db
      .prepare("INSERT INTO app_user (username, display_name, role, branch, password_hash, created_at) VALUES ('agent', 'Agent Test', 'officer', 'Lyon', 'x', ?)")
      .run(new Date().toISOString()).lastInsertRowid,
  );
  officer = { userId, username: 'agent', displayName: 'Agent Test', role: 'officer', branch: 'Lyon' };
}, 60_000);
afterAll(() => harness?.close());
beforeEach(() => {
  harness.signIn(officer);
});

const call = <C extends Channel>(channel: C, payload: RequestOf<C>) => harness.call(channel, payload);
const failure = <C extends Channel>(channel: C, payload: RequestOf<C>) => harness.failure(channel, payload);

/** A fixture client's application as a form would send it (no id, no outcome, missing fields left out). */
function recordOf(clientId: number): Record<string, string | number> {
  const row = db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application WHERE SK_ID_CURR = ?`).get(clientId) as Record<string, unknown>;
  const record: Record<string, string | number> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === 'SK_ID_CURR' || column === 'TARGET' || value === null) continue;
    record[column] = value as string | number;
  }
  return record;
}

const count = (table: string) => db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
const counts = () => ({ application: count('application'), app_application: count('app_application'), score_event: count('score_event') });

describe('applications:fields', () => {
  it('gives the form in both languages: labels, widgets, required fields, vocabularies, sex and age asked but not used by the score', async () => {
    const fr = (await call('applications:fields', { lang: 'fr' })).fields;
    const en = (await call('applications:fields', { lang: 'en' })).fields;
    expect(fr.map((f) => f.name)).toEqual(en.map((f) => f.name));
    const byName = new Map(en.map((f) => [f.name, f]));
    expect(byName.get('DAYS_BIRTH')).toMatchObject({ label: 'Age', widget: 'years-ago', unit: 'years', required: true, usedByModel: false });
    expect(fr.find((f) => f.name === 'DAYS_BIRTH')!.label).toBe('Âge');
    expect(byName.get('DAYS_EMPLOYED')).toMatchObject({ widget: 'years-ago-or-none', noneValue: 365243 });
    expect(byName.get('AMT_CREDIT')).toMatchObject({ widget: 'money', unit: 'money', required: true, min: 0, minExclusive: true });
    expect(byName.get('CODE_GENDER')).toMatchObject({ widget: 'select', usedByModel: false, required: false });
    expect(byName.get('NAME_INCOME_TYPE')!.options!.map((o) => o.value)).toContain('Pensioner');
    expect(byName.get('FLAG_OWN_CAR')!.options).toEqual([{ value: 'Y', label: 'Yes' }, { value: 'N', label: 'No' }]);
    expect(byName.get('NAME_CONTRACT_TYPE')!.defaultValue).toBe('Cash loans');
    expect(byName.has('SK_ID_CURR')).toBe(false);
    expect(byName.has('TARGET')).toBe(false);
  });
});

describe('applications:validate', () => {
  it('accepts a real application and lists every bad field by its name', async () => {
    expect(await call('applications:validate', { record: recordOf(100002) })).toEqual({ valid: true, issues: [] });
    const bad = { ...recordOf(100002), AMT_CREDIT: -5, DAYS_BIRTH: -1000, NAME_INCOME_TYPE: 'Astronaut' };
    delete (bad as Record<string, unknown>).NAME_HOUSING_TYPE;
    const { valid, issues } = await call('applications:validate', { record: bad });
    expect(valid).toBe(false);
    const fields = new Map(issues.map((i) => [i.field, i.message]));
    expect([...fields.keys()].sort()).toEqual(['AMT_CREDIT', 'DAYS_BIRTH', 'NAME_HOUSING_TYPE', 'NAME_INCOME_TYPE']);
    expect(fields.get('AMT_CREDIT')).toMatch(/more than 0/);
    expect(fields.get('DAYS_BIRTH')).toMatch(/at least 18/);
    expect(fields.get('NAME_HOUSING_TYPE')).toBe('is required');
    expect(fields.get('NAME_INCOME_TYPE')).toMatch(/not a known value/);
  });
});

describe('applications:score and applications:save', () => {
  it('scores a new application on the spot; the saved client scores identically', async () => {
    const record = recordOf(100002);
    const before = counts();
    const onTheSpot = await call('applications:score', { record, lang: 'en' });
    expect(onTheSpot.clientId).toBeNull();
    expect(onTheSpot.reasons.length).toBeGreaterThan(0);
    const maxId = db.prepare('SELECT max(SK_ID_CURR) FROM application').pluck().get() as number;
    const { clientId } = await call('applications:save', { record });
    expect(clientId).toBe(maxId + 1);
    expect(counts()).toEqual({ application: before.application + 1, app_application: before.app_application + 1, score_event: before.score_event + 1 });
    const saved = await call('scoring:score', { clientId, lang: 'en' });
    expect(saved.probability).toBe(onTheSpot.probability);
    expect(saved.decision).toBe(onTheSpot.decision);
    expect(saved.reasons).toEqual(onTheSpot.reasons);
    expect(saved.explanation).toEqual(onTheSpot.explanation);
    expect(db.prepare('SELECT TARGET FROM application WHERE SK_ID_CURR = ?').pluck().get(clientId)).toBeNull();
    expect(db.prepare('SELECT user_id, username, branch FROM app_application WHERE client_id = ?').get(clientId)).toEqual({
      user_id: officer.userId,
      username: 'agent',
      branch: 'Lyon',
    });
    const event = db.prepare('SELECT * FROM score_event WHERE client_id = ?').get(clientId) as Record<string, unknown>;
    expect(event).toMatchObject({ probability: onTheSpot.probability, threshold: onTheSpot.threshold, model_decision: onTheSpot.decision, user_id: officer.userId });
    expect(event.model_version).toBe(engine.model.metadata.model_version);
    // The next save takes the next id.
    expect((await call('applications:save', { record })).clientId).toBe(clientId + 1);
  });

  it('gives the counter-offer of a refused application on request, none for a granted one', async () => {
    const risky = { ...recordOf(100002), EXT_SOURCE_1: 0.02, EXT_SOURCE_2: 0.01, EXT_SOURCE_3: 0.02, AMT_CREDIT: 1_500_000, AMT_ANNUITY: 90_000, AMT_INCOME_TOTAL: 60_000 };
    const refused = await call('applications:score', { record: risky, lang: 'fr', counterOffer: true });
    expect(refused.decision).toBe('refused');
    expect(refused.counterOffer).not.toBeNull();
    expect(refused.counterOffer!.requested.credit).toBe(1_500_000);
    const safe = { ...recordOf(100002), EXT_SOURCE_1: 0.9, EXT_SOURCE_2: 0.85, EXT_SOURCE_3: 0.9 };
    const granted = await call('applications:score', { record: safe, lang: 'fr', counterOffer: true });
    expect(granted.decision).toBe('granted');
    expect(granted.counterOffer).toBeNull();
  });

  it('decides under the policy threshold in force (a manager’s recorded change), not the model’s own', async () => {
    const record = recordOf(100002);
    const before = await call('applications:score', { record, lang: 'fr' });
    expect(before.threshold).toBe(engine.threshold);
    // A threshold just below this application's probability: the policy now refuses it.
    const threshold = Math.max(0.001, before.probability - 0.0001);
    db.prepare('INSERT INTO policy_change (model_version, previous, threshold, reason, user_id, username, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      engine.modelVersion, engine.threshold, threshold, 'test', officer.userId, 'agent', new Date().toISOString(),
    );
    try {
      const after = await call('applications:score', { record, lang: 'fr' });
      expect(after.threshold).toBe(threshold);
      expect(after.decision).toBe('refused');
      const { clientId } = await call('applications:save', { record });
      expect(db.prepare('SELECT threshold, model_decision FROM score_event WHERE client_id = ?').get(clientId)).toEqual({ threshold, model_decision: 'refused' });
    } finally {
      db.prepare('DELETE FROM policy_change').run();
    }
  });

  it('refuses an invalid record with the issues per field, and writes nothing', async () => {
    const before = counts();
    const bad = { ...recordOf(100002), AMT_ANNUITY: 10_000_000, CNT_FAM_MEMBERS: 0 };
    for (const channel of ['applications:score', 'applications:save'] as const) {
      const error = await failure(channel, channel === 'applications:score' ? { record: bad, lang: 'fr' } : { record: bad });
      expect(error.code).toBe('validation');
      expect(error.message).toMatch(/AMT_ANNUITY/);
      expect(error.issues!.map((i) => i.path).sort()).toEqual(['record.AMT_ANNUITY', 'record.CNT_FAM_MEMBERS']);
      expect(error.issues!.find((i) => i.path === 'record.AMT_ANNUITY')!.message).toMatch(/cannot exceed the credit amount/);
    }
    expect(counts()).toEqual(before);
  });

  it('refuses to save without a signed-in user, and writes nothing', async () => {
    harness.signIn(null);
    const before = counts();
    const error = await failure('applications:save', { record: recordOf(100003) });
    expect(error.code).toBe('unauthenticated');
    expect(counts()).toEqual(before);
  });

  it('rolls the whole save back when a write fails (no client without its author and score)', async () => {
    harness.signIn({ ...officer, userId: 999_999 }); // no such app_user row: the foreign key refuses app_application
    const before = counts();
    const error = await failure('applications:save', { record: recordOf(100003) });
    expect(error.code).toBe('internal');
    expect(counts()).toEqual(before);
  });
});
