/**
 * The handlers behind the IPC contract, through the real router (createIpcRouter → dispatch) on the real
 * fixture database with the shipped model: every implemented channel answers inside the contract with
 * figures checked against SQL or the model code directly; unknown clients and features are not-found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import { counterOffer } from '../../model/scoring/counter-offer.js';
import { readClientRecords } from '../../model/features/read-client-records.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { IMPLEMENTED_CHANNELS } from '../../electron/main/register-handlers.js';
import { CHANNELS, type Channel } from '../../electron/shared/contract.js';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness.js';
import { APPLICATION_COLUMNS_SQL } from '../support/application-columns.js';

let harness: HandlerHarness;
let db: Db;
let engine: ScoringEngine;

beforeAll(async () => {
  harness = await openHandlerHarness({ signedIn: 'agent' });
  ({ db, engine } = harness);
}, 60_000);
afterAll(() => harness?.close());

const call = <C extends Channel>(channel: C, payload: unknown) => harness.call(channel, payload);

const sqlCount = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

describe('registerHandlers', () => {
  it('registers a handler for every channel of the contract', () => {
    expect([...harness.registered].sort()).toEqual([...IMPLEMENTED_CHANNELS].sort());
    expect([...harness.registered].sort()).toEqual([...CHANNELS].sort());
  });

  it('a channel without a handler would answer unknown-channel', async () => {
    const missing = CHANNELS.filter((c) => !harness.registered.includes(c));
    for (const channel of missing) {
      const result = await harness.dispatch(channel, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown-channel');
    }
  });
});

describe('clients', () => {
  it('clients:search finds ids by prefix (exact id first, index ranges) and nobody for letters', async () => {
    const { clients } = await call('clients:search', { query: '1000', limit: 100 });
    const expected = (db.prepare("SELECT SK_ID_CURR FROM application WHERE CAST(SK_ID_CURR AS TEXT) LIKE '1000%' ORDER BY length(CAST(SK_ID_CURR AS TEXT)), SK_ID_CURR LIMIT 100").pluck().all() as number[]);
    expect(expected.length).toBeGreaterThan(10);
    expect(clients.map((c) => c.clientId)).toEqual(expected);
    const exact = await call('clients:search', { query: ' 100002 ', limit: 3 });
    expect(exact.clients.map((c) => c.clientId)).toEqual([100002]);
    expect((await call('clients:search', { query: '10', limit: 5 })).clients).toHaveLength(5);
    expect((await call('clients:search', { query: 'Dupont' })).clients).toEqual([]);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT SK_ID_CURR FROM application WHERE SK_ID_CURR BETWEEN ? AND ? ORDER BY SK_ID_CURR LIMIT ?').all(1, 2, 3);
    expect(JSON.stringify(plan)).toMatch(/USING (INTEGER )?PRIMARY KEY|USING INDEX/);
  });

  it('clients:list pages through every client in id order with the total', async () => {
    const total = sqlCount('SELECT count(*) FROM application');
    const ids: number[] = [];
    for (let offset = 0; offset < total; offset += 400) {
      const page = await call('clients:list', { offset, limit: 400 });
      expect(page.total).toBe(total);
      ids.push(...page.clients.map((c) => c.clientId));
    }
    expect(ids).toEqual(db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all());
    const first = (await call('clients:list', { offset: 0, limit: 1 })).clients[0]!;
    const row = db.prepare('SELECT * FROM application WHERE SK_ID_CURR = ?').get(first.clientId) as Record<string, number | string | null>;
    expect(first.credit).toBe(row.AMT_CREDIT);
    expect(first.outcome).toBe(row.TARGET === 1 ? 'defaulted' : row.TARGET === 0 ? 'repaid' : null);
    expect(first.ageYears).toBeCloseTo(-(row.DAYS_BIRTH as number) / 365.25, 1);
  });

  it('clients:get 100002: the application row and history counts equal SQL counts', async () => {
    const file = await call('clients:get', { clientId: 100002 });
    const row = db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application WHERE SK_ID_CURR = 100002`).get() as Record<string, unknown>;
    expect(Object.keys(file.application)).toEqual(Object.keys(row));
    expect(file.application.AMT_CREDIT).toBe(row.AMT_CREDIT);
    expect(file.client.outcome).toBe('defaulted'); // 100002 is the first defaulter of Home Credit's training set
    const h = file.history;
    expect(h.bureau.credits).toBe(sqlCount('SELECT count(*) FROM bureau WHERE SK_ID_CURR = 100002'));
    expect(h.bureau.credits).toBeGreaterThan(0);
    expect(h.bureau.active).toBe(sqlCount("SELECT count(*) FROM bureau WHERE SK_ID_CURR = 100002 AND CREDIT_ACTIVE = 'Active'"));
    expect(h.bureau.closed).toBe(sqlCount("SELECT count(*) FROM bureau WHERE SK_ID_CURR = 100002 AND CREDIT_ACTIVE = 'Closed'"));
    expect(h.previousApplications.count).toBe(sqlCount('SELECT count(*) FROM previous_application WHERE SK_ID_CURR = 100002'));
    expect(h.previousApplications.approved).toBe(sqlCount("SELECT count(*) FROM previous_application WHERE SK_ID_CURR = 100002 AND NAME_CONTRACT_STATUS = 'Approved'"));
    expect(h.instalments.count).toBe(sqlCount('SELECT count(*) FROM installments_payments WHERE SK_ID_CURR = 100002'));
    expect(h.instalments.late).toBe(sqlCount('SELECT count(*) FROM installments_payments WHERE SK_ID_CURR = 100002 AND DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT'));
    expect(h.posCash.months).toBe(sqlCount('SELECT count(*) FROM POS_CASH_balance WHERE SK_ID_CURR = 100002'));
  });

  it('a client with history in every table: refused previous applications, card months and max balance equal SQL', async () => {
    const id = sqlCount(
      "SELECT p.SK_ID_CURR FROM previous_application p JOIN credit_card_balance c USING (SK_ID_CURR) WHERE p.NAME_CONTRACT_STATUS = 'Refused' ORDER BY p.SK_ID_CURR LIMIT 1",
    );
    const { history } = await call('clients:get', { clientId: id });
    expect(history.previousApplications.refused).toBe(sqlCount("SELECT count(*) FROM previous_application WHERE SK_ID_CURR = ? AND NAME_CONTRACT_STATUS = 'Refused'", id));
    expect(history.previousApplications.refused).toBeGreaterThan(0);
    expect(history.creditCards.months).toBe(sqlCount('SELECT count(*) FROM credit_card_balance WHERE SK_ID_CURR = ?', id));
    expect(history.creditCards.maxBalance).toBe(sqlCount('SELECT max(AMT_BALANCE) FROM credit_card_balance WHERE SK_ID_CURR = ?', id));
  });
});

describe('scoring', () => {
  it('scoring:score, explain and reasons give scoreClient\'s own figures', async () => {
    const direct = await scoreClient(db, engine, 100002, { lang: 'en', reasons: 3 });
    const score = await call('scoring:score', { clientId: 100002, lang: 'en', reasons: 3 });
    expect(score.probability).toBe(direct.probability);
    expect(JSON.parse(JSON.stringify(score))).toEqual(JSON.parse(JSON.stringify(direct)));
    const explained = await call('scoring:explain', { clientId: 100002, lang: 'en' });
    expect(explained.probability).toBe(direct.probability);
    const sum = explained.explanation.contributions.reduce((a, c) => a + c.logOdds, explained.explanation.baseValue);
    expect(sum).toBeCloseTo(explained.explanation.margin, 6);
    const reasons = await call('scoring:reasons', { clientId: 100002, lang: 'en', count: 3 });
    expect(reasons.reasons).toEqual(JSON.parse(JSON.stringify(direct.reasons)));
    const what = await call('scoring:score', { clientId: 100002, lang: 'fr', threshold: 0.99 });
    expect(what).toMatchObject({ threshold: 0.99, decision: 'granted' });
  });

  it('scoring:counterOffer: offers for a refused client (as counterOffer computes), null when granted', async () => {
    const refused = await call('scoring:counterOffer', { clientId: 100002, threshold: 0.01 });
    const direct = await counterOffer(engine, readClientRecords(db, 100002)!, { threshold: 0.01 });
    expect(direct).not.toBeNull();
    expect(refused.counterOffer).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(await call('scoring:counterOffer', { clientId: 100002, threshold: 0.999 })).toEqual({ clientId: 100002, counterOffer: null });
  });

  it('scoring:similar: k neighbours, nearest first, never the client itself', async () => {
    const similar = await call('scoring:similar', { clientId: 100002, lang: 'fr', k: 7 });
    expect(similar.clients).toHaveLength(7);
    expect(similar.features.length).toBeGreaterThan(0);
    expect(similar.clients.map((c) => c.clientId)).not.toContain(100002);
    const distances = similar.clients.map((c) => c.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('an unknown client is not-found on every client verb', async () => {
    const payloads: Array<[Channel, object]> = [
      ['clients:get', { clientId: 999_999_999 }],
      ['scoring:score', { clientId: 999_999_999, lang: 'fr' }],
      ['scoring:explain', { clientId: 999_999_999, lang: 'fr' }],
      ['scoring:reasons', { clientId: 999_999_999, lang: 'fr' }],
      ['scoring:counterOffer', { clientId: 999_999_999 }],
      ['scoring:similar', { clientId: 999_999_999, lang: 'fr' }],
    ];
    for (const [channel, payload] of payloads) {
      expect(await harness.dispatch(channel, payload)).toEqual({
        ok: false,
        error: { code: 'not-found', message: 'No client with SK_ID_CURR 999999999 in the database.' },
      });
    }
  });
});

describe('population and model card', () => {
  it('population:importance: the model\'s importance per input, most important first, labelled', async () => {
    const { features } = await call('population:importance', { lang: 'fr', top: 10 });
    expect(features).toHaveLength(10);
    const importance = engine.model.metadata.input_importance!;
    for (const f of features) expect(f.importance).toBe(importance[f.input]);
    expect(features.map((f) => f.importance)).toEqual([...features.map((f) => f.importance)].sort((a, b) => b - a));
    expect(Math.max(...Object.values(importance))).toBe(features[0]!.importance);
    expect(new Set(features.map((f) => f.label)).size).toBe(features.length);
    // A category field is one input: no column of its flags is listed.
    for (const f of features) expect(f.input).not.toMatch(/^(ORGANIZATION_SECTOR|OCCUPATION_TYPE|NAME_INCOME_TYPE|NAME_HOUSING_TYPE)_/);
    for (const f of features) if (f.feature !== null) expect(f.feature).toBe(f.input);
  });

  it('population:distribution by outcome: every client once, group sizes equal SQL TARGET counts', async () => {
    const d = await call('population:distribution', { feature: 'AMT_CREDIT', groupBy: 'outcome', bins: 20, lang: 'en' });
    expect(d.edges).toHaveLength(21);
    for (let i = 1; i < d.edges.length; i++) expect(d.edges[i]!).toBeGreaterThan(d.edges[i - 1]!);
    // Population statistics read the stored model inputs, kept as float32.
    expect(d.edges[0]).toBe(Math.fround(sqlCount('SELECT min(AMT_CREDIT) FROM application')));
    expect(d.edges[20]).toBe(Math.fround(sqlCount('SELECT max(AMT_CREDIT) FROM application')));
    const size = (g: string) => {
      const group = d.groups.find((x) => x.group === g)!;
      return group.counts.reduce((a, b) => a + b, 0) + group.missing;
    };
    expect(size('defaulted')).toBe(sqlCount('SELECT count(*) FROM application WHERE TARGET = 1'));
    expect(size('repaid')).toBe(sqlCount('SELECT count(*) FROM application WHERE TARGET = 0'));
    expect(size('unknown')).toBe(sqlCount('SELECT count(*) FROM application WHERE TARGET IS NULL'));
    const byDecision = await call('population:distribution', { feature: 'EXT_SOURCE_MEAN', groupBy: 'decision', bins: 10, lang: 'fr' });
    const total = byDecision.groups.reduce((a, g) => a + g.missing + g.counts.reduce((x, y) => x + y, 0), 0);
    expect(total).toBe(sqlCount('SELECT count(*) FROM application'));
    expect(byDecision.groups.map((g) => g.group)).toEqual(['granted', 'refused']);
  });

  it('population:pairs: at most maxPoints points with both features; an unknown feature is not-found', async () => {
    const p = await call('population:pairs', { x: 'AMT_CREDIT', y: 'AMT_ANNUITY', groupBy: 'band', maxPoints: 100, lang: 'en' });
    expect(p.points).toHaveLength(100);
    const point = p.points[5]!;
    const row = db.prepare('SELECT AMT_CREDIT, AMT_ANNUITY FROM application WHERE SK_ID_CURR = ?').get(point.clientId) as { AMT_CREDIT: number; AMT_ANNUITY: number | null };
    expect(point.x).toBe(Math.fround(row.AMT_CREDIT));
    expect(point.y).toBe(row.AMT_ANNUITY === null ? null : Math.fround(row.AMT_ANNUITY));
    expect(['A', 'B', 'C', 'D', 'E']).toContain(point.group);
    const unknown = await harness.dispatch('population:distribution', { feature: 'NO_SUCH_FEATURE', groupBy: 'none', bins: 5, lang: 'fr' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('models:card: the shipped model\'s metadata', async () => {
    const card = await call('models:card', { lang: 'fr' });
    const m = engine.model.metadata;
    expect(card).toMatchObject({ modelVersion: m.model_version, threshold: m.threshold, inputs: m.features.length, signed: true });
    expect(card.training.rows).toBe(m.training.rows);
  });
});
