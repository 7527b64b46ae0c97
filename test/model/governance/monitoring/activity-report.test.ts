/**
 * Activity figures on the synthetic fixture: approval by month from score events (last score of a client in
 * a month) and from decisions recorded through the decision log's own append; override rates per officer
 * and branch with the 10 % warning; default rate by band on constructed and fixture populations
 * (and on real clients in test/real-data/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../../../db/decision-log.js';
import type { Db } from '../../../../db/open-database.js';
import { activityByMonth, defaultsByBand, OVERRIDE_WARN_RATE } from '../../../../model/governance/monitoring/activity-report.js';
import { fixtureDatabase } from '../../../support/fixture-db.js';
import { expectDefaultsRiseByBand } from '../../../support/model-checks.js';

let db: Db;
let ids: number[];

function addUser(userId: number, username: string, branch: string): void {
  db.prepare(
    `INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (?, ?, ?, 'officer', ?, 'scrypt$test', '2026-01-01T00:00:00.000Z')`,
  ).run(userId, username, `Officer ${username}`, branch);
}

function decide(userId: number, clientId: number, at: string, decision: 'granted' | 'refused' | 'override', direction: 'grant' | 'refuse' | null = null): void {
  const user = db.prepare('SELECT username, branch FROM app_user WHERE user_id = ?').get(userId) as { username: string; branch: string };
  appendLogEntry(db, {
    kind: 'decision',
    client_id: clientId,
    decision,
    override_direction: direction,
    reason_code: decision === 'override' ? 'guarantor' : 'model-decision',
    comment: decision === 'override' ? 'Guarantor provided by a parent' : '',
    model_decision: direction === 'grant' ? 'refused' : 'granted',
    probability: 0.05,
    threshold: 0.1,
    model_version: 'test',
    refers_to: null,
    user_id: userId,
    username: user.username,
    branch: user.branch,
    recorded_at: at,
  });
}

beforeAll(async () => {
  ({ db } = await fixtureDatabase());
  ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
  addUser(1, 'alice', 'Lyon');
  addUser(2, 'bruno', 'Lyon');
  addUser(3, 'chloe', 'Nantes');
  const event = db.prepare(`INSERT INTO score_event (client_id, model_version, probability, threshold, model_decision, user_id, scored_at) VALUES (?, 'test', ?, 0.1, ?, 1, ?)`);
  // March: 10 clients, 7 granted; client 0 scored refused first, then granted later the same month (counts once, granted).
  ids.slice(0, 10).forEach((id, i) => event.run(id, i < 7 ? 0.05 : 0.2, i < 7 ? 'granted' : 'refused', `2026-03-0${1 + (i % 8)}T10:00:00.000Z`));
  event.run(ids[0], 0.2, 'refused', '2026-03-01T08:00:00.000Z');
  // May: 4 clients, 1 granted.
  ids.slice(10, 14).forEach((id, i) => event.run(id, i === 0 ? 0.05 : 0.3, i === 0 ? 'granted' : 'refused', `2026-05-12T10:00:00.000Z`));
  // Decisions: alice 20 in March with 1 override (5 %); bruno 10 in May with 2 overrides (20 %); chloe 5 in May, none.
  for (let i = 0; i < 20; i++) decide(1, ids[i]!, `2026-03-${String(10 + (i % 10)).padStart(2, '0')}T11:00:00.000Z`, i === 0 ? 'override' : i < 15 ? 'granted' : 'refused', i === 0 ? 'grant' : null);
  for (let i = 0; i < 10; i++) decide(2, ids[100 + i]!, '2026-05-20T11:00:00.000Z', i < 2 ? 'override' : 'granted', i === 0 ? 'grant' : i === 1 ? 'refuse' : null);
  for (let i = 0; i < 5; i++) decide(3, ids[200 + i]!, '2026-05-21T11:00:00.000Z', 'refused');
  // A contest is not a decision.
  appendLogEntry(db, { kind: 'contest', client_id: ids[0]!, decision: null, override_direction: null, reason_code: null, comment: 'I disagree', model_decision: null, probability: null, threshold: null, model_version: null, refers_to: 1, user_id: 1, username: 'alice', branch: 'Lyon', recorded_at: '2026-05-25T11:00:00.000Z' });
}, 120_000);
afterAll(() => db?.close());

describe('activityByMonth', () => {
  it('gives the model approval and the final approval by month, with override rates', () => {
    const { months } = activityByMonth(db, { months: 3 });
    expect(months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05']);
    const [march, april, may] = months;
    expect(march).toMatchObject({ scored: 10, modelGranted: 7, modelApprovalRate: 0.7, decided: 20, finalGranted: 15, overrides: 1 });
    expect(march!.finalApprovalRate).toBeCloseTo(15 / 20, 12);
    expect(march!.overrideRate).toBeCloseTo(0.05, 12);
    expect(april).toMatchObject({ scored: 0, modelApprovalRate: null, decided: 0, finalApprovalRate: null, overrideRate: null });
    // May: bruno 8 granted + 1 override to grant, 1 override to refuse; chloe 5 refused.
    expect(may).toMatchObject({ scored: 4, modelGranted: 1, decided: 15, finalGranted: 9, overrides: 2 });
  });

  it('flags officers and branches whose override rate is above 10 %', () => {
    const { officers, branches } = activityByMonth(db, { months: 12 });
    expect(OVERRIDE_WARN_RATE).toBe(0.1);
    expect(officers.map((o) => [o.username, o.displayName, o.branch, o.decisions, o.overrides, o.toGrant, o.toRefuse, o.warn])).toEqual([
      ['alice', 'Officer alice', 'Lyon', 20, 1, 1, 0, false],
      ['bruno', 'Officer bruno', 'Lyon', 10, 2, 1, 1, true],
      ['chloe', 'Officer chloe', 'Nantes', 5, 0, 0, 0, false],
    ]);
    expect(officers[1]!.overrideRate).toBeCloseTo(0.2, 12);
    // Lyon: 3 overrides of 30 decisions = exactly 10 %: not above, no warning.
    expect(branches.map((b) => [b.branch, b.decisions, b.overrides, b.warn])).toEqual([
      ['Lyon', 30, 3, false],
      ['Nantes', 5, 0, false],
    ]);
    expect(branches[0]!.overrideRate).toBeCloseTo(0.1, 12);
    // May alone: Lyon is bruno's 2 of 10.
    expect(activityByMonth(db, { months: 1, until: '2026-05' }).branches[0]).toMatchObject({ branch: 'Lyon', decisions: 10, overrides: 2, warn: true });
  });
});

describe('defaultsByBand', () => {
  it('counts defaults per band relative to the threshold, ignoring unknown outcomes', () => {
    // Threshold 0.3: A < 0.1 ≤ B < 0.2 ≤ C < 0.3 ≤ D < 0.6 ≤ E.
    const result = defaultsByBand(
      { probabilities: [0.05, 0.05, 0.15, 0.25, 0.25, 0.4, 0.7, 0.7, 0.7], targets: [0, 0, 0, 1, 0, 1, 1, 1, NaN] },
      0.3,
    );
    expect(result.clients).toBe(8);
    expect(result.bands.map((b) => [b.band, b.clients, b.defaults, b.defaultRate])).toEqual([
      ['A', 2, 0, 0],
      ['B', 1, 0, 0],
      ['C', 2, 1, 0.5],
      ['D', 1, 1, 1],
      ['E', 2, 2, 1],
    ]);
    expect(result.bands[3]).toMatchObject({ from: 0.3, to: 0.6 });
  });

  it('on the fixture, defaults rise from the best band to the worst (the model ranks its clients)', async () => {
    await expectDefaultsRiseByBand(db);
  }, 120_000);
});
