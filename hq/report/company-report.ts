/**
 * The company-wide monitoring report, from the HQ store: approval and override rates by branch and officer
 * (warned above 10 %), drift by branch and month (PSI of the bin counts branches sent, same minimum sample),
 * fairness across the company (approval by sex, age band, family situation; four-fifths flag), and default
 * rate by score band where outcomes came back. Every rate, PSI and flag is computed by the branch screens'
 * own functions (model/governance/monitoring): the same definitions, not a second copy.
 */
import {
  bandDefaultRates,
  countDefaultsByBand,
  monthActivity,
  overrideRate,
  type BandCounts,
  OVERRIDE_WARN_RATE,
  rate,
  type MonthActivity,
  type OverrideRate,
} from '../../model/governance/monitoring/activity-report.js';
import {
  approvalFromCounts,
  attributeLabel,
  DISPARATE_IMPACT_FLAG,
  FAIRNESS_MIN_GROUP,
  groupOrder,
  type GroupedApproval,
  type ProtectedAttribute,
} from '../../model/governance/monitoring/fairness.js';
import { PSI_DRIFT, PSI_MIN_SAMPLE, PSI_WATCH, psiOfCounts, type PsiStatus } from '../../model/governance/monitoring/psi.js';
import type { Lang } from '../../common/lang.js';
import { listBranches } from '../store/branches.js';
import type { HqClient } from '../store/hq-store.js';
import { activityMonths, bandOutcomeTotals, branchesWithOutcomes, driftMonths, fairnessTotals, officerTotals, scoredOutcomes } from '../store/report-queries.js';
import type { ScoreBand } from '../../model/scoring/score-band.js';

/** A PSI as reported (null below the minimum sample). */
export interface PsiFigure {
  psi: number | null;
  status: PsiStatus;
}

/** One branch's month of drift. */
export interface BranchMonthDrift {
  branch: string;
  month: string;
  modelVersion: string;
  rows: number;
  insufficient: boolean;
  score: PsiFigure;
  /** The most drifted features of the month (largest PSI first). */
  features: Array<{ feature: string } & PsiFigure>;
  /** Features of the model by status in the month. */
  featureStatus: Record<PsiStatus, number>;
}

/** The company report. */
export interface CompanyReport {
  branches: Array<{ branch: string; flagged: boolean; flags: number; headSeq: number; lastMonth: string | null }>;
  activity: {
    overrideWarnRate: number;
    byBranch: Array<OverrideRate & { branch: string; scored: number; modelGranted: number; modelApprovalRate: number | null; finalGranted: number; finalApprovalRate: number | null }>;
    byOfficer: Array<OverrideRate & { branch: string; userId: number; username: string; displayName: string }>;
    byBranchMonth: Array<MonthActivity & { branch: string }>;
  };
  drift: { minSample: number; thresholds: { watch: number; drift: number }; byBranchMonth: BranchMonthDrift[] };
  fairness: {
    minGroup: number;
    flagBelow: number;
    groupings: Array<{ attribute: ProtectedAttribute; label: string; model: GroupedApproval; recorded: GroupedApproval }>;
  };
  /**
   * Default rate by band where outcomes came back: for a branch that sends outcomes, its clients' last
   * score of each month joined to the outcomes received since (an outcome that comes back months later
   * counts); for one that does not, the counts its bundles carried (outcomes known at export).
   */
  defaultsByBand: {
    clients: number;
    bands: Array<{ band: ScoreBand; clients: number; defaults: number; defaultRate: number | null }>;
    fromOutcomes: string[];
    fromExportCounts: string[];
  };
}

export interface CompanyReportOptions {
  lang: Lang;
  /** Features listed per branch-month (default 10). */
  top?: number;
  minSample?: number;
  minGroup?: number;
}

/** Reads the store and computes the report. */
export async function companyReport(client: HqClient, options: CompanyReportOptions): Promise<CompanyReport> {
  const minSample = options.minSample ?? PSI_MIN_SAMPLE;
  const minGroup = options.minGroup ?? FAIRNESS_MIN_GROUP;
  const top = options.top ?? 10;

  const months = await activityMonths(client);
  const byBranchMonth = months.map(({ branch, ...counts }) => ({ branch, ...monthActivity(counts) }));
  const branchNames = [...new Set(months.map((m) => m.branch))];
  const byBranch = branchNames.map((branch) => {
    const own = months.filter((m) => m.branch === branch);
    const sum = (k: 'scored' | 'modelGranted' | 'decided' | 'finalGranted' | 'overrides') => own.reduce((s, m) => s + m[k], 0);
    return { branch, scored: sum('scored'), modelGranted: sum('modelGranted'), modelApprovalRate: rate(sum('modelGranted'), sum('scored')),
      finalGranted: sum('finalGranted'), finalApprovalRate: rate(sum('finalGranted'), sum('decided')), ...overrideRate(sum('decided'), sum('overrides'), 0) };
  });
  // Overrides towards granting come from the officers' counts (the month rows do not split them).
  const officers = await officerTotals(client);
  for (const b of byBranch) {
    const toGrant = officers.filter((o) => o.branch === b.branch).reduce((s, o) => s + o.toGrant, 0);
    Object.assign(b, overrideRate(b.decisions, b.overrides, toGrant));
  }
  const byOfficer = officers.map((o) => ({ branch: o.branch, userId: o.userId, username: o.username, displayName: o.displayName, ...overrideRate(o.decisions, o.overrides, o.toGrant) }));

  const drift = (await driftMonths(client)).map((m): BranchMonthDrift => {
    const measured = m.variables.map((v) => ({ variable: v.variable, ...psiOfCounts({ edges: v.edges, shares: v.shares, missing: v.missing }, v.counts, minSample) }));
    const score = measured.find((v) => v.variable === '');
    const features = measured.filter((v) => v.variable !== '');
    const featureStatus: Record<PsiStatus, number> = { stable: 0, watch: 0, drift: 0, insufficient: 0 };
    for (const f of features) featureStatus[f.status]++;
    return {
      branch: m.branch,
      month: m.month,
      modelVersion: m.modelVersion,
      rows: m.rows,
      insufficient: m.rows < minSample,
      score: { psi: score?.psi ?? null, status: score?.status ?? 'insufficient' },
      features: [...features]
        .sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1) || a.variable.localeCompare(b.variable))
        .slice(0, top)
        .map((f) => ({ feature: f.variable, psi: f.psi, status: f.status })),
      featureStatus,
    };
  });

  const totals = await fairnessTotals(client);
  const grouped = (attribute: ProtectedAttribute, kind: 'model' | 'recorded') =>
    approvalFromCounts(
      new Map(totals.filter((t) => t.attribute === attribute && t.kind === kind).map((t) => [t.grp, { count: t.count, approved: t.approved }])),
      groupOrder(attribute, options.lang),
      minGroup,
    );
  const attributes: ProtectedAttribute[] = ['sex', 'age', 'family'];

  const counts: BandCounts = new Map();
  const withOutcomes = await branchesWithOutcomes(client);
  for (const s of await scoredOutcomes(client)) countDefaultsByBand(counts, s.probability, s.threshold, s.target);
  const fromExportCounts = new Set<string>();
  for (const b of await bandOutcomeTotals(client)) {
    if (withOutcomes.includes(b.branch)) continue;
    fromExportCounts.add(b.branch);
    const c = counts.get(b.band as ScoreBand) ?? { clients: 0, defaults: 0 };
    counts.set(b.band as ScoreBand, { clients: c.clients + b.clients, defaults: c.defaults + b.defaults });
  }
  const bandRows = bandDefaultRates(counts);

  return {
    branches: (await listBranches(client)).map((b) => ({ branch: b.name, flagged: b.flagged, flags: b.flags, headSeq: b.headSeq, lastMonth: b.lastMonth })),
    activity: { overrideWarnRate: OVERRIDE_WARN_RATE, byBranch, byOfficer, byBranchMonth },
    drift: { minSample, thresholds: { watch: PSI_WATCH, drift: PSI_DRIFT }, byBranchMonth: drift },
    fairness: {
      minGroup,
      flagBelow: DISPARATE_IMPACT_FLAG,
      groupings: attributes.map((attribute) => ({ attribute, label: attributeLabel(attribute, options.lang), model: grouped(attribute, 'model'), recorded: grouped(attribute, 'recorded') })),
    },
    defaultsByBand: { clients: bandRows.reduce((s, b) => s + b.clients, 0), bands: bandRows, fromOutcomes: withOutcomes, fromExportCounts: [...fromExportCounts] },
  };
}
