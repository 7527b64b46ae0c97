/**
 * monitoring:drift, monitoring:activity and fairness:report through the real router on the fixture with
 * the shipped model: managers only (unauthenticated / forbidden otherwise), answers inside the contract and
 * equal to the model code's, cached until the data they read changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { activityByMonth } from '../../model/governance/monitoring/activity-report.js';
import { driftReport } from '../../model/governance/monitoring/drift-report.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { type HandlerServices, type SessionUser } from '../../electron/main/handlers/handler-services.js';
import type { Channel, ResponseOf } from '../../electron/shared/contract.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';
import { openShippedEngine } from '../support/shipped-engine.js';

const MANAGER: SessionUser = { userId: 2, username: 'manager', displayName: 'Manager', role: 'manager', branch: 'Lyon' };
const OFFICER: SessionUser = { userId: 1, username: 'agent', displayName: 'Agent', role: 'officer', branch: 'Lyon' };

let harness: HandlerHarness;
let db: Db;
let engine: ScoringEngine;
let services: HandlerServices;

beforeAll(async () => {
  harness = await openHandlerHarness();
  ({ db, engine, services } = harness);
  const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
  const insert = db.prepare(`INSERT INTO score_event (client_id, model_version, probability, threshold, model_decision, user_id, scored_at) VALUES (?, 'test', 0.05, 0.1, ?, NULL, ?)`);
  ids.slice(0, 600).forEach((id, i) => insert.run(id, i % 4 ? 'granted' : 'refused', '2026-09-15T10:00:00.000Z'));
  ids.slice(300, 900).forEach((id, i) => insert.run(id, i % 2 ? 'granted' : 'refused', '2026-10-15T10:00:00.000Z'));
}, 120_000);
afterAll(() => harness?.close());

async function dispatch<C extends Channel>(channel: C, payload: unknown, user: SessionUser | null) {
  harness.signIn(user);
  return harness.dispatch(channel, payload);
}

async function call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>> {
  const result = await dispatch(channel, payload, MANAGER);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as ResponseOf<C>;
}

describe('monitoring and fairness verbs', () => {
  it('are for managers only: unauthenticated without a session, forbidden for an officer', async () => {
    const requests: Array<[Channel, unknown]> = [
      ['monitoring:drift', { lang: 'fr' }],
      ['monitoring:activity', {}],
      ['fairness:report', { lang: 'en' }],
    ];
    for (const [channel, payload] of requests) {
      const anonymous = await dispatch(channel, payload, null);
      expect(anonymous.ok || anonymous.error.code).toBe('unauthenticated');
      const officer = await dispatch(channel, payload, OFFICER);
      expect(officer.ok || officer.error.code).toBe('forbidden');
      expect(officer.ok || officer.error.message).toMatch(/Only a manager may do this; agent is an officer/);
    }
  });

  it('monitoring:drift answers inside the contract with the drift report of the window', async () => {
    const drift = await call('monitoring:drift', { lang: 'en', months: 2, top: 8 });
    const direct = await driftReport(db, engine, { lang: 'en', months: 2, top: 8 });
    expect(drift.months).toEqual(['2026-09', '2026-10']);
    expect(drift.byMonth.map((m) => [m.month, m.rows, m.insufficient])).toEqual([
      ['2026-09', 600, false],
      ['2026-10', 600, false],
    ]);
    expect(drift.overall.rows).toBe(900);
    expect(drift.overall.features).toEqual(direct.overall.features);
    expect(drift.byMonth[1]!.score).toEqual(direct.byMonth[1]!.score);
    expect(drift.minSample).toBe(500);
    expect(drift.thresholds).toEqual({ watch: 0.1, drift: 0.25 });
    // Bad requests are refused by the contract, naming the field.
    const bad = await dispatch('monitoring:drift', { lang: 'en', until: '2026-13' }, MANAGER);
    expect(bad.ok || bad.error).toMatchObject({ code: 'invalid-request', issues: [{ path: 'until', message: 'a month (YYYY-MM)' }] });
  });

  it('is cached until a new score event, decision or policy change', async () => {
    const first = await call('monitoring:drift', { lang: 'fr', months: 3 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await call('monitoring:drift', { lang: 'fr', months: 3 });
    expect(again.computedAt).toBe(first.computedAt);
    db.prepare(`INSERT INTO score_event (client_id, model_version, probability, threshold, model_decision, user_id, scored_at) VALUES (100002, 'test', 0.05, 0.1, 'granted', NULL, '2026-11-02T10:00:00.000Z')`).run();
    const after = await call('monitoring:drift', { lang: 'fr', months: 3 });
    expect(after.computedAt).not.toBe(first.computedAt);
    expect(after.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(after.byMonth[2]).toMatchObject({ rows: 1, insufficient: true, score: { psi: null, status: 'insufficient' } });
    // A model install swaps the engine in the services: the handlers use the new one (and a fresh cache).
    const installed = await openShippedEngine();
    const previous = services.engine;
    services.engine = installed;
    try {
      const swapped = await call('monitoring:drift', { lang: 'fr', months: 3 });
      expect(swapped.computedAt).not.toBe(after.computedAt);
      expect(swapped.byMonth).toEqual(after.byMonth);
    } finally {
      services.engine = previous;
      await installed.close();
    }
  });

  it('monitoring:activity gives approvals by month and the default rate by band at the threshold in force', async () => {
    const activity = await call('monitoring:activity', { months: 3, until: '2026-10' });
    expect(activity.months.map((m) => [m.month, m.scored, m.modelGranted])).toEqual([
      ['2026-08', 0, 0],
      ['2026-09', 600, 450],
      ['2026-10', 600, 300],
    ]);
    expect(activity.months).toEqual(activityByMonth(db, { months: 3, until: '2026-10' }).months);
    expect(activity.overrideWarnRate).toBe(0.1);
    expect(activity.defaultsByBand.threshold).toBe(engine.threshold);
    expect(activity.defaultsByBand.clients).toBe(db.prepare('SELECT count(*) FROM application WHERE TARGET IS NOT NULL').pluck().get());
    // A manager's policy change moves the bands (and is seen at once: the cache knows the data changed).
    db.prepare(`INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (2, 'manager', 'Manager', 'manager', 'Lyon', 'scrypt$test', '2026-01-01T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO policy_change (model_version, previous, threshold, reason, user_id, username, changed_at) VALUES (?, ?, 0.2, 'test', 2, 'manager', '2026-11-01T00:00:00.000Z')`).run(engine.modelVersion, engine.threshold);
    const changed = await call('monitoring:activity', { months: 3, until: '2026-10' });
    expect(changed.defaultsByBand.threshold).toBe(0.2);
    expect(changed.defaultsByBand.bands[2]).toMatchObject({ band: 'C', to: 0.2 });
  });

  it('fairness:report answers inside the contract and states that neither sex, age nor family situation is a model input', async () => {
    const report = await call('fairness:report', { lang: 'fr' });
    expect(report.clients).toBe(db.prepare('SELECT count(*) FROM application').pluck().get());
    expect(report.attributes.map((a) => [a.attribute, a.modelInput])).toEqual([
      ['sex', false],
      ['age', false],
      ['family', false],
    ]);
    expect(report.attributes[1]!.statement).toMatch(/^Âge \(DAYS_BIRTH\) n’est pas une entrée du modèle/);
    expect(report.groupings.map((g) => g.attribute)).toEqual(['sex', 'age', 'family']);
    expect(report.groupings[0]!.model.groups.map((g) => g.label)).toEqual(['Femmes', 'Hommes', 'Non renseigné']);
  });
});
