/**
 * DEMO DATA ONLY. Twelve months of invented score events for the demo database, so that the monitoring
 * screen has something real to compute on a fresh install: each month a deterministic sample of the demo
 * clients is "scored" by the model (real features, real probabilities, the model's real decision), and in
 * the last months the sample leans towards larger credit amounts — a deliberate, mild drift that the
 * drift report should see. No decision_log entry is ever invented: the audit log holds real actions only.
 * The database says what it holds: app_setting 'demo.activity' describes the generated events.
 */
import type { Db } from '../db/open-database.js';
import { Random } from '../db/synth/random.js';
import { computeFeatures } from '../model/features/compute-features.js';
import { clientRecordsReader } from '../model/features/read-client-records.js';
import type { ScoringEngine } from '../model/scoring/scoring-engine.js';
import { addMonths } from '../model/governance/monitoring/monitoring-window.js';
import { scoreEventWriter } from '../db/score-events.js';
import { writeSetting } from '../db/app-settings.js';
import { clientCredits } from '../db/queries/clients.js';
import { activeOfficerIds } from '../db/users.js';

/** Months of demo activity. */
export const DEMO_ACTIVITY_MONTHS = 12;
/** Months at the end of the window whose sample drifts (larger credits), more each month. */
export const DEMO_DRIFT_MONTHS = 3;
/** The app_setting key that labels the generated events as demo data. */
export const DEMO_ACTIVITY_SETTING = 'demo.activity';

/** Options of writeDemoActivity. */
export interface DemoActivityOptions {
  seed: number;
  /** The activity ends with the month before this date's month (default: now). */
  end?: Date;
  months?: number;
  /** Clients scored per month (default: 12 % of the clients, at most 600). */
  perMonth?: number;
}

/** What was written. */
export interface DemoActivitySummary {
  events: number;
  months: string[];
  clients: number;
}

/** Weighted sample of k distinct indices without replacement (Efraimidis–Spirakis: the k largest u^(1/w)). */
function weightedSample(rng: Random, weights: readonly number[], k: number): number[] {
  const keyed = weights.map((w, i) => ({ i, key: Math.log(rng.uniform()) / w }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, k).map((x) => x.i);
}

/**
 * Writes the demo score events (one per sampled client and month) and the 'demo.activity' label, in
 * one transaction. Officers are taken from app_user when there are any (user_id NULL otherwise).
 */
export async function writeDemoActivity(db: Db, engine: ScoringEngine, options: DemoActivityOptions): Promise<DemoActivitySummary> {
  const rng = new Random(options.seed, 0x5c0e);
  const monthCount = options.months ?? DEMO_ACTIVITY_MONTHS;
  const end = options.end ?? new Date();
  const endMonth = end.toISOString().slice(0, 7);
  const months = Array.from({ length: monthCount }, (_, i) => addMonths(endMonth, i - monthCount));
  const clients = clientCredits(db);
  if (clients.length === 0) return { events: 0, months, clients: 0 };
  const perMonth = Math.max(1, Math.min(options.perMonth ?? Math.min(600, Math.round(clients.length * 0.12)), clients.length));
  // Each client's place among the credit amounts, 0 (smallest) to 1 (largest).
  const byCredit = clients.map((c, i) => ({ i, credit: c.credit ?? 0 })).sort((a, b) => a.credit - b.credit || a.i - b.i);
  const rank = new Array<number>(clients.length);
  byCredit.forEach(({ i }, r) => (rank[i] = clients.length > 1 ? r / (clients.length - 1) : 0.5));

  const officers = activeOfficerIds(db);
  const events: Array<{ client: number; month: string; at: string; user: number | null }> = [];
  months.forEach((month, m) => {
    // Drift strength 0 before the last DEMO_DRIFT_MONTHS months, then 1/3, 2/3, 1: the odds of a client with
    // the largest credit against one with the smallest reach e² ≈ 7.4 in the last month.
    const strength = Math.max(0, m - (monthCount - DEMO_DRIFT_MONTHS - 1)) / DEMO_DRIFT_MONTHS;
    const weights = rank.map((r) => Math.exp(2 * strength * (r - 0.5)));
    const size = Math.min(clients.length, Math.round(perMonth * (0.9 + 0.2 * rng.uniform())));
    const start = Date.parse(`${month}-01T00:00:00.000Z`);
    const span = Date.parse(`${addMonths(month, 1)}-01T00:00:00.000Z`) - start;
    for (const i of weightedSample(rng, weights, size)) {
      // Office hours, 8:00–18:00 UTC, on any day of the month.
      const day = Math.floor(rng.uniform() * (span / 86_400_000));
      const at = new Date(start + day * 86_400_000 + (8 * 3600 + Math.floor(rng.uniform() * 10 * 3600)) * 1000).toISOString();
      events.push({ client: clients[i]!.id, month, at, user: officers.length ? officers[rng.int(officers.length)]! : null });
    }
  });
  events.sort((a, b) => a.at.localeCompare(b.at) || a.client - b.client);

  // Real scores by the model: each distinct client's features once.
  const reader = clientRecordsReader(db);
  const distinct = [...new Set(events.map((e) => e.client))];
  const probabilityOf = new Map<number, number>();
  for (let at = 0; at < distinct.length; at += 1000) {
    const ids = distinct.slice(at, at + 1000);
    const scores = await engine.probabilities(ids.map((id) => computeFeatures(reader.read(id)!)));
    ids.forEach((id, k) => probabilityOf.set(id, scores[k]!));
  }

  const insert = scoreEventWriter(db);
  db.transaction(() => {
    for (const e of events) {
      const probability = probabilityOf.get(e.client)!;
      const judged = engine.judge(probability);
      insert({ clientId: e.client, modelVersion: judged.modelVersion, probability, threshold: judged.threshold, modelDecision: judged.decision, userId: e.user, scoredAt: e.at });
    }
    writeSetting(db, DEMO_ACTIVITY_SETTING, {
      note:
        'DEMO DATA: these score events were generated for the demo database (synthetic clients), with a deliberate drift ' +
        'towards larger credit amounts in the last months. They are not real activity. No decision was recorded.',
      seed: options.seed,
      months,
      events: events.length,
      driftMonths: months.slice(-DEMO_DRIFT_MONTHS),
    });
  })();
  return { events: events.length, months, clients: distinct.length };
}
