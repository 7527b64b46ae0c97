/**
 * Writing an accepted bundle into the HQ store (inside the ingest transaction): the bundle row, its
 * decision-log entries, policy changes, model installs, score events, outcomes and monitoring aggregates,
 * and the branch's new chain head. Rows go in by column arrays (unnest), one statement per table.
 */
import type { BundleContent, BundleHead } from '../ingest/read-bundle.js';
import type { HqClient } from './hq-store.js';

type Column = readonly [name: string, pgType: string];

/** Inserts rows given column by column: INSERT … SELECT * FROM unnest($1::type[], …). */
async function insertColumns(client: HqClient, table: string, columns: readonly Column[], values: unknown[][], onConflict = ''): Promise<void> {
  if (values[0]!.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await client.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${onConflict}`, values);
}

/** The columns of `rows` as arrays, in `columns` order, read by `pick`. */
function columnsOf<T>(rows: readonly T[], branch: string, columns: readonly Column[], pick: (row: T) => unknown[]): unknown[][] {
  const out = columns.map(() => [] as unknown[]);
  for (const row of rows) {
    const values = [branch, ...pick(row)];
    values.forEach((v, i) => out[i]!.push(v));
  }
  return out;
}

/** Writes everything a verified bundle carries and moves the branch's head. */
export async function writeBundle(client: HqClient, head: BundleHead, content: BundleContent): Promise<void> {
  const { manifest } = head;
  const branch = manifest.branch;
  await client.query(
    'INSERT INTO hq_bundle (bundle_sha256, branch, period_from, period_to, first_seq, last_seq, manifest) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [head.sha256, branch, manifest.period.from, manifest.period.to, manifest.chain.previous.seq + 1, manifest.chain.head.seq, manifest],
  );
  const log: Column[] = [
    ['branch', 'text'], ['seq', 'int'], ['kind', 'text'], ['client_id', 'bigint'], ['decision', 'text'], ['override_direction', 'text'],
    ['reason_code', 'text'], ['comment', 'text'], ['model_decision', 'text'], ['probability', 'float8'], ['threshold', 'float8'],
    ['model_version', 'text'], ['refers_to', 'int'], ['user_id', 'int'], ['username', 'text'], ['entry_branch', 'text'],
    ['recorded_at', 'text'], ['prev_hash', 'text'], ['hash', 'text'], ['bundle_sha256', 'text'],
  ];
  await insertColumns(client, 'hq_decision_log', log, columnsOf(content.decisionLog, branch, log, (e) => [
    e.seq, e.kind, e.client_id, e.decision, e.override_direction, e.reason_code, e.comment, e.model_decision, e.probability,
    e.threshold, e.model_version, e.refers_to, e.user_id, e.username, e.branch, e.recorded_at, e.prev_hash, e.hash, head.sha256,
  ]));
  const policy: Column[] = [
    ['branch', 'text'], ['change_id', 'int'], ['model_version', 'text'], ['previous', 'float8'], ['threshold', 'float8'],
    ['reason', 'text'], ['username', 'text'], ['changed_at', 'text'],
  ];
  await insertColumns(client, 'hq_policy_change', policy, columnsOf(content.policyChanges, branch, policy, (c) => [
    c.change_id, c.model_version, c.previous, c.threshold, c.reason, c.username, c.changed_at,
  ]));
  const installs: Column[] = [
    ['branch', 'text'], ['install_id', 'int'], ['action', 'text'], ['model_version', 'text'], ['sha256', 'text'],
    ['previous_version', 'text'], ['username', 'text'], ['installed_at', 'text'],
  ];
  await insertColumns(client, 'hq_model_install', installs, columnsOf(content.modelInstalls, branch, installs, (m) => [
    m.install_id, m.action, m.model_version, m.sha256, m.previous_version, m.username, m.installed_at,
  ]));
  const scores: Column[] = [
    ['branch', 'text'], ['event_id', 'int'], ['client_id', 'text'], ['month', 'text'], ['model_version', 'text'],
    ['probability', 'float8'], ['threshold', 'float8'], ['decision', 'text'],
  ];
  await insertColumns(client, 'hq_score_event', scores, columnsOf(content.scoreEvents, branch, scores, (s) => [
    s.event_id, String(s.client_id), s.month, s.model_version, s.probability, s.threshold, s.decision,
  ]));
  // Every bundle with outcomes sends all the branch knows: one row per client, the latest bundle's value.
  const outcomes: Column[] = [['branch', 'text'], ['client_id', 'text'], ['target', 'smallint'], ['bundle_sha256', 'text']];
  await insertColumns(
    client,
    'hq_outcome',
    outcomes,
    columnsOf(content.outcomes, branch, outcomes, (o) => [String(o.client_id), o.target, head.sha256]),
    'ON CONFLICT (branch, client_id) DO UPDATE SET target = EXCLUDED.target, bundle_sha256 = EXCLUDED.bundle_sha256',
  );
  await writeMonitoring(client, branch, content.monitoring);
  await client.query('UPDATE hq_branch SET head_seq = $2, head_hash = $3, last_month = $4 WHERE name = $1', [
    branch, manifest.chain.head.seq, manifest.chain.head.hash, manifest.period.to,
  ]);
}

async function writeMonitoring(client: HqClient, branch: string, m: BundleContent['monitoring']): Promise<void> {
  const activity: Column[] = [['branch', 'text'], ['month', 'text'], ['scored', 'int'], ['model_granted', 'int'], ['decided', 'int'], ['final_granted', 'int'], ['overrides', 'int']];
  await insertColumns(client, 'hq_activity_month', activity, columnsOf(m.activity, branch, activity, (a) => [
    a.month, a.scored, a.modelGranted, a.decided, a.finalGranted, a.overrides,
  ]));
  const officers: Column[] = [
    ['branch', 'text'], ['month', 'text'], ['user_id', 'int'], ['username', 'text'], ['display_name', 'text'], ['officer_branch', 'text'],
    ['decisions', 'int'], ['overrides', 'int'], ['to_grant', 'int'],
  ];
  await insertColumns(client, 'hq_officer_month', officers, columnsOf(m.officers, branch, officers, (o) => [
    o.month, o.userId, o.username, o.displayName, o.branch, o.decisions, o.overrides, o.toGrant,
  ]));
  // The model's reference bins: the same version always has the same (signed) statistics, so the first copy stays.
  const { modelVersion, reference } = m.drift;
  const variables: Array<[string, { edges: number[]; shares: number[]; missing: number }]> = [['', reference.score], ...Object.entries(reference.features)];
  for (const [variable, bins] of variables) {
    await client.query(
      'INSERT INTO hq_reference (model_version, variable, edges, shares, missing) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [modelVersion, variable, bins.edges, bins.shares, bins.missing],
    );
  }
  const drift: Column[] = [['branch', 'text'], ['month', 'text'], ['model_version', 'text'], ['variable', 'text'], ['rows', 'int'], ['counts', 'text']];
  const driftRows = m.drift.months.flatMap((month) => [
    { month: month.month, rows: month.rows, variable: '', counts: month.score },
    ...Object.entries(month.features).map(([variable, counts]) => ({ month: month.month, rows: month.rows, variable, counts })),
  ]);
  // Arrays of arrays do not unnest row by row: each count array travels as its text form ('{1,2,3}') and is cast back.
  const driftColumns = columnsOf(driftRows, branch, drift, (d) => [d.month, modelVersion, d.variable, d.rows, `{${d.counts.join(',')}}`]);
  if (driftRows.length > 0) {
    await client.query(
      `INSERT INTO hq_drift_month (branch, month, model_version, variable, rows, counts)
       SELECT b, mo, v, va, r, c::int[] FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) AS t(b, mo, v, va, r, c)`,
      driftColumns,
    );
  }
  const fairness: Column[] = [['branch', 'text'], ['month', 'text'], ['attribute', 'text'], ['grp', 'text'], ['kind', 'text'], ['count', 'int'], ['approved', 'int']];
  await insertColumns(client, 'hq_fairness_month', fairness, columnsOf(m.fairness, branch, fairness, (f) => [
    f.month, f.attribute, f.group, f.kind, f.count, f.approved,
  ]));
  const outcomes: Column[] = [['branch', 'text'], ['month', 'text'], ['band', 'text'], ['clients', 'int'], ['defaults', 'int']];
  await insertColumns(client, 'hq_band_outcome', outcomes, columnsOf(m.outcomes, branch, outcomes, (o) => [o.month, o.band, o.clients, o.defaults]));
}
