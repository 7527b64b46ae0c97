/**
 * The HQ store's reads for the company report (hq/report): the monitoring counts every branch sent,
 * summed as the report needs them. Only counts come out; the rates, PSI and flags are computed by the
 * branch screens' own functions (model/governance/monitoring).
 */
import type { HqClient } from './hq-store.js';

/** Approvals and overrides of one branch in one month. */
export interface ActivityMonthRow {
  branch: string;
  month: string;
  scored: number;
  modelGranted: number;
  decided: number;
  finalGranted: number;
  overrides: number;
}

export async function activityMonths(client: HqClient): Promise<ActivityMonthRow[]> {
  const { rows } = await client.query<ActivityMonthRow>(
    `SELECT branch, month, scored, model_granted AS "modelGranted", decided, final_granted AS "finalGranted", overrides
     FROM hq_activity_month ORDER BY branch, month`,
  );
  return rows;
}

/** Decisions and overrides of each officer (of each branch) over every month received. */
export async function officerTotals(client: HqClient): Promise<
  Array<{ branch: string; userId: number; username: string; displayName: string; officerBranch: string; decisions: number; overrides: number; toGrant: number }>
> {
  // The name of the officer's latest month: names change less often than months pass.
  const { rows } = await client.query(
    `SELECT branch, user_id AS "userId",
            (array_agg(username ORDER BY month DESC))[1] AS username,
            (array_agg(display_name ORDER BY month DESC))[1] AS "displayName",
            (array_agg(officer_branch ORDER BY month DESC))[1] AS "officerBranch",
            sum(decisions)::int AS decisions, sum(overrides)::int AS overrides, sum(to_grant)::int AS "toGrant"
     FROM hq_officer_month GROUP BY branch, user_id ORDER BY branch, username`,
  );
  return rows as Array<{ branch: string; userId: number; username: string; displayName: string; officerBranch: string; decisions: number; overrides: number; toGrant: number }>;
}

/** One branch-month's bin counts of every variable ('' = the score) for a model version, with the reference bins. */
export interface DriftMonthRow {
  branch: string;
  month: string;
  modelVersion: string;
  rows: number;
  variables: Array<{ variable: string; counts: number[]; edges: number[]; shares: number[]; missing: number }>;
}

export async function driftMonths(client: HqClient): Promise<DriftMonthRow[]> {
  const { rows } = await client.query<{
    branch: string;
    month: string;
    model_version: string;
    variable: string;
    rows: number;
    counts: number[];
    edges: number[];
    shares: number[];
    missing: number;
  }>(
    `SELECT d.branch, d.month, d.model_version, d.variable, d.rows, d.counts, r.edges, r.shares, r.missing
     FROM hq_drift_month d JOIN hq_reference r ON r.model_version = d.model_version AND r.variable = d.variable
     ORDER BY d.branch, d.month, d.model_version, d.variable`,
  );
  const out: DriftMonthRow[] = [];
  for (const r of rows) {
    let last = out.at(-1);
    if (!last || last.branch !== r.branch || last.month !== r.month || last.modelVersion !== r.model_version) {
      last = { branch: r.branch, month: r.month, modelVersion: r.model_version, rows: r.rows, variables: [] };
      out.push(last);
    }
    last.variables.push({ variable: r.variable, counts: r.counts, edges: r.edges, shares: r.shares, missing: r.missing });
  }
  return out;
}

/** Approvals by group, summed over every branch and month, per attribute and kind of decision. */
export async function fairnessTotals(client: HqClient): Promise<Array<{ attribute: string; grp: string; kind: string; count: number; approved: number }>> {
  const { rows } = await client.query(
    `SELECT attribute, grp, kind, sum(count)::int AS count, sum(approved)::int AS approved
     FROM hq_fairness_month GROUP BY attribute, grp, kind ORDER BY attribute, kind, grp`,
  );
  return rows as Array<{ attribute: string; grp: string; kind: string; count: number; approved: number }>;
}

/** The band counts branches sent in their monitoring aggregates (outcomes known at export), per branch and band. */
export async function bandOutcomeTotals(client: HqClient): Promise<Array<{ branch: string; band: string; clients: number; defaults: number }>> {
  const { rows } = await client.query(
    `SELECT branch, band, sum(clients)::int AS clients, sum(defaults)::int AS defaults FROM hq_band_outcome GROUP BY branch, band ORDER BY branch, band`,
  );
  return rows as Array<{ branch: string; band: string; clients: number; defaults: number }>;
}

/** The branches that sent outcomes. */
export async function branchesWithOutcomes(client: HqClient): Promise<string[]> {
  const { rows } = await client.query<{ branch: string }>('SELECT DISTINCT branch FROM hq_outcome ORDER BY branch');
  return rows.map((r) => r.branch);
}

/**
 * The clients of each branch-month whose outcome came back, with the last score of that month (the one
 * the branch's activity counts: its event ids follow the order of scoring), joined on the client id or
 * pseudonym. One row per client-month: the report counts them with the branch screens' own code.
 */
export async function scoredOutcomes(client: HqClient): Promise<Array<{ branch: string; probability: number; threshold: number; target: number }>> {
  const { rows } = await client.query<{ branch: string; probability: number; threshold: number; target: number }>(
    `SELECT s.branch, s.probability, s.threshold, o.target FROM (
       SELECT branch, client_id, probability, threshold,
              row_number() OVER (PARTITION BY branch, month, client_id ORDER BY event_id DESC) AS k
       FROM hq_score_event) s
     JOIN hq_outcome o ON o.branch = s.branch AND o.client_id = s.client_id
     WHERE s.k = 1`,
  );
  return rows;
}
