/**
 * The monitoring aggregates a branch sends HQ for a period of whole months: counts only, computed by the
 * branch screens' own code so that HQ's figures mean the same thing — approvals and overrides
 * (activity-report.ts, month by month), the drift sample's bin counts (drift-report.ts driftSample, the
 * bins of the model in use), approvals by sex, age band and family situation (fairness.ts groups) of the
 * clients scored and of the decisions recorded, and defaults by score band where the outcome is known.
 */
import {
  clientGroupColumns,
  lastScoresByMonth,
  recordedDecisionsIn,
  type ClientGroupColumns,
  type PeriodBounds,
} from '../../../db/report-bundle-queries.js';
import type { Db } from '../../../db/open-database.js';
import type { ScoringEngine } from '../../scoring/scoring-engine.js';
import { activityByMonth, bandDefaultRates, countDefaultsByBand, type BandCounts } from '../monitoring/activity-report.js';
import { driftSample } from '../monitoring/drift-report.js';
import { ageBand, familyGroup, groupOrder, sexGroup, type ProtectedAttribute } from '../monitoring/fairness.js';
import type { MonitoringAggregates } from './bundle-format.js';

/** A period of whole months: its months, oldest first, and its SQL bounds. */
export interface MonthPeriod extends PeriodBounds {
  months: string[];
}

const ATTRIBUTES: ReadonlyArray<[ProtectedAttribute, (c: ClientGroupColumns) => string]> = [
  ['sex', (c) => sexGroup(c.gender)],
  ['age', (c) => ageBand(c.daysBirth)],
  ['family', (c) => familyGroup(c.familyStatus)],
];

/** Approvals and overrides, month by month, by the activity screen's own queries. */
function activityCounts(db: Db, period: MonthPeriod): Pick<MonitoringAggregates, 'activity' | 'officers'> {
  const activity: MonitoringAggregates['activity'] = [];
  const officers: MonitoringAggregates['officers'] = [];
  for (const month of period.months) {
    const one = activityByMonth(db, { months: 1, until: month });
    const m = one.months[0]!;
    activity.push({ month, scored: m.scored, modelGranted: m.modelGranted, decided: m.decided, finalGranted: m.finalGranted, overrides: m.overrides });
    for (const o of one.officers) {
      officers.push({ month, userId: o.userId, username: o.username, displayName: o.displayName, branch: o.branch, decisions: o.decisions, overrides: o.overrides, toGrant: o.toGrant });
    }
  }
  return { activity, officers };
}

/** Each month's clients counted in the model's reference bins (last index: missing). */
async function driftCounts(db: Db, engine: ScoringEngine, period: MonthPeriod): Promise<MonitoringAggregates['drift']> {
  const sample = await driftSample(db, engine, period);
  const bins = (b: { edges: readonly number[]; shares: readonly number[]; missing: number }) => ({ edges: [...b.edges], shares: [...b.shares], missing: b.missing });
  return {
    modelVersion: engine.modelVersion,
    reference: {
      score: bins(sample.scoreBins),
      features: Object.fromEntries(sample.features.map((f) => [f.feature.name, bins(f.bins)])),
    },
    months: period.months.map((month) => {
      const rows = sample.rowsByMonth.get(month) ?? [];
      return {
        month,
        rows: rows.length,
        score: sample.scoreCounts(rows),
        features: Object.fromEntries(sample.features.map((f, i) => [f.feature.name, sample.featureCounts(rows, i)])),
      };
    }),
  };
}

/** Approvals by group (model decisions on the month's clients, recorded decisions) and defaults by band. */
function groupCounts(db: Db, period: MonthPeriod): Pick<MonitoringAggregates, 'fairness' | 'outcomes'> {
  const scored = lastScoresByMonth(db, period);
  const recorded = recordedDecisionsIn(db, period);
  const columns = clientGroupColumns(db, [...scored.map((s) => s.clientId), ...recorded.map((r) => r.clientId)]);
  const counts = new Map<string, { count: number; approved: number }>();
  const key = (month: string, attribute: string, group: string, kind: string) => JSON.stringify([month, attribute, group, kind]);
  const add = (month: string, kind: 'model' | 'recorded', clientId: number, approved: boolean) => {
    const c = columns.get(clientId);
    if (!c) return; // a client no longer in the database: not counted (as on the fairness screen)
    for (const [attribute, groupOf] of ATTRIBUTES) {
      const k = key(month, attribute, groupOf(c), kind);
      const entry = counts.get(k) ?? { count: 0, approved: 0 };
      entry.count++;
      if (approved) entry.approved++;
      counts.set(k, entry);
    }
  };
  for (const s of scored) add(s.month, 'model', s.clientId, s.decision === 'granted');
  for (const r of recorded) add(r.month, 'recorded', r.clientId, r.granted);

  // In a fixed order (month, attribute, kind, the report's group order), empty groups left out: the same data give the same bytes.
  const fairness: MonitoringAggregates['fairness'] = [];
  for (const month of period.months) {
    for (const [attribute] of ATTRIBUTES) {
      for (const kind of ['model', 'recorded'] as const) {
        for (const [group] of groupOrder(attribute, 'en')) {
          const c = counts.get(key(month, attribute, group, kind));
          if (c) fairness.push({ month, attribute, group, kind, count: c.count, approved: c.approved });
        }
      }
    }
  }

  // Defaults by band with the monitoring screen's definition (countDefaultsByBand), month by month.
  const bandsByMonth = new Map<string, BandCounts>(period.months.map((m) => [m, new Map()]));
  for (const s of scored) countDefaultsByBand(bandsByMonth.get(s.month)!, s.probability, s.threshold, columns.get(s.clientId)?.target);
  const outcomes: MonitoringAggregates['outcomes'] = [];
  for (const [month, counts] of bandsByMonth) {
    for (const b of bandDefaultRates(counts)) if (b.clients > 0) outcomes.push({ month, band: b.band, clients: b.clients, defaults: b.defaults });
  }
  return { fairness, outcomes };
}

/** Every monitoring aggregate of the period. */
export async function monitoringAggregates(db: Db, engine: ScoringEngine, period: MonthPeriod): Promise<MonitoringAggregates> {
  return { ...activityCounts(db, period), drift: await driftCounts(db, engine, period), ...groupCounts(db, period) };
}
