/**
 * A branch report bundle round trip on a real PostgreSQL server: export at the branch (deterministic,
 * signed), ingest at HQ (twice: the second time a no-op), and the HQ report equals the branch's own
 * monitoring for that branch — approvals, overrides by officer, drift PSI month by month.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { lastScoresByMonth } from '../../db/report-bundle-queries.js';
import { ingestBundle } from '../../hq/ingest/ingest-bundle.js';
import { companyReport, type CompanyReport } from '../../hq/report/company-report.js';
import { addBranch } from '../../hq/store/branches.js';
import { openHqStore, type HqClient } from '../../hq/store/hq-store.js';
import { createBranchKey, loadBranchKey, type BranchKey } from '../../model/governance/branch-key.js';
import { activityByMonth } from '../../model/governance/monitoring/activity-report.js';
import { driftReport } from '../../model/governance/monitoring/drift-report.js';
import { approvalByGroup, groupOrder, sexGroup } from '../../model/governance/monitoring/fairness.js';
import { exportReportBundle } from '../../model/governance/report-bundle/export-bundle.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { ACTIVITY_MONTHS, BRANCH, buildBranchDatabase } from '../support/branch-activity.js';
import { tempDir } from '../support/paths.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { runCliAsync as runCli } from '../support/run-cli.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';
import { readPng } from '../support/png-pixels.js';

let dir: string;
let cluster: PgCluster;
let engine: ScoringEngine;
let branchFile: string;
let db: Db;
let key: BranchKey;
let keyFile: string;
let hq: HqClient;

beforeAll(async () => {
  dir = tempDir('octroi-hq-');
  cluster = await startPgCluster();
  engine = await ScoringEngine.open(SHIPPED_MODEL);
  branchFile = await buildBranchDatabase(engine, dir);
  db = openDatabase(branchFile, { key: TEST_DB_KEY, readonly: true });
  keyFile = path.join(dir, 'branch-key.pem');
  createBranchKey(keyFile);
  key = loadBranchKey(keyFile);
  hq = await openHqStore(cluster.url);
  await addBranch(hq, BRANCH, key.publicKeyPem, `${keyFile}.pub.pem`);
}, 240_000);

afterAll(async () => {
  await hq?.end();
  db?.close();
  await engine?.close();
  cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = { appVersion: '0.1.0-test' };
const bundleBytes = (bundle: string) => Object.fromEntries(fs.readdirSync(bundle).sort().map((f) => [f, fs.readFileSync(path.join(bundle, f)).toString('base64')]));

describe('a branch report bundle, from the branch to HQ', () => {
  let first: string;
  let second: string;
  let report: CompanyReport;

  it('is the same bytes when the same period is exported twice, and holds no application data', async () => {
    first = path.join(dir, 'bundle-1');
    const again = path.join(dir, 'bundle-1-again');
    const m1 = await exportReportBundle(db, engine, key, first, { ...options, until: ACTIVITY_MONTHS[1] });
    await exportReportBundle(db, engine, key, again, { ...options, until: ACTIVITY_MONTHS[1], now: new Date('2031-01-01T00:00:00Z') });
    expect(bundleBytes(again)).toEqual(bundleBytes(first));
    expect(m1).toMatchObject({ branch: BRANCH, period: { from: ACTIVITY_MONTHS[0], to: ACTIVITY_MONTHS[1] }, chain: { previous: { seq: 0 }, head: { seq: 80 }, entries: 80 } });
    const event = JSON.parse(fs.readFileSync(path.join(first, 'score-events.jsonl'), 'utf8').split('\n')[0]!);
    expect(Object.keys(event).sort()).toEqual(['client_id', 'decision', 'event_id', 'model_version', 'month', 'probability', 'threshold']);
    expect(fs.readFileSync(path.join(first, 'policy-changes.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);

    second = path.join(dir, 'bundle-2');
    const m2 = await exportReportBundle(db, engine, key, second, { ...options, since: first, until: ACTIVITY_MONTHS[3] });
    expect(m2.chain.previous).toEqual(m1.chain.head);
    expect(m2).toMatchObject({ period: { from: ACTIVITY_MONTHS[2], to: ACTIVITY_MONTHS[3] }, chain: { head: { seq: 160 }, entries: 80 } });
  });

  it('is ingested at HQ, continuing the chain; ingesting it again changes nothing', async () => {
    expect(await ingestBundle(hq, first)).toMatchObject({ status: 'ingested', head: { seq: 80 } });
    expect(await ingestBundle(hq, second)).toMatchObject({ status: 'ingested', head: { seq: 160 } });
    const count = async () => (await hq.query('SELECT (SELECT count(*) FROM hq_decision_log)::int AS log, (SELECT count(*) FROM hq_score_event)::int AS scores, (SELECT count(*) FROM hq_drift_month)::int AS drift')).rows[0];
    const before = await count();
    expect(before.log).toBe(160);
    expect(await ingestBundle(hq, first)).toMatchObject({ status: 'already-ingested' });
    expect(await ingestBundle(hq, second)).toMatchObject({ status: 'already-ingested' });
    expect(await count()).toEqual(before);
    const branch = (await hq.query('SELECT head_seq, flagged, last_month FROM hq_branch WHERE name = $1', [BRANCH])).rows[0];
    expect(branch).toEqual({ head_seq: 160, flagged: false, last_month: ACTIVITY_MONTHS[3] });
    report = await companyReport(hq, { lang: 'en', top: 1000 });
  });

  it('gives HQ the approvals and overrides the branch screen shows', () => {
    const branch = activityByMonth(db, { months: ACTIVITY_MONTHS.length, until: ACTIVITY_MONTHS.at(-1) });
    expect(report.activity.byBranchMonth.map(({ branch: _b, ...m }) => m)).toEqual(branch.months);
    const officers = (rows: Array<{ userId: number; decisions: number; overrides: number; toGrant: number; overrideRate: number | null; warn: boolean }>) =>
      rows.map(({ userId, decisions, overrides, toGrant, overrideRate, warn }) => ({ userId, decisions, overrides, toGrant, overrideRate, warn })).sort((a, b) => a.userId - b.userId);
    expect(officers(report.activity.byOfficer)).toEqual(officers(branch.officers));
    expect(report.activity.byOfficer.find((o) => o.username === 'jdupont')!.warn).toBe(true);
    expect(report.activity.byOfficer.find((o) => o.username === 'agent')!.warn).toBe(false);
    const [own] = branch.branches;
    expect(report.activity.byBranch).toHaveLength(1);
    expect(report.activity.byBranch[0]).toMatchObject({ branch: BRANCH, decisions: own!.decisions, overrides: own!.overrides, toGrant: own!.toGrant, overrideRate: own!.overrideRate, warn: own!.warn });
  });

  it('gives HQ the drift the branch screen shows, month by month (PSI from the aggregated bins)', async () => {
    const branch = await driftReport(db, engine, { lang: 'en', months: ACTIVITY_MONTHS.length, until: ACTIVITY_MONTHS.at(-1), top: 1000 });
    expect(report.drift.byBranchMonth.map((m) => m.month)).toEqual(branch.byMonth.map((m) => m.month));
    for (const [i, month] of branch.byMonth.entries()) {
      const atHq = report.drift.byBranchMonth[i]!;
      expect(atHq.rows).toBe(month.rows);
      expect(atHq.insufficient).toBe(month.insufficient);
      expect(atHq.score).toEqual(month.score);
      const hqFeatures = new Map(atHq.features.map((f) => [f.feature, { psi: f.psi, status: f.status }]));
      for (const f of month.features) expect(hqFeatures.get(f.feature), `${month.month} ${f.feature}`).toEqual({ psi: f.psi, status: f.status });
    }
    expect(branch.byMonth.some((m) => m.score.psi !== null)).toBe(true);
  });

  it('gives HQ approval by group with the fairness screen’s definition, and defaults by band where outcomes are known', () => {
    const scored = lastScoresByMonth(db, { from: `${ACTIVITY_MONTHS[0]}-01`, to: '2026-07-01' });
    const gender = db.prepare('SELECT CODE_GENDER AS g, TARGET AS t FROM application WHERE SK_ID_CURR = ?');
    const atBranch = approvalByGroup(
      scored.map((s) => ({ group: sexGroup((gender.get(s.clientId) as { g: unknown }).g), approved: s.decision === 'granted' })),
      groupOrder('sex', 'en'),
    );
    expect(report.fairness.groupings.find((g) => g.attribute === 'sex')!.model).toEqual(atBranch);
    expect(report.fairness.groupings.map((g) => g.attribute)).toEqual(['sex', 'age', 'family']);
    const known = scored.filter((s) => [0, 1].includes((gender.get(s.clientId) as { t: unknown }).t as number)).length;
    expect(report.defaultsByBand.clients).toBe(known);
  });

  it('is what `octroi hq report` prints and writes (JSON, HTML plots)', async () => {
    const out = path.join(dir, 'report');
    const result = await runCli(['hq', 'report', '--pg', cluster.url, '--json', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as CompanyReport;
    expect(printed.activity.byBranch[0]!.decisions).toBe(160);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'))).toEqual(printed);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" role="img"');
    expect(html).toContain('jdupont');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it('writes each plot as SVG and as a PNG image of twice its size, drawn (bars and text), not blank', () => {
    const plots = path.join(dir, 'report', 'plots');
    const names = ['override-rate-by-branch', 'final-approval-rate-by-branch', 'approval-by-sex', 'approval-by-age', 'approval-by-family', 'default-rate-by-band'];
    expect(fs.readdirSync(plots).sort()).toEqual(names.flatMap((n) => [`${n}.png`, `${n}.svg`]).sort());
    for (const name of names) {
      const svg = fs.readFileSync(path.join(plots, `${name}.svg`), 'utf8');
      const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
      const png = readPng(fs.readFileSync(path.join(plots, `${name}.png`)));
      expect({ width: png.width, height: png.height }, name).toEqual({ width: 2 * width!, height: 2 * height! });
      const colours = new Map<number, number>();
      for (let k = 0; k < png.rgba.length; k += 4) {
        const rgb = (png.rgba[k]! << 16) | (png.rgba[k + 1]! << 8) | png.rgba[k + 2]!;
        colours.set(rgb, (colours.get(rgb) ?? 0) + 1);
      }
      const pixels = png.width * png.height;
      // White background, bars in blue (#0072b2) or, when warned or flagged, vermilion (#d55e00), dark text (antialiased: many shades).
      expect(colours.get(0xffffff)! / pixels, name).toBeGreaterThan(0.3);
      expect((colours.get(0x0072b2) ?? 0) + (colours.get(0xd55e00) ?? 0), `${name}: bar pixels`).toBeGreaterThan(100);
      const dark = [...colours].filter(([rgb]) => (rgb >> 16) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80).reduce((s, [, n]) => s + n, 0);
      expect(dark, `${name}: text pixels`).toBeGreaterThan(200);
    }
  });
});

describe('the HQ store', () => {
  it('refuses a URL that is not PostgreSQL’s, and an unreachable server, in one sentence', async () => {
    await expect(openHqStore('mysql://x@127.0.0.1/db')).rejects.toThrow('--pg must start with postgres://');
    const closed = new URL(cluster.url);
    closed.port = String(cluster.port === 1 ? 2 : 1);
    await expect(openHqStore(closed.toString())).rejects.toThrow(/cannot connect to the HQ store at 127\.0\.0\.1:\d+\/octroi_hq/);
  });
});
