/** `octroi branch-key create` and `octroi report export` as IT runs them: the bundle, and every refusal in one line. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts } from '../../demo/demo-accounts.js';
import { writeDemoActivity } from '../../demo/demo-activity.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';
import { runCliAsync as runCli } from '../support/run-cli.js';
import { openShippedEngine } from '../support/shipped-engine.js';

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = tempDir('octroi-report-cli-');
  const fixture = await fixtureDatabase();
  createDemoAccounts(fixture.db);
  const engine = await openShippedEngine();
  await writeDemoActivity(fixture.db, engine, { seed: 3, end: new Date('2026-05-10T00:00:00Z'), months: 2, perMonth: 60 });
  await engine.close();
  fixture.db.close();
  dbPath = fixture.path;
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LONG = 300_000;

describe('octroi branch-key create and report export', () => {
  const keyOf = () => path.join(dir, 'branch.pem');
  const firstOf = () => path.join(dir, 'b1');

  it('creates the key once and exports a bundle with it', async () => {
    const key = path.join(dir, 'branch.pem');
    const created = await runCli(['branch-key', 'create', '--out', key]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain(`${path.join(dir, 'branch.pub.pem')} (public: HQ registers it with octroi hq branch add)`);
    expect((await runCli(['branch-key', 'create', '--out', key])).stderr).toContain('already exists: a branch key is never overwritten');

    const first = path.join(dir, 'b1');
    const noKey = await runCli(['report', 'export', '--db', dbPath, '--out', first], { env: { OCTROI_BRANCH_KEY: '' } });
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('no branch key: pass --branch-key FILE or set OCTROI_BRANCH_KEY');

    const ok = await runCli(['report', 'export', '--db', dbPath, '--out', first, '--until', '2026-03', '--json'], { env: { OCTROI_BRANCH_KEY: key } });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ branch: 'DEMO branch', period: { from: '2026-03', to: '2026-03' }, chain: { entries: 0 } });
    expect(fs.readdirSync(first).sort()).toEqual(['decision-log.jsonl', 'manifest.json', 'manifest.sig', 'model-installs.jsonl', 'monitoring.json', 'policy-changes.jsonl', 'score-events.jsonl']);
    expect(noKey.stderr).not.toMatch(/\n\s+at /);
  }, LONG);

  it('refuses an existing folder, an empty period and a bad month in one line', async () => {
    const [key, first] = [keyOf(), firstOf()];

    const again = await runCli(['report', 'export', '--db', dbPath, '--out', first, '--branch-key', key]);
    expect(again.stderr).toContain(`${first} already exists: a bundle is written into a new folder`);
    const nothing = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'b0'), '--branch-key', key, '--since', first, '--until', '2026-03']);
    expect(nothing.stderr).toContain('nothing to export yet: the previous bundle ends with 2026-03');
    const badMonth = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'bm'), '--branch-key', key, '--until', '2026-13']);
    expect(badMonth.stderr).toContain('--until must be a month YYYY-MM, got "2026-13"');

    for (const r of [again, nothing, badMonth]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, LONG);

  it('continues after the previous bundle, and refuses one signed by another key', async () => {
    const [key, first] = [keyOf(), firstOf()];
    const other = path.join(dir, 'other.pem');
    await runCli(['branch-key', 'create', '--out', other]);
    const foreign = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'b2'), '--branch-key', other, '--since', first, '--until', '2026-04']);
    expect(foreign.stderr).toMatch(/--since .*b1 was not signed by this branch key/);
    const second = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'b2'), '--branch-key', key, '--since', first, '--until', '2026-04']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('DEMO branch, 2026-04 to 2026-04');
    expect(foreign.stderr).not.toMatch(/\n\s+at /);
  }, LONG);

  it('sends outcomes only with --with-outcomes, pseudonymised with --pseudonymise-key; a key too short is refused in one line', async () => {
    const key = keyOf();
    const secret = path.join(dir, 'pseudonym.key');
    fs.writeFileSync(secret, 'too short\n');
    const short = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'p0'), '--branch-key', key, '--until', '2026-03', '--pseudonymise-key', secret]);
    expect(short.status).toBe(1);
    expect(short.stderr).toContain(`--pseudonymise-key ${secret} holds 9 bytes; a key needs at least 32: make one with: head -c 32 /dev/urandom > ${secret}`);
    const missing = await runCli(['report', 'export', '--db', dbPath, '--out', path.join(dir, 'p0'), '--branch-key', key, '--pseudonymise-key', path.join(dir, 'nope.key')]);
    expect(missing.stderr).toContain('nope.key does not exist');
    expect(fs.existsSync(path.join(dir, 'p0'))).toBe(false);

    fs.writeFileSync(secret, Buffer.alloc(32, 7));
    const out = path.join(dir, 'p1');
    const ok = await runCli(['report', 'export', '--db', dbPath, '--out', out, '--branch-key', key, '--until', '2026-03', '--with-outcomes', '--pseudonymise-key', secret]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/\d+ score events, \d+ outcomes, client ids pseudonymised \(key [0-9a-f]{16}\)/);
    const outcomes = fs.readFileSync(path.join(out, 'outcomes.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { client_id: string; target: number });
    expect(outcomes.length).toBeGreaterThan(10);
    for (const o of outcomes) expect(o.client_id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).content).toMatchObject({ outcomes: true, clientIds: 'pseudonymised' });
    for (const r of [short, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, LONG);
});
