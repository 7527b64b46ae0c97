/**
 * What officers did and how the model's decisions turned out: approval rate by month (the model's
 * decision when a client was scored, and the final decision recorded in decision_log), override rate per
 * officer and per branch (warned above 10 %), and the default rate by score band where the outcome is
 * known (TARGET), over the whole database population.
 */
import type { Db } from '../../../db/open-database.js';
import { bandBounds, SCORE_BANDS, scoreBand, type ScoreBand } from '../../scoring/score-band.js';
import { monthWindow } from './monitoring-window.js';
import { decidedByMonth, decisionsByBranch, decisionsByOfficer, scoredByMonth } from '../../../db/queries/monitoring.js';

/**
 * Override rate above which an officer or a branch is flagged for the manager's attention. Overrides
 * are legitimate (the officer knows what the model does not) but frequent ones mean either the model or
 * the officer needs a look; 10 % is the level the product asks to watch.
 */
export const OVERRIDE_WARN_RATE = 0.1;

/** Approvals of one month. */
export interface MonthActivity {
  month: string;
  /** Distinct clients scored this month, and how many the model granted (its decision at the time). */
  scored: number;
  modelGranted: number;
  modelApprovalRate: number | null;
  /** Decisions recorded this month, how many granted in the end (granted, or an override to grant). */
  decided: number;
  finalGranted: number;
  finalApprovalRate: number | null;
  overrides: number;
  overrideRate: number | null;
}

/** Overrides of one officer or one branch over the window. */
export interface OverrideRate {
  decisions: number;
  overrides: number;
  /** Overrides towards granting (the model refused) and towards refusing (the model granted). */
  toGrant: number;
  toRefuse: number;
  overrideRate: number | null;
  /** overrideRate > OVERRIDE_WARN_RATE. */
  warn: boolean;
}

/** The override rate of an officer. */
export interface OfficerOverrides extends OverrideRate {
  userId: number;
  username: string;
  displayName: string;
  branch: string;
}

/** The default rate of one score band. */
export interface BandDefaults {
  band: ScoreBand;
  /** The band's probability range under the threshold. */
  from: number;
  to: number;
  /** Clients of the band with a known outcome, and how many defaulted. */
  clients: number;
  defaults: number;
  defaultRate: number | null;
}

/** The activity report. */
export interface ActivityReport {
  computedAt: string;
  overrideWarnRate: number;
  months: MonthActivity[];
  officers: OfficerOverrides[];
  branches: Array<OverrideRate & { branch: string }>;
  defaultsByBand: { threshold: number; clients: number; bands: BandDefaults[] };
}

/** part / whole, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The override figures of an officer or a branch from its counts, warned above OVERRIDE_WARN_RATE. */
export function overrideRate(decisions: number, overrides: number, toGrant: number): OverrideRate {
  const value = rate(overrides, decisions);
  return { decisions, overrides, toGrant, toRefuse: overrides - toGrant, overrideRate: value, warn: value !== null && value > OVERRIDE_WARN_RATE };
}

/** A month's approval and override rates from its counts. */
export function monthActivity(counts: Pick<MonthActivity, 'month' | 'scored' | 'modelGranted' | 'decided' | 'finalGranted' | 'overrides'>): MonthActivity {
  return {
    ...counts,
    modelApprovalRate: rate(counts.modelGranted, counts.scored),
    finalApprovalRate: rate(counts.finalGranted, counts.decided),
    overrideRate: rate(counts.overrides, counts.decided),
  };
}

/**
 * Approval and override figures of the `months` months ending with `until` (default: the latest month
 * with activity). Only 'decision' entries of decision_log count as decisions (contests and reviews are
 * about a decision already counted).
 */
export function activityByMonth(db: Db, options: { months?: number; until?: string } = {}): Pick<ActivityReport, 'months' | 'officers' | 'branches'> {
  const window = monthWindow(db, options.months ?? 12, options.until);
  if (!window) return { months: [], officers: [], branches: [] };
  // The last score of each client in each month says what the model decided for that month's client.
  const scored = scoredByMonth(db, window.from, window.to);
  const decided = decidedByMonth(db, window.from, window.to);
  const scoredBy = new Map(scored.map((s) => [s.month, s]));
  const decidedBy = new Map(decided.map((d) => [d.month, d]));
  const months = window.months.map((month) => {
    const s = scoredBy.get(month);
    const d = decidedBy.get(month);
    return monthActivity({
      month,
      scored: s?.scored ?? 0,
      modelGranted: s?.granted ?? 0,
      decided: d?.decided ?? 0,
      finalGranted: d?.granted ?? 0,
      overrides: d?.overrides ?? 0,
    });
  });

  // The officer's name and branch as they are now (app_user); the log keeps the username of the time.
  const officers = decisionsByOfficer(db, window.from, window.to).map(({ userId, username, displayName, branch, decisions, overrides, toGrant }) => ({
    userId,
    username,
    displayName,
    branch,
    ...overrideRate(decisions, overrides, toGrant),
  }));
  // A decision belongs to the branch it was taken in (the log's branch), even if the officer moved since.
  const branches = decisionsByBranch(db, window.from, window.to).map(({ branch, decisions, overrides, toGrant }) => ({ branch, ...overrideRate(decisions, overrides, toGrant) }));
  return { months, officers, branches };
}

/** Clients with a known outcome and how many defaulted, per band. */
export type BandCounts = Map<ScoreBand, { clients: number; defaults: number }>;

/**
 * Counts clients with a known outcome per score band: each client in the band of its probability under
 * the threshold it was judged with (score-band.ts), an outcome counted only when known (target 0 or 1;
 * NaN, null = unknown). The one definition of "default rate by band", for the branch's screen (the whole
 * population at today's threshold), the branch's report bundle (each month's clients at the threshold of
 * their score) and HQ's report (the outcomes branches send, joined to their score events).
 */
export function countDefaultsByBand(counts: BandCounts, probability: number, threshold: number, target: unknown): boolean {
  if (target !== 0 && target !== 1) return false;
  const band = scoreBand(probability, threshold);
  const c = counts.get(band) ?? { clients: 0, defaults: 0 };
  c.clients++;
  c.defaults += target;
  counts.set(band, c);
  return true;
}

/** Every band's counts and default rate, A to E (a band with no client: 0 of 0, rate null). */
export function bandDefaultRates(counts: BandCounts): Array<{ band: ScoreBand; clients: number; defaults: number; defaultRate: number | null }> {
  return SCORE_BANDS.map((band) => {
    const c = counts.get(band) ?? { clients: 0, defaults: 0 };
    return { band, clients: c.clients, defaults: c.defaults, defaultRate: rate(c.defaults, c.clients) };
  });
}

/**
 * Default rate per score band (bands relative to `threshold`, score-band.ts) over the clients whose
 * outcome is known (target 0 or 1; NaN = unknown), from the population's probabilities.
 */
export function defaultsByBand(population: { probabilities: ArrayLike<number>; targets: ArrayLike<number> }, threshold: number): ActivityReport['defaultsByBand'] {
  const counts: BandCounts = new Map();
  let clients = 0;
  for (let i = 0; i < population.probabilities.length; i++) {
    if (countDefaultsByBand(counts, population.probabilities[i]!, threshold, population.targets[i]!)) clients++;
  }
  const rates = new Map(bandDefaultRates(counts).map((b) => [b.band, b]));
  return {
    threshold,
    clients,
    bands: bandBounds(threshold).map(({ band, from, to }) => ({ ...rates.get(band)!, from, to })),
  };
}
