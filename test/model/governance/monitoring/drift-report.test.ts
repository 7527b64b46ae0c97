/**
 * Drift over time on the synthetic fixture with the shipped model: score events written month by month
 * (a random month, a month of the largest credits, a month too small for PSI) give PSI per month and over
 * the window equal to PSI computed directly from each client's features; the month of large credits
 * drifts on AMT_CREDIT, the small month says it is insufficient; the demo activity generator writes
 * labelled, deterministic events whose last months drift.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../../db/open-database.js';
import { computeFeatures } from '../../../../model/features/compute-features.js';
import { featureByName } from '../../../../model/features/feature-registry.js';
import { readClientRecords } from '../../../../model/features/read-client-records.js';
import { DEMO_ACTIVITY_SETTING, writeDemoActivity } from '../../../../demo/demo-activity.js';
import { binCodesFromRecords, binCodesFromStore } from '../../../../model/governance/monitoring/drift-codes.js';
import { driftReport } from '../../../../model/governance/monitoring/drift-report.js';
import { loadStoredPopulation, materialisePopulation } from '../../../../model/population/population-store.js';
import { addMonths, clientsByMonth, monthWindow } from '../../../../model/governance/monitoring/monitoring-window.js';
import { psi, referenceBins, scoreReferenceBins } from '../../../../model/governance/monitoring/psi.js';
import { ScoringEngine } from '../../../../model/scoring/scoring-engine.js';
import { fixtureDatabase } from '../../../support/fixture-db.js';
import { SHIPPED_MODEL } from '../../../support/shipped-model.js';

let db: Db;
let engine: ScoringEngine;
let ids: number[];
let byCredit: number[];

/** Deterministic shuffle (LCG) of a copy. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function scoreEvents(clients: readonly number[], month: string, day = 10): void {
  const insert = db.prepare(
    `INSERT INTO score_event (client_id, model_version, probability, threshold, model_decision, user_id, scored_at) VALUES (?, 'test', 0.05, 0.1, 'granted', NULL, ?)`,
  );
  clients.forEach((client, i) => insert.run(client, `${month}-${String(day + (i % 15)).padStart(2, '0')}T09:30:00.000Z`));
}

beforeAll(async () => {
  ({ db } = await fixtureDatabase());
  engine = await ScoringEngine.open(SHIPPED_MODEL);
  ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
  byCredit = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY AMT_CREDIT DESC, SK_ID_CURR').pluck().all() as number[];
  scoreEvents(shuffled(ids, 1).slice(0, 600), '2026-03'); // a random sample
  scoreEvents(shuffled(ids, 1).slice(0, 50), '2026-03', 20); // the same clients again, the same month
  scoreEvents(byCredit.slice(0, 600), '2026-05'); // the largest credits
  scoreEvents(shuffled(ids, 2).slice(0, 120), '2026-06'); // too few for PSI
  scoreEvents([999_999_999], '2026-06'); // a client no longer in the database
  scoreEvents(shuffled(ids, 3).slice(0, 300), '2025-01'); // outside the window
}, 120_000);
afterAll(async () => {
  await engine?.close();
  db?.close();
});

/** PSI of a feature (or the score) over some clients, computed directly from their records. */
async function directPsi(clients: number[], feature: string | 'score'): Promise<number | null> {
  const vectors = clients.map((id) => computeFeatures(readClientRecords(db, id)!));
  if (feature === 'score') return psi(scoreReferenceBins(engine.model.metadata.reference.score), await engine.probabilities(vectors)).psi;
  const index = featureByName(feature)!.index;
  return psi(referenceBins(feature, engine.model.metadata.reference.features[feature]!), vectors.map((v) => v[index]!)).psi;
}

describe('monitoring window', () => {
  it('ends with the latest month with activity, counts a client once per month, ignores months outside', () => {
    const window = monthWindow(db, 4)!;
    expect(window).toEqual({ months: ['2026-03', '2026-04', '2026-05', '2026-06'], from: '2026-03-01', to: '2026-07-01' });
    const pairs = clientsByMonth(db, window);
    expect(pairs.filter((p) => p.month === '2026-03')).toHaveLength(600);
    expect(pairs.filter((p) => p.month === '2025-01')).toHaveLength(0);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(() => monthWindow(db, 0)).toThrow(/at least one month/);
    expect(() => monthWindow(db, 3, '2026-13')).toThrow(/Not a month \(YYYY-MM\): "2026-13"/);
  });
});

describe('driftReport', () => {
  it('gives per month and overall the PSI computed directly from the clients, most drifted features first', async () => {
    const report = await driftReport(db, engine, { lang: 'en', months: 4, top: 5, now: new Date('2026-07-02T00:00:00Z') });
    expect(report.months).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    expect(report.byMonth.map((m) => [m.month, m.rows, m.insufficient])).toEqual([
      ['2026-03', 600, false],
      ['2026-04', 0, true],
      ['2026-05', 600, false],
      ['2026-06', 120, true],
    ]);
    expect(report.unknownClients).toBe(1);
    const random = shuffled(ids, 1).slice(0, 600);
    const large = byCredit.slice(0, 600);
    const [march, april, may, june] = report.byMonth;
    expect(march!.score.psi).toBeCloseTo((await directPsi(random, 'score'))!, 10);
    const credit = (period: typeof march) => period!.features.find((f) => f.feature === 'AMT_CREDIT')!;
    expect(credit(may).psi).toBeCloseTo((await directPsi(large, 'AMT_CREDIT'))!, 10);
    expect(credit(march).psi).toBeCloseTo((await directPsi(random, 'AMT_CREDIT'))!, 10);
    // The month of the largest credits has drifted on the amount; a random month of fixture clients has not.
    expect(credit(may).status).toBe('drift');
    expect(credit(march).psi!).toBeLessThan(credit(may).psi! / 5);
    expect(credit(march).label).toBe('Credit amount');
    // Too few rows: no PSI, and it says so.
    for (const small of [april!, june!]) {
      expect(small.score).toEqual({ psi: null, status: 'insufficient' });
      expect(small.features.every((f) => f.psi === null && f.status === 'insufficient')).toBe(true);
    }
    // Overall: every distinct client of the window once.
    const overallClients = [...new Set([...random, ...large, ...shuffled(ids, 2).slice(0, 120)])];
    expect(report.overall.rows).toBe(overallClients.length);
    expect(report.overall.score.psi).toBeCloseTo((await directPsi(overallClients, 'score'))!, 10);
    // The same features in every period, ordered by their worst PSI.
    expect(report.overall.features).toHaveLength(5);
    for (const m of report.byMonth) expect(m.features.map((f) => f.feature)).toEqual(report.overall.features.map((f) => f.feature));
    const worst = report.overall.features.map((f, i) => Math.max(f.psi ?? -1, ...report.byMonth.map((m) => m.features[i]!.psi ?? -1)));
    expect([...worst].sort((a, b) => b - a)).toEqual(worst);
    expect(report.overall.features.map((f) => f.feature)).toContain('AMT_CREDIT');
    const status = report.overall.featureStatus;
    expect(status.stable + status.watch + status.drift + status.insufficient).toBe(engine.model.metadata.features.length);
    expect(report.computedAt).toBe('2026-07-02T00:00:00.000Z');
  }, 120_000);

  it('reports an empty window with no PSI on a database without activity', async () => {
    const { db: empty } = await fixtureDatabase();
    try {
      const report = await driftReport(empty, engine, { lang: 'fr' });
      expect(report.months).toEqual([]);
      expect(report.byMonth).toEqual([]);
      expect(report.overall.rows).toBe(0);
      expect(report.overall.insufficient).toBe(true);
      expect(report.overall.features).toHaveLength(10);
      expect(report.overall.features[0]!.label).not.toMatch(/^[A-Z_]+$/);
    } finally {
      empty.close();
    }
  }, 120_000);

  it('from the stored population gives the same report as from the raw tables; a new score event bins only its client', async () => {
    await materialisePopulation(db, engine, { workers: 2 });
    const stored = loadStoredPopulation(db, engine);
    const options = { lang: 'en', months: 4, top: 8, now: new Date('2026-07-02T00:00:00Z') } as const;
    expect(await driftReport(db, engine, options, binCodesFromStore(stored))).toEqual(await driftReport(db, engine, options, binCodesFromRecords(db, engine)));
    // A client not seen in the window before, scored in June: read from its stored row, and only it.
    const seen = new Set(db.prepare('SELECT client_id FROM score_event').pluck().all() as number[]);
    const newcomer = ids.find((id) => !seen.has(id))!;
    const read = vi.spyOn(stored, 'valuesAt');
    scoreEvents([newcomer], '2026-06');
    const after = await driftReport(db, engine, options, binCodesFromStore(stored));
    expect(after.byMonth.find((m) => m.month === '2026-06')!.rows).toBe(121);
    expect(after).toEqual(await driftReport(db, engine, options, binCodesFromRecords(db, engine)));
    // Without a population given (the report bundle), the stored one is read since it is current: the same report.
    expect(await driftReport(db, engine, options)).toEqual(after);
    expect(read.mock.calls.length).toBeGreaterThan(0);
    expect(read.mock.calls.every(([, rows]) => rows.length === 1 && rows[0] === stored.rowOf(newcomer))).toBe(true);
  }, 120_000);
});

describe('writeDemoActivity', () => {
  it('writes labelled, deterministic score events with real scores, and its last months drift on the credit amount', async () => {
    const runs = await Promise.all(
      [1, 2].map(async () => {
        const { db: demo } = await fixtureDatabase();
        const summary = await writeDemoActivity(demo, engine, { seed: 7, end: new Date('2026-11-24T12:00:00Z'), perMonth: 600 });
        const events = demo.prepare('SELECT client_id, probability, model_decision, threshold, user_id, scored_at FROM score_event ORDER BY event_id').all();
        const label = JSON.parse(demo.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(DEMO_ACTIVITY_SETTING) as string);
        const report = await driftReport(demo, engine, { lang: 'en', top: 180 });
        demo.close();
        return { summary, events, label, report };
      }),
    );
    const [a, b] = runs;
    expect(a!.events).toEqual(b!.events);
    expect(a!.summary.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(a!.summary.events).toBeGreaterThan(12 * 540 - 1);
    expect(a!.label.note).toMatch(/^DEMO DATA/);
    expect(a!.label.events).toBe(a!.summary.events);
    // No decision is ever invented; no account in this database, so no officer.
    const first = a!.events[0] as { client_id: number; probability: number; model_decision: string; threshold: number; user_id: number | null };
    expect(first.user_id).toBeNull();
    // The probability is the model's own for that client, its decision the policy's.
    const [p] = await engine.probabilities([computeFeatures(readClientRecords(db, first.client_id)!)]);
    expect(first.probability).toBeCloseTo(p!, 6);
    expect(first.model_decision).toBe(engine.judge(p!).decision);
    const credit = (month: string) => a!.report.byMonth.find((m) => m.month === month)!.features.find((f) => f.feature === 'AMT_CREDIT')!.psi!;
    expect(credit('2026-10')).toBeGreaterThan(2 * Math.max(credit('2026-01'), credit('2026-05')));
    expect(credit('2026-10')).toBeGreaterThan(credit('2026-09'));
  }, 180_000);
});
