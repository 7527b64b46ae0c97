/**
 * Governance through the real IPC router on the synthetic fixture database with the shipped model: sign-in
 * (one message for a wrong name or password, throttling, lock after inactivity), roles (an officer or
 * nobody cannot set the policy, install a model, create accounts or review, and nothing is written), the
 * decision log (record against a fresh score under the policy in force, override direction checked,
 * contest, review, list, audit:status), and the policy with its cost curve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { createUser } from '../../db/users.js';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import { costCurve } from '../../model/governance/policy.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import type { HandlerServices } from '../../electron/main/handlers/handler-services.js';
import { WRONG_CREDENTIALS } from '../../electron/main/handlers/auth-handlers.js';
import { population } from '../../electron/main/handlers/population-cache.js';
import type { Channel, ResponseOf } from '../../electron/shared/contract.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';

const OFFICER = { username: 'agent', password: 'officer password 1' };
const MANAGER = { username: 'boss', password: 'manager password 1' };
const MANAGER2 = { username: 'boss2', password: 'manager password 2' };

let db: Db;
let engine: ScoringEngine;
let harness: HandlerHarness;
let services: HandlerServices;
let granted: number;
let refused: number;

beforeAll(async () => {
  harness = await openHandlerHarness({ lang: 'en' });
  ({ db, engine, services } = harness);
  createUser(db, { ...OFFICER, displayName: 'Agent A', role: 'officer', branch: 'Lyon 3' });
  createUser(db, { ...MANAGER, displayName: 'Boss B', role: 'manager', branch: 'Lyon 3' });
  createUser(db, { ...MANAGER2, displayName: 'Boss C', role: 'manager', branch: 'Lyon 1' });
  // A client the model grants and one it refuses, under its own threshold.
  const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR LIMIT 60').pluck().all() as number[];
  const scores = await Promise.all(ids.map((id) => scoreClient(db, engine, id, { lang: 'en' })));
  granted = scores.find((s) => s.decision === 'granted')!.clientId!;
  refused = scores.find((s) => s.decision === 'refused')!.clientId!;
}, 120_000);
afterAll(() => harness?.close());

const dispatch = (channel: Channel, payload: unknown) => harness.dispatch(channel, payload);
const call = <C extends Channel>(channel: C, payload: unknown) => harness.call(channel, payload);
const signIn = (who: { username: string; password: string }) => call('auth:signIn', who);
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('sign-in', () => {
  it('status before sign-in: nobody, accounts exist, 10-minute lock', async () => {
    await call('auth:signOut', {});
    expect(await call('auth:status', {})).toEqual({ user: null, lockAfterMinutes: 10, hasUsers: true, demoKeyTrusted: true, scoringDisabled: null });
  });

  it('signs in with the right password; one message for a wrong password and an unknown name', async () => {
    const user = await signIn(OFFICER);
    expect(user).toMatchObject({ username: 'agent', role: 'officer', branch: 'Lyon 3', displayName: 'Agent A' });
    expect((await call('auth:status', {})).user).toEqual(user);
    const wrong = await dispatch('auth:signIn', { username: 'agent', password: 'not the password' });
    const unknown = await dispatch('auth:signIn', { username: 'nobody', password: 'not the password' });
    expect(wrong).toEqual({ ok: false, error: { code: 'unauthenticated', message: WRONG_CREDENTIALS } });
    expect(unknown).toEqual(wrong);
    expect(JSON.stringify(wrong)).not.toMatch(/password is|unknown user|no such/i);
  });

  it('after 5 failures for a name the wait starts and is said; even the right password waits', async () => {
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await dispatch('auth:signIn', { username: 'boss2', password: `guess number ${i}` });
      messages.push(r.ok ? 'signed in' : r.error.message);
    }
    expect(messages.slice(0, 4)).toEqual(Array(4).fill(WRONG_CREDENTIALS));
    expect(messages[4]).toBe(`${WRONG_CREDENTIALS} Too many failures: wait 30 seconds before trying again.`);
    const right = await dispatch('auth:signIn', MANAGER2);
    expect(right).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/^Too many failed sign-ins for this account: try again in \d+ seconds\.$/) } });
    // Other names are not held up.
    expect(await signIn(MANAGER)).toMatchObject({ username: 'boss' });
  });

  it('lock: clears the session; a session idle longer than the lock delay is signed out in main', async () => {
    await signIn(OFFICER);
    await call('auth:lock', {});
    expect((await call('auth:status', {})).user).toBeNull();
    await signIn(OFFICER);
    services.session.lastActivity = Date.now() - 11 * 60_000;
    const r = await dispatch('decisions:contest', { decisionId: 1, comment: 'a contest that must not be written' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/locked/) } });
    expect(services.session.user).toBeNull();
    await signIn(OFFICER);
    services.session.lastActivity = Date.now() - 11 * 60_000;
    expect((await call('auth:status', {})).user).toBeNull();
  });
});

describe('roles are checked in main, and a refused call writes nothing', () => {
  const guarded: Array<[Channel, object]> = [
    ['policy:setThreshold', { threshold: 0.2, reason: 'Officer trying' }],
    ['models:install', {}],
    ['models:rollback', {}],
    ['users:create', { username: 'mallory', displayName: 'M', role: 'manager', branch: '', password: 'a long enough password' }],
    ['users:list', {}],
    ['users:disable', { username: 'boss' }],
    ['decisions:review', { decisionId: 1, outcome: 'changed', comment: 'Officer reviewing their own work' }],
  ];
  const tables = ['policy_change', 'model_install', 'app_user', 'decision_log'];

  it('an officer gets forbidden on every manager verb', async () => {
    await signIn(OFFICER);
    const before = tables.map(count);
    for (const [channel, payload] of guarded) {
      const r = await dispatch(channel, payload);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only a manager may do this; agent is an officer.' } });
    }
    expect(tables.map(count)).toEqual(before);
    expect(db.prepare("SELECT disabled_at FROM app_user WHERE username = 'boss'").pluck().get()).toBeNull();
  });

  it('nobody signed in gets unauthenticated on every verb that records or needs a role', async () => {
    await call('auth:signOut', {});
    const before = tables.map(count);
    const recording: Array<[Channel, object]> = [
      ...guarded,
      ['decisions:record', { clientId: granted, decision: 'granted', reasonCode: 'model-decision', comment: '' }],
      ['decisions:contest', { decisionId: 1, comment: 'Nobody is signed in here' }],
    ];
    for (const [channel, payload] of recording) {
      expect(await dispatch(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(tables.map(count)).toEqual(before);
  });

  it('a manager manages accounts: create (bad password named), list without hashes, disable (not oneself)', async () => {
    await signIn(MANAGER);
    const bad = await dispatch('users:create', { username: 'cdurand', displayName: 'C. Durand', role: 'officer', branch: 'Lyon 3', password: 'short' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'password', message: expect.stringMatching(/at least 10 characters/) }] } });
    const created = await call('users:create', { username: 'cdurand', displayName: 'C. Durand', role: 'officer', branch: 'Lyon 3', password: 'a long enough password' });
    expect(created).toMatchObject({ username: 'cdurand', role: 'officer', disabledAt: null });
    expect(await dispatch('users:create', { username: 'CDURAND', displayName: 'x', role: 'officer', branch: '', password: 'a long enough password' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const { users } = await call('users:list', {});
    expect(users.map((u) => u.username)).toEqual(['agent', 'boss', 'boss2', 'cdurand']);
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/);
    expect(await dispatch('users:disable', { username: 'boss' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await call('users:disable', { username: 'cdurand' })).disabledAt).not.toBeNull();
    expect(await dispatch('auth:signIn', { username: 'cdurand', password: 'a long enough password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'This account is disabled: ask a manager.' } });
  });
});

describe('decisions', () => {
  it('records a decision against a fresh score under the policy in force, with the user and branch', async () => {
    await signIn(OFFICER);
    const direct = await scoreClient(db, engine, granted, { lang: 'en' });
    const entry = await call('decisions:record', { clientId: granted, decision: 'granted', reasonCode: 'model-decision', comment: 'Standard file' });
    expect(entry).toMatchObject({
      kind: 'decision',
      clientId: granted,
      decision: 'granted',
      overrideDirection: null,
      modelDecision: 'granted',
      probability: direct.probability,
      threshold: engine.threshold,
      modelVersion: engine.modelVersion,
      recordedBy: 'agent',
    });
    expect(db.prepare('SELECT branch, user_id FROM decision_log WHERE seq = ?').get(entry.decisionId)).toEqual({ branch: 'Lyon 3', user_id: 1 });
    expect(db.prepare('SELECT count(*) FROM score_event WHERE client_id = ?').pluck().get(granted)).toBe(1);
    const again = await dispatch('decisions:record', { clientId: granted, decision: 'granted', reasonCode: 'model-decision', comment: '' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already has a recorded decision/) } });
  });

  it('refuses a decision that departs from the model without an override, and an override in the wrong direction', async () => {
    await signIn(OFFICER);
    const before = count('decision_log');
    const plain = await dispatch('decisions:record', { clientId: refused, decision: 'granted', reasonCode: 'model-decision', comment: '' });
    expect(plain).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/The model refuses this application .*record an override/) } });
    const wrongWay = await dispatch('decisions:record', { clientId: refused, decision: 'override', overrideDirection: 'refuse', reasonCode: 'debt-too-high', comment: 'Already refused by the model' });
    expect(wrongWay).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'overrideDirection', message: expect.stringMatching(/can only grant it/) }] } });
    const noReason = await dispatch('decisions:record', { clientId: refused, decision: 'override', overrideDirection: 'grant', reasonCode: 'model-decision', comment: 'Granted against the model' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'reasonCode' }] } });
    expect(await dispatch('decisions:record', { clientId: 999_999_999, decision: 'granted', reasonCode: 'model-decision', comment: '' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(count('decision_log')).toBe(before);
  });

  it('override, contest, review (by another manager; changed flips the decision that stands), list, audit', async () => {
    await signIn(OFFICER);
    const override = await call('decisions:record', { clientId: refused, decision: 'override', overrideDirection: 'grant', reasonCode: 'guarantor', comment: 'Parent stands as guarantor' });
    expect(override).toMatchObject({ decision: 'override', overrideDirection: 'grant', modelDecision: 'refused' });
    const contest = await call('decisions:contest', { decisionId: override.decisionId, comment: 'The client says the guarantor withdrew.' });
    expect(contest).toMatchObject({ kind: 'contest', refersTo: override.decisionId, clientId: refused, recordedBy: 'agent' });
    expect(await dispatch('decisions:contest', { decisionId: contest.decisionId, comment: 'contesting a contest makes no sense' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatch('decisions:contest', { decisionId: 9999, comment: 'no such decision at all' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await signIn(MANAGER);
    const review = await call('decisions:review', { decisionId: override.decisionId, outcome: 'changed', comment: 'Guarantor withdrew: refused as the model said.' });
    expect(review).toMatchObject({ kind: 'review', outcome: 'changed', decision: 'refused', refersTo: override.decisionId, recordedBy: 'boss' });
    const upheld = await call('decisions:review', { decisionId: override.decisionId, outcome: 'upheld', comment: 'Second look: the refusal stands.' });
    expect(upheld.decision).toBe('refused');
    const list = await call('decisions:list', { clientId: refused, offset: 0, limit: 10 });
    expect(list.total).toBe(4);
    expect(list.decisions.map((d) => d.kind)).toEqual(['review', 'review', 'contest', 'decision']);
    const all = await call('decisions:list', { offset: 0, limit: 500 });
    expect(all.total).toBe(count('decision_log'));
    expect(await call('audit:status', {})).toMatchObject({ ok: true, entries: count('decision_log'), firstBad: null });
  });

  it('a manager cannot review a decision they took', async () => {
    await signIn(MANAGER);
    const other = db.prepare('SELECT SK_ID_CURR FROM application WHERE SK_ID_CURR NOT IN (SELECT client_id FROM decision_log) ORDER BY SK_ID_CURR LIMIT 40').pluck().all() as number[];
    let own: ResponseOf<'decisions:record'> | undefined;
    for (const id of other) {
      const score = await call('scoring:score', { clientId: id, lang: 'en' });
      if (score.decision === 'granted') {
        own = await call('decisions:record', { clientId: id, decision: 'granted', reasonCode: 'model-decision', comment: '' });
        break;
      }
    }
    expect(await dispatch('decisions:review', { decisionId: own!.decisionId, outcome: 'upheld', comment: 'Reviewing my own decision' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/another manager/) },
    });
  });
});

describe('policy', () => {
  it('policy:get: the model threshold until changed, and a sane cost curve on the fixture', async () => {
    const policy = await call('policy:get', {});
    expect(policy).toMatchObject({ threshold: engine.threshold, modelThreshold: engine.threshold, changedBy: null, changedAt: null, cost: engine.model.metadata.cost });
    const at = (t: number) => policy.curve.find((p) => Math.abs(p.threshold - t) < 1e-12)!;
    expect(at(engine.threshold).cost).toBeLessThanOrEqual(at(0.5).cost);
    const grant = policy.curve.map((p) => p.grantRate);
    for (let i = 1; i < grant.length; i++) expect(grant[i]!).toBeGreaterThanOrEqual(grant[i - 1]!);
    expect(grant.at(-1)!).toBeGreaterThan(grant[0]!);
    // One point checked by hand against the population's scores and outcomes.
    const pop = await population(db, engine);
    let defaultsGranted = 0, goodRefused = 0, labelled = 0, grantedAll = 0;
    pop.probabilities.forEach((p, i) => {
      if (p < 0.2) grantedAll++;
      if (pop.targets[i] === 1) { labelled++; if (p < 0.2) defaultsGranted++; }
      if (pop.targets[i] === 0) { labelled++; if (p >= 0.2) goodRefused++; }
    });
    const { fn, fp } = engine.model.metadata.cost;
    expect(at(0.2).cost).toBeCloseTo((fn * defaultsGranted + fp * goodRefused) / labelled, 12);
    expect(at(0.2).grantRate).toBeCloseTo(grantedAll / pop.probabilities.length, 12);
    // A default granted (costs fn = 10) and a good client refused (fp = 1): (10 + 1) / 2 per application.
    expect(costCurve([0.1, 0.9], [1, 0], { fn: 10, fp: 1 }, [0.5])).toEqual([{ threshold: 0.5, cost: 5.5, grantRate: 0.5, defaultRate: 1 }]);
  });

  it('a manager sets the threshold (recorded with the reason); scoring then decides with it unless asked otherwise', async () => {
    await signIn(MANAGER);
    const set = await call('policy:setThreshold', { threshold: 0.9, reason: 'Test of a lenient policy' });
    expect(set).toMatchObject({ previous: engine.threshold, threshold: 0.9, changedBy: 'boss' });
    expect(db.prepare('SELECT model_version, previous, threshold, reason, username FROM policy_change ORDER BY change_id DESC LIMIT 1').get()).toEqual({
      model_version: engine.modelVersion,
      previous: engine.threshold,
      threshold: 0.9,
      reason: 'Test of a lenient policy',
      username: 'boss',
    });
    const policy = await call('policy:get', {});
    expect(policy).toMatchObject({ threshold: 0.9, modelThreshold: engine.threshold, changedBy: 'boss' });
    expect(await call('scoring:score', { clientId: refused, lang: 'en' })).toMatchObject({ threshold: 0.9 });
    expect(await call('scoring:score', { clientId: refused, lang: 'en', threshold: 0.01 })).toMatchObject({ threshold: 0.01, decision: 'refused' });
    const byDecision = await call('population:distribution', { feature: 'AMT_CREDIT', groupBy: 'decision', bins: 5, lang: 'en' });
    const refusedCount = byDecision.groups.find((g) => g.group === 'refused')!;
    expect(refusedCount.counts.reduce((a, b) => a + b, 0) + refusedCount.missing).toBe(Array.from((await population(db, engine)).probabilities).filter((p) => p >= 0.9).length);
    await call('policy:setThreshold', { threshold: engine.threshold, reason: 'Back to the model threshold' });
  });
});

describe('audit:status on a tampered log', () => {
  it('names the first altered entry, and the app keeps answering', async () => {
    db.exec('DROP TRIGGER decision_log_no_update');
    db.prepare("UPDATE decision_log SET comment = 'rewritten' WHERE seq = 2").run();
    const status = await call('audit:status', {});
    expect(status).toMatchObject({ ok: false, firstBad: { seq: 2, problem: 'altered', message: 'entry 2 was altered: its content does not match its hash' } });
    expect((await call('decisions:list', { offset: 0, limit: 5 })).total).toBe(count('decision_log'));
  });
});
