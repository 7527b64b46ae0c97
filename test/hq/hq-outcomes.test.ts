/**
 * Outcomes for retraining, on a real PostgreSQL server: a branch sends the known outcomes (TARGET) of the
 * clients it scored or decided on only when asked (--with-outcomes), client id and outcome only; IT may
 * have the client ids of score events and outcomes replaced by keyed pseudonyms, which stay the same from
 * one bundle to the next and still join at HQ. HQ keeps one outcome per client, and its default rate by
 * band counts the outcomes that came back after the month's bundle, with the branch monitoring's code.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import { lastScoresByMonth } from '../../db/report-bundle-queries.js';
import { ingestBundle } from '../../hq/ingest/ingest-bundle.js';
import { companyReport } from '../../hq/report/company-report.js';
import { addBranch } from '../../hq/store/branches.js';
import { openHqStore } from '../../hq/store/hq-store.js';
import { bandDefaultRates } from '../../model/governance/monitoring/activity-report.js';
import type { BundleManifest, MonitoringAggregates } from '../../model/governance/report-bundle/bundle-format.js';
import { loadPseudonymKey, type ClientPseudonymiser } from '../../model/governance/report-bundle/client-pseudonym.js';
import { exportReportBundle, type ExportBundleOptions } from '../../model/governance/report-bundle/export-bundle.js';
import { monitoringAggregates } from '../../model/governance/report-bundle/monitoring-aggregates.js';
import type { ScoreBand } from '../../model/scoring/score-band.js';
import { ACTIVITY_MONTHS, copyBranch } from '../support/branch-activity.js';
import { startHqTestBed, type HqTestBed } from '../support/hq-test-bed.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

let bed: HqTestBed;
let secretFile: string;
let pseudonymiser: ClientPseudonymiser;

beforeAll(async () => {
  bed = await startHqTestBed('octroi-bed.hq-outcomes-');
  secretFile = path.join(bed.dir, 'pseudonym.key');
  fs.writeFileSync(secretFile, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  pseudonymiser = loadPseudonymKey(secretFile);
}, 240_000);

afterAll(async () => {
  await bed?.stop();
});

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const manifestOf = (bundle: string) => JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as BundleManifest;
const bundleBytes = (bundle: string) => Object.fromEntries(fs.readdirSync(bundle).sort().map((f) => [f, fs.readFileSync(path.join(bundle, f)).toString('base64')]));

/** Exports one bundle of a branch copy (opened read-only, as the CLI does). */
async function exportOf(file: string, out: string, options: Omit<ExportBundleOptions, 'appVersion'>): Promise<string> {
  const db = openDatabase(file, { key: TEST_DB_KEY, readonly: true });
  try {
    await exportReportBundle(db, bed.engine, bed.key, out, { appVersion: 'test', ...options });
  } finally {
    db.close();
  }
  return out;
}

/** The clients scored or decided on before `before` whose TARGET is known, read from the branch's tables directly. */
function expectedOutcomes(db: Db, before: string): Map<number, number> {
  const ids = new Set<number>([
    ...(db.prepare('SELECT client_id FROM score_event WHERE scored_at < ?').pluck().all(before) as number[]),
    ...(db.prepare("SELECT client_id FROM decision_log WHERE kind = 'decision' AND recorded_at < ?").pluck().all(before) as number[]),
  ]);
  const target = db.prepare('SELECT TARGET FROM application WHERE SK_ID_CURR = ?').pluck();
  const out = new Map<number, number>();
  for (const id of ids) {
    const t = target.get(id);
    if (t === 0 || t === 1) out.set(id, t);
  }
  return out;
}

/** The branch's own default rate by band over the whole activity (its monitoring aggregates, summed over months). */
async function branchDefaultsByBand(file: string) {
  const db = openDatabase(file, { key: TEST_DB_KEY, readonly: true });
  try {
    const months = [...ACTIVITY_MONTHS];
    const aggregates: MonitoringAggregates = await monitoringAggregates(db, bed.engine, { months, from: `${months[0]}-01`, to: '2026-07-01' });
    const counts = new Map<ScoreBand, { clients: number; defaults: number }>();
    for (const o of aggregates.outcomes) {
      const c = counts.get(o.band) ?? { clients: 0, defaults: 0 };
      counts.set(o.band, { clients: c.clients + o.clients, defaults: c.defaults + o.defaults });
    }
    return bandDefaultRates(counts);
  } finally {
    db.close();
  }
}

const monthBounds = (until: string) => `${until.slice(0, 4)}-${String(Number(until.slice(5)) + 1).padStart(2, '0')}-01`;

describe('outcomes sent to HQ for retraining', () => {
  const plain = 'Outcomes plain';
  const pseudo = 'Outcomes pseudonymised';
  let plainFile: string;
  let pseudoFile: string;
  let late: number[];

  it('are not sent without --with-outcomes, and client ids stay as stored without a key', async () => {
    const file = copyBranch(bed.base, 'no-outcomes');
    const bundle = await exportOf(file, path.join(bed.dir, 'no-outcomes-1'), { until: ACTIVITY_MONTHS[1] });
    expect(fs.readdirSync(bundle)).not.toContain('outcomes.jsonl');
    expect(manifestOf(bundle).content).toEqual({ outcomes: false, clientIds: 'as-stored' });
    expect(manifestOf(bundle).files['outcomes.jsonl']).toBeUndefined();
    expect(readLines(path.join(bundle, 'score-events.jsonl')).every((e) => Number.isInteger(e.client_id))).toBe(true);
  });

  it('are the known outcomes of the clients scored or decided on, client id and outcome only; HQ stores one per client', async () => {
    plainFile = copyBranch(bed.base, 'outcomes-plain');
    await addBranch(bed.hq, plain, bed.key.publicKeyPem, `${bed.keyFile}.pub.pem`);
    // Thirty clients scored in the first month whose outcome is not known yet when the first bundle leaves.
    {
      const db = openDatabase(plainFile, { key: TEST_DB_KEY });
      const firstMonth = lastScoresByMonth(db, { from: `${ACTIVITY_MONTHS[0]}-01`, to: `${ACTIVITY_MONTHS[1]}-01` });
      late = firstMonth.map((s) => s.clientId).filter((id) => [0, 1].includes(db.prepare('SELECT TARGET FROM application WHERE SK_ID_CURR = ?').pluck().get(id) as number)).slice(0, 30);
      db.prepare(`CREATE TABLE late_outcome AS SELECT SK_ID_CURR, TARGET FROM application WHERE SK_ID_CURR IN (${late.join(',')})`).run();
      db.prepare(`UPDATE application SET TARGET = NULL WHERE SK_ID_CURR IN (${late.join(',')})`).run();
      db.close();
    }
    const first = await exportOf(plainFile, path.join(bed.dir, 'plain-1'), { branch: plain, until: ACTIVITY_MONTHS[1], withOutcomes: true });
    const outcomes = readLines(path.join(first, 'outcomes.jsonl'));
    const db = openDatabase(plainFile, { key: TEST_DB_KEY, readonly: true });
    const expected = expectedOutcomes(db, monthBounds(ACTIVITY_MONTHS[1]));
    db.close();
    expect(outcomes.length).toBeGreaterThan(100);
    expect(new Map(outcomes.map((o) => [o.client_id, o.target]))).toEqual(expected);
    for (const o of outcomes) expect(Object.keys(o).sort()).toEqual(['client_id', 'target']);
    expect(outcomes.some((o) => late.includes(o.client_id as number))).toBe(false);
    expect(manifestOf(first).content).toEqual({ outcomes: true, clientIds: 'as-stored' });
    expect(manifestOf(first).files['outcomes.jsonl']!.rows).toBe(outcomes.length);

    expect(await ingestBundle(bed.hq, first)).toMatchObject({ status: 'ingested' });
    const held = async (branch: string) => (await bed.hq.query('SELECT count(*)::int AS n FROM hq_outcome WHERE branch = $1', [branch])).rows[0].n as number;
    expect(await held(plain)).toBe(outcomes.length);
    expect(await ingestBundle(bed.hq, first)).toMatchObject({ status: 'already-ingested' });
    expect(await held(plain)).toBe(outcomes.length);
  });

  it('that come back after the month was sent count in HQ’s default rate by band, as the branch counts them', async () => {
    // The late outcomes come back at the branch; the next bundle sends every known outcome again.
    const db = openDatabase(plainFile, { key: TEST_DB_KEY });
    db.prepare('UPDATE application SET TARGET = (SELECT l.TARGET FROM late_outcome l WHERE l.SK_ID_CURR = application.SK_ID_CURR) WHERE SK_ID_CURR IN (SELECT SK_ID_CURR FROM late_outcome)').run();
    const expected = expectedOutcomes(db, '2026-07-01');
    db.close();
    const second = await exportOf(plainFile, path.join(bed.dir, 'plain-2'), { branch: plain, since: path.join(bed.dir, 'plain-1'), until: ACTIVITY_MONTHS[3], withOutcomes: true });
    expect(readLines(path.join(second, 'outcomes.jsonl')).filter((o) => late.includes(o.client_id as number))).toHaveLength(late.length);
    expect(await ingestBundle(bed.hq, second)).toMatchObject({ status: 'ingested' });
    // Repeated outcomes are kept once per client.
    expect((await bed.hq.query('SELECT count(*)::int AS n FROM hq_outcome WHERE branch = $1', [plain])).rows[0].n).toBe(expected.size);

    const report = await companyReport(bed.hq, { lang: 'en' });
    expect(report.defaultsByBand.fromOutcomes).toEqual([plain]);
    const atBranch = await branchDefaultsByBand(plainFile);
    expect(report.defaultsByBand.bands).toEqual(atBranch);
    // The counts the first bundle carried missed the late outcomes of its first month; HQ's figure has them.
    const sent = (JSON.parse(fs.readFileSync(path.join(bed.dir, 'plain-1', 'monitoring.json'), 'utf8')) as MonitoringAggregates).outcomes
      .filter((o) => o.month === ACTIVITY_MONTHS[0])
      .reduce((s, o) => s + o.clients, 0);
    const firstMonthAtHq = (
      await bed.hq.query(
        `SELECT count(DISTINCT s.client_id)::int AS n FROM hq_score_event s JOIN hq_outcome o ON o.branch = s.branch AND o.client_id = s.client_id
         WHERE s.branch = $1 AND s.month = $2`,
        [plain, ACTIVITY_MONTHS[0]],
      )
    ).rows[0].n as number;
    expect(firstMonthAtHq).toBe(sent + late.length);
  });

  it('carry keyed pseudonyms when IT gives a key: the same in every bundle, no client id, and they join at HQ', async () => {
    pseudoFile = copyBranch(plainFile, 'outcomes-pseudo');
    await addBranch(bed.hq, pseudo, bed.key.publicKeyPem, `${bed.keyFile}.pub.pem`);
    const first = await exportOf(pseudoFile, path.join(bed.dir, 'pseudo-1'), { branch: pseudo, until: ACTIVITY_MONTHS[1], withOutcomes: true, pseudonymiser });
    const second = await exportOf(pseudoFile, path.join(bed.dir, 'pseudo-2'), { branch: pseudo, since: first, until: ACTIVITY_MONTHS[3], withOutcomes: true, pseudonymiser });

    const secret = fs.readFileSync(secretFile, 'utf8').trim();
    const hmac = (id: number) => crypto.createHmac('sha256', secret).update(String(id)).digest('hex');
    for (const bundle of [first, second]) {
      const manifest = manifestOf(bundle);
      expect(manifest.content).toEqual({ outcomes: true, clientIds: 'pseudonymised', pseudonymKeyId: pseudonymiser.keyId });
      for (const name of fs.readdirSync(bundle)) {
        const text = fs.readFileSync(path.join(bundle, name), 'utf8');
        expect(text, name).not.toContain(secret);
        expect(text, name).not.toContain(Buffer.from(secret).toString('base64'));
      }
      for (const name of ['score-events.jsonl', 'outcomes.jsonl']) {
        expect(fs.readFileSync(path.join(bundle, name), 'utf8'), name).not.toMatch(/"client_id":\d/);
      }
    }
    // Score event for score event, the pseudonym is the HMAC of the id the plain bundle carries.
    const plainEvents = readLines(path.join(bed.dir, 'plain-1', 'score-events.jsonl'));
    const pseudoEvents = readLines(path.join(first, 'score-events.jsonl'));
    expect(pseudoEvents.map((e) => e.client_id)).toEqual(plainEvents.map((e) => hmac(e.client_id as number)));
    // The same client, the same pseudonym in both bundles.
    const firstOutcomes = new Map(readLines(path.join(first, 'outcomes.jsonl')).map((o) => [o.client_id, o.target]));
    const secondOutcomes = new Map(readLines(path.join(second, 'outcomes.jsonl')).map((o) => [o.client_id, o.target]));
    for (const [pseudonym, target] of firstOutcomes) expect(secondOutcomes.get(pseudonym)).toBe(target);

    for (const bundle of [first, second]) expect(await ingestBundle(bed.hq, bundle)).toMatchObject({ status: 'ingested' });
    const joined = async (branch: string) =>
      (
        await bed.hq.query(
          `SELECT count(*)::int AS n, sum(o.target)::int AS defaults FROM hq_score_event s JOIN hq_outcome o ON o.branch = s.branch AND o.client_id = s.client_id WHERE s.branch = $1`,
          [branch],
        )
      ).rows[0];
    const pseudoJoin = await joined(pseudo);
    expect(pseudoJoin.n).toBeGreaterThan(1000);
    expect(pseudoJoin).toEqual(await joined(plain));
    const report = await companyReport(bed.hq, { lang: 'en' });
    expect(report.defaultsByBand.fromOutcomes).toEqual([pseudo, plain].sort());
    const atBranch = await branchDefaultsByBand(pseudoFile);
    expect(report.defaultsByBand.bands.map((b) => b.clients)).toEqual(atBranch.map((b) => 2 * b.clients));
  });

  it('are the same bytes when the same period is exported twice; another bed.key gives other pseudonyms', async () => {
    const again = await exportOf(pseudoFile, path.join(bed.dir, 'pseudo-1-again'), { branch: pseudo, until: ACTIVITY_MONTHS[1], withOutcomes: true, pseudonymiser, now: new Date('2031-01-01T00:00:00Z') });
    expect(bundleBytes(again)).toEqual(bundleBytes(path.join(bed.dir, 'pseudo-1')));
    const otherSecret = path.join(bed.dir, 'other.key');
    fs.writeFileSync(otherSecret, crypto.randomBytes(32));
    const other = await exportOf(pseudoFile, path.join(bed.dir, 'pseudo-1-other-key'), { branch: pseudo, until: ACTIVITY_MONTHS[1], withOutcomes: true, pseudonymiser: loadPseudonymKey(otherSecret) });
    const ids = (bundle: string) => readLines(path.join(bundle, 'outcomes.jsonl')).map((o) => o.client_id);
    expect(ids(other)).toHaveLength(ids(again).length);
    expect(ids(other).filter((id) => ids(again).includes(id))).toEqual([]);
    expect(manifestOf(other).content.pseudonymKeyId).not.toBe(pseudonymiser.keyId);
  });
});

describe('an HQ store of the first format', () => {
  it('is upgraded when opened: score events’ client ids become text, outcomes have their table', async () => {
    await bed.hq.query('CREATE DATABASE octroi_hq_v1');
    const url = bed.cluster.url.replace(/\/octroi_hq$/, '/octroi_hq_v1');
    const v1 = new pg.Client({ connectionString: url });
    await v1.connect();
    await v1.query(`CREATE TABLE hq_schema (version integer NOT NULL); INSERT INTO hq_schema VALUES (1);
      CREATE TABLE hq_branch (name text PRIMARY KEY, public_key text NOT NULL, key_id text NOT NULL);
      INSERT INTO hq_branch VALUES ('old', 'k', 'k');
      CREATE TABLE hq_score_event (branch text NOT NULL REFERENCES hq_branch (name), event_id integer NOT NULL, client_id bigint NOT NULL,
        month text NOT NULL, model_version text NOT NULL, probability double precision NOT NULL, threshold double precision NOT NULL,
        decision text NOT NULL, PRIMARY KEY (branch, event_id));
      INSERT INTO hq_score_event VALUES ('old', 1, 100002, '2026-01', 'v', 0.3, 0.1, 'refused');`);
    await v1.end();
    const store = await openHqStore(url);
    try {
      expect((await store.query('SELECT version FROM hq_schema')).rows).toEqual([{ version: 2 }]);
      expect((await store.query('SELECT client_id FROM hq_score_event')).rows).toEqual([{ client_id: '100002' }]);
      expect((await store.query("SELECT to_regclass('hq_outcome') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
    } finally {
      await store.end();
    }
  });
});
