/**
 * One decision per client, enforced by the database: the check and the append in one write transaction,
 * a unique partial index behind them (two connections, a raw INSERT), a database that already held a
 * second decision from before the index migrates and keeps it, and concurrent decisions:record through
 * the real router: one succeeds, the other is a 'conflict' in words.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDecision, appendLogEntry, DecisionExistsError, verifyDecisionLog, type NewLogEntry } from '../../db/decision-log.js';
import { importPaths } from '../../db/import/import-paths.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { openDatabase } from '../../db/open-database.js';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import { tableLines, writeLines } from '../support/home-credit-csv.js';
import { tempDir } from '../support/paths.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';
import { demoUser } from '../support/session.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

const decision = (clientId: number, userId: number): NewLogEntry & { kind: 'decision' } => ({
  kind: 'decision',
  client_id: clientId,
  decision: 'granted',
  override_direction: null,
  reason_code: 'model-decision',
  comment: '',
  model_decision: 'granted',
  probability: 0.04,
  threshold: 0.1,
  model_version: 'm',
  refers_to: null,
  user_id: userId,
  username: 'agent',
  branch: 'B',
});

describe('one decision per client in the database', () => {
  it('two connections to one file: the second decision is refused with who and when; a raw INSERT hits the unique index', () => {
    const file = path.join(tempDir('octroi-one-decision-'), 'branch.db');
    const a = openDatabase(file, { key: TEST_DB_KEY });
    const b = openDatabase(file, { key: TEST_DB_KEY });
    const user = demoUser(a, 'agent');
    appendDecision(a, decision(42, user.userId));
    expect(() => appendDecision(b, decision(42, user.userId))).toThrow(DecisionExistsError);
    expect(() => appendDecision(b, decision(42, user.userId))).toThrow(/^Client 42 already has a recorded decision \(entry 1, by agent, \d{4}-.*\); a change goes through a contest and a manager's review\.$/);
    // A writer that skips the check (the code of an older build, a script) meets the index.
    expect(() => appendLogEntry(b, decision(42, user.userId))).toThrow(/UNIQUE constraint failed: decision_log\.client_id/);
    // Contests and reviews of the client are not decisions: any number of them.
    appendLogEntry(b, { ...decision(42, user.userId), kind: 'contest', decision: null, reason_code: null, model_decision: null, refers_to: 1 });
    appendLogEntry(b, { ...decision(42, user.userId), kind: 'contest', decision: null, reason_code: null, model_decision: null, refers_to: 1 });
    expect(verifyDecisionLog(a)).toMatchObject({ ok: true, entries: 3 });
    a.close();
    b.close();
  });

  it('a database that already held two decisions for a client (before the index) migrates, keeps both, and takes no third', () => {
    const file = path.join(tempDir('octroi-legacy-decisions-'), 'old.db');
    const v2 = openDatabase(file, { key: TEST_DB_KEY, migrations: MIGRATIONS.slice(0, 2) });
    const user = demoUser(v2, 'agent');
    appendLogEntry(v2, decision(7, user.userId));
    appendLogEntry(v2, decision(7, user.userId)); // what two requests at once could do before
    v2.close();
    const migrated = openDatabase(file, { key: TEST_DB_KEY });
    expect(migrated.prepare("SELECT count(*) FROM decision_log WHERE client_id = 7 AND kind = 'decision'").pluck().get()).toBe(2);
    expect(() => appendDecision(migrated, decision(7, user.userId))).toThrow(DecisionExistsError);
    expect(() => appendLogEntry(migrated, decision(7, user.userId))).toThrow(/UNIQUE constraint failed/);
    appendDecision(migrated, decision(8, user.userId));
    expect(verifyDecisionLog(migrated)).toMatchObject({ ok: true, entries: 3 });
    migrated.close();
  });
});

describe('decisions:record at the same moment for one client', () => {
  let harness: HandlerHarness;

  beforeAll(async () => {
    const dir = tempDir('octroi-decision-race-');
    const dbPath = path.join(dir, 'branch.db');
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    const rows = [100_001, 100_002].map((id) => ({ SK_ID_CURR: id, NAME_CONTRACT_TYPE: 'Cash loans', AMT_INCOME_TOTAL: 180000, AMT_CREDIT: 450000, AMT_ANNUITY: 22500, DAYS_BIRTH: -15000, DAYS_EMPLOYED: -2000, EXT_SOURCE_2: 0.6, EXT_SOURCE_3: 0.55 }));
    const summary = await importPaths(db, [writeLines(dir, 'application.csv', tableLines('application', rows))]);
    expect(summary.refused).toEqual([]);
    harness = await openHandlerHarness({ database: { db, dbPath }, lang: 'en' });
  }, 120_000);
  afterAll(() => harness?.close());

  it('one is recorded, the other answers conflict naming the entry; one decision in the log', async () => {
    const { db, engine } = harness;
    harness.signIn('agent');
    const model = (await scoreClient(db, engine, 100_001, { lang: 'en' })).decision;
    const request = { clientId: 100_001, decision: model, reasonCode: 'model-decision', comment: '' };
    // Both pass the early check before either is scored and appended: the write transaction decides.
    const results = await Promise.all([harness.dispatch('decisions:record', request), harness.dispatch('decisions:record', { ...request, comment: 'second' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok) as { ok: false; error: { code: string; message: string } };
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toMatch(/^Client 100001 already has a recorded decision \(entry 1, by agent, .*\); a change goes through a contest and a manager's review\. \(It was recorded while this one was being scored\.\)$/);
    expect(db.prepare("SELECT count(*) FROM decision_log WHERE kind = 'decision' AND client_id = 100001").pluck().get()).toBe(1);
    expect(verifyDecisionLog(db).ok).toBe(true);
  });
});
