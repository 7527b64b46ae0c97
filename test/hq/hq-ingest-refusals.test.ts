/**
 * What HQ refuses at ingest, on a real PostgreSQL server: every tampering of the decision log (an entry
 * altered, deleted, reordered, inserted), a full chain rewrite between two exports, a replayed old period,
 * a missing bundle, a file altered after export, a bad signature, an unknown branch. Each refusal names
 * what is wrong, changes nothing in the store and flags the branch (not for an unknown branch).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash, type DecisionLogRow } from '../../db/decision-entry-hash.js';
import { openDatabase } from '../../db/open-database.js';
import { ingestBundle } from '../../hq/ingest/ingest-bundle.js';
import { BundleRefusedError } from '../../hq/ingest/read-bundle.js';
import { addBranch, branchFlags } from '../../hq/store/branches.js';
import { type HqClient } from '../../hq/store/hq-store.js';
import { createBranchKey, loadBranchKey, type BranchKey } from '../../model/governance/branch-key.js';
import { exportReportBundle } from '../../model/governance/report-bundle/export-bundle.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { ACTIVITY_MONTHS, copyBranch, openForTampering, rehashChain } from '../support/branch-activity.js';
import type { PgCluster } from '../support/pg-cluster.js';
import { startHqTestBed, type HqTestBed } from '../support/hq-test-bed.js';
import { runCliAsync as runCli } from '../support/run-cli.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

let bed: HqTestBed;
let dir: string;
let cluster: PgCluster;
let engine: ScoringEngine;
let base: string;
let key: BranchKey;
let keyFile: string;
let hq: HqClient;

beforeAll(async () => {
  bed = await startHqTestBed('octroi-hq-refusals-');
  ({ dir, cluster, engine, base, key, keyFile, hq } = bed);
}, 240_000);

afterAll(async () => {
  await bed?.stop();
});

/** A branch of its own (a copy of the base database under its own name) whose first bundle HQ holds. */
async function branchWithFirstBundle(name: string): Promise<{ file: string; first: string; bundle: (label: string, options?: { since?: string | null; until?: string }) => Promise<string> }> {
  const file = copyBranch(base, name);
  await addBranch(hq, name, key.publicKeyPem, `${keyFile}.pub.pem`);
  const bundle = async (label: string, options: { since?: string | null; until?: string } = {}) => {
    const out = path.join(dir, `${name}-${label}`);
    const db = openDatabase(file, { key: TEST_DB_KEY, readonly: true });
    try {
      await exportReportBundle(db, engine, key, out, {
        branch: name,
        appVersion: 'test',
        since: options.since === null ? undefined : (options.since ?? path.join(dir, `${name}-1`)),
        until: options.until ?? ACTIVITY_MONTHS[3],
      });
    } finally {
      db.close();
    }
    return out;
  };
  const first = await bundle('1', { since: null, until: ACTIVITY_MONTHS[1] });
  expect((await ingestBundle(hq, first)).status).toBe('ingested');
  return { file, first, bundle };
}

/** What HQ holds of a branch. */
async function held(name: string) {
  const { rows } = await hq.query(
    `SELECT b.head_seq AS "headSeq", b.last_month AS "lastMonth", b.flagged, (SELECT count(*)::int FROM hq_decision_log l WHERE l.branch = b.name) AS entries,
            (SELECT count(*)::int FROM hq_score_event s WHERE s.branch = b.name) AS scores FROM hq_branch b WHERE b.name = $1`,
    [name],
  );
  return rows[0] as { headSeq: number; lastMonth: string; flagged: boolean; entries: number; scores: number };
}

/** Ingests, expecting a refusal with this problem; checks nothing changed and the branch is flagged. */
async function expectRefused(name: string, bundle: string, problem: string, message: RegExp): Promise<void> {
  const before = await held(name);
  const error = await ingestBundle(hq, bundle).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleRefusedError);
  expect((error as BundleRefusedError).problem).toBe(problem);
  expect((error as BundleRefusedError).message).toMatch(message);
  expect(await held(name)).toEqual({ ...before, flagged: true });
  expect((await branchFlags(hq, name))[0]).toMatchObject({ problem });
}

const NEW_ENTRY = 100; // an entry of the second period (entries 81–160)

describe('HQ refuses a bundle whose decision log does not continue the chain it holds', () => {
  it('an entry altered at the branch (content changed, hash left)', async () => {
    const { file, bundle } = await branchWithFirstBundle('altered');
    const db = openForTampering(file);
    db.prepare("UPDATE decision_log SET comment = 'nothing to see' WHERE seq = ?").run(NEW_ENTRY);
    db.close();
    await expectRefused('altered', await bundle('2'), 'altered', new RegExp(`entry ${NEW_ENTRY} was altered`));
  });

  it('an entry deleted at the branch', async () => {
    const { file, bundle } = await branchWithFirstBundle('deleted');
    const db = openForTampering(file);
    db.prepare('DELETE FROM decision_log WHERE seq = ?').run(NEW_ENTRY);
    db.close();
    await expectRefused('deleted', await bundle('2'), 'deleted', new RegExp(`entry ${NEW_ENTRY} is missing`));
  });

  it('two entries swapped at the branch', async () => {
    const { file, bundle } = await branchWithFirstBundle('reordered');
    const db = openForTampering(file);
    const get = db.prepare('SELECT * FROM decision_log WHERE seq = ?');
    const [a, b] = [get.get(NEW_ENTRY) as DecisionLogRow, get.get(NEW_ENTRY + 1) as DecisionLogRow];
    const columns = Object.keys(a).filter((c) => c !== 'seq');
    const put = db.prepare(`UPDATE decision_log SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
    db.transaction(() => {
      // The second entry steps aside first (hash and client are unique), then each takes the other's place.
      db.prepare("UPDATE decision_log SET hash = 'swap', client_id = -1 WHERE seq = ?").run(NEW_ENTRY + 1);
      put.run({ ...b, seq: NEW_ENTRY });
      put.run({ ...a, seq: NEW_ENTRY + 1 });
    })();
    db.close();
    await expectRefused('reordered', await bundle('2'), 'reordered', new RegExp(`entry ${NEW_ENTRY} is out of order`));
  });

  it('an entry inserted at the branch (a forged, self-consistent entry, the rest renumbered)', async () => {
    const { file, bundle } = await branchWithFirstBundle('inserted');
    const db = openForTampering(file);
    const before = db.prepare('SELECT * FROM decision_log WHERE seq = ?').get(NEW_ENTRY - 1) as DecisionLogRow;
    db.transaction(() => {
      db.prepare('UPDATE decision_log SET seq = -seq WHERE seq >= ?').run(NEW_ENTRY);
      db.prepare('UPDATE decision_log SET seq = -seq + 1 WHERE seq < 0').run();
      const forged = { ...before, seq: NEW_ENTRY, client_id: 999_999, comment: 'granted by a friend', prev_hash: before.hash };
      const row = { ...forged, hash: entryHash(forged) };
      db.prepare(
        `INSERT INTO decision_log (seq, kind, client_id, decision, override_direction, reason_code, comment, model_decision, probability, threshold, model_version,
           refers_to, user_id, username, branch, recorded_at, prev_hash, hash)
         VALUES (@seq, @kind, @client_id, @decision, @override_direction, @reason_code, @comment, @model_decision, @probability, @threshold, @model_version,
           @refers_to, @user_id, @username, @branch, @recorded_at, @prev_hash, @hash)`,
      ).run(row);
    })();
    db.close();
    await expectRefused('inserted', await bundle('2'), 'inserted', new RegExp(`entry ${NEW_ENTRY} was inserted`));
  });

  it('the whole chain rewritten between two exports, every hash recomputed (audit verify would pass)', async () => {
    const { file, bundle } = await branchWithFirstBundle('rewritten');
    const db = openForTampering(file);
    db.prepare("UPDATE decision_log SET decision = 'granted', override_direction = NULL, comment = '' WHERE seq = 2").run();
    rehashChain(db);
    db.close();
    const audit = await runCli(['audit', 'verify', '--db', file]);
    expect(audit.status, audit.stderr).toBe(0);
    await expectRefused('rewritten', await bundle('2'), 'rewritten', /the decision log was rewritten: the bundle continues from entry 80/);
  });

  it('an old period sent again (replayed), and a bundle skipped (missing entries)', async () => {
    const { bundle, first } = await branchWithFirstBundle('replay');
    const third = await bundle('3', { until: ACTIVITY_MONTHS[2] });
    const fourth = await bundle('4', { since: third, until: ACTIVITY_MONTHS[3] });
    await expectRefused('replay', fourth, 'missing', /entries 81–\d+ are missing: HQ holds the decision log up to entry 80/);
    expect((await ingestBundle(hq, third)).status).toBe('ingested');
    expect((await ingestBundle(hq, fourth)).status).toBe('ingested');
    // The same old bundle again is a no-op; a re-export of an old period (other bytes) is a replay.
    expect((await ingestBundle(hq, first)).status).toBe('already-ingested');
    const replayed = await bundle('2-replayed', { until: ACTIVITY_MONTHS[3] });
    await expectRefused('replay', replayed, 'replayed', /repeats entries HQ already holds/);
  });
});

describe('HQ refuses a bundle that is not what the branch signed', () => {
  it('a data file altered after export', async () => {
    const { bundle } = await branchWithFirstBundle('in-transit');
    const second = await bundle('2');
    const file = path.join(second, 'score-events.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"decision":"refused"/, '"decision":"granted"'));
    await expectRefused('in-transit', second, 'file-altered', /score-events\.jsonl is not the file the branch signed/);
  });

  it('a manifest altered after signing, or signed with another key', async () => {
    const { bundle } = await branchWithFirstBundle('forged');
    const second = await bundle('2');
    const manifest = path.join(second, 'manifest.json');
    const original = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, original.replace('"appVersion":"test"', '"appVersion":"tést"'));
    await expectRefused('forged', second, 'bad-signature', /is not the branch "forged"'s/);
    fs.writeFileSync(manifest, original);
    const otherKeyFile = path.join(dir, 'other-key.pem');
    createBranchKey(otherKeyFile);
    const other = loadBranchKey(otherKeyFile);
    fs.writeFileSync(path.join(second, 'manifest.sig'), JSON.stringify({ algorithm: 'ed25519', keyId: other.keyId, signature: other.sign(Buffer.from(original)).toString('base64') }));
    await expectRefused('forged', second, 'bad-signature', new RegExp(`the bundle names ${other.keyId}`));
  });

  it('a bundle from a branch HQ has not registered: refused, nothing written, no branch flagged; the CLI exits 2', async () => {
    const db = openDatabase(base, { key: TEST_DB_KEY, readonly: true });
    const out = path.join(dir, 'unknown-1');
    await exportReportBundle(db, engine, key, out, { branch: 'Nowhere', appVersion: 'test', until: ACTIVITY_MONTHS[1] });
    db.close();
    await expect(ingestBundle(hq, out)).rejects.toMatchObject({ problem: 'unknown-branch', flag: false });
    expect((await hq.query("SELECT count(*)::int AS n FROM hq_bundle WHERE branch = 'Nowhere'")).rows[0].n).toBe(0);
    const cli = await runCli(['hq', 'ingest', '--pg', cluster.url, out, path.join(dir, 'no-such-bundle')]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('REFUSED [unknown-branch]: the bundle comes from the branch "Nowhere", which HQ has not registered');
    expect(cli.stderr).toContain('no-such-bundle is not a bundle folder');
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
});
