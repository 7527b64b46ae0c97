/** `octroi score` as a user runs it: one client (text and JSON), every client to CSV, and the ways it refuses. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { scoreClient } from '../../model/scoring/client-scoring.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { openShippedFixture, type ShippedFixture } from '../support/shipped-engine.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';
import { cliEnvironment, runCli } from '../support/run-cli.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';

let fixture: ShippedFixture;
let db: Db;
let dbPath: string;
const modelPath = SHIPPED_MODEL;
let engine: ScoringEngine;

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, dbPath, engine } = fixture);
});
afterAll(() => fixture?.close());

const score = (...args: string[]) => runCli(['score', '--db', dbPath, '--model', modelPath, ...args]);

describe('octroi score --client', () => {
  it('--json prints probability, threshold, decision, band and reasons {feature, label, value, contribution}', async () => {
    // One refused and one granted client of the fixture.
    const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
    const scores = await Promise.all(ids.slice(0, 60).map((id) => scoreClient(db, engine, id, { lang: 'fr' })));
    const refused = scores.find((s) => s.decision === 'refused')!;
    const granted = scores.find((s) => s.decision === 'granted')!;
    for (const expected of [refused, granted]) {
      const run = score('--client', String(expected.clientId), '--json', '--lang', 'fr');
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({
        clientId: expected.clientId,
        probability: expected.probability,
        threshold: expected.threshold,
        decision: expected.decision,
        band: expected.band,
        modelVersion: expected.modelVersion,
      });
      expect(out.reasons).toEqual(expected.reasons.map(({ input, label, value, contribution }) => ({ input, label, value, contribution })));
      for (const reason of out.reasons) expect(Object.keys(reason).sort()).toEqual(['contribution', 'input', 'label', 'value']);
      if (expected.decision === 'refused') {
        expect(out.counterOffer.amount.status).toMatch(/^(offer|none)$/);
        expect(out.counterOffer.duration.status).toMatch(/^(offer|none)$/);
      } else {
        expect(out).not.toHaveProperty('counterOffer');
      }
    }
  });

  it('prints a readable report in English or French', () => {
    const en = score('--client', '100002');
    expect(en.status, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/^Client 100002\n {2}Probability of default: [\d.]+% \(threshold [\d.]+%\)\n {2}Decision: (granted|refused) \(band [A-E]\)/);
    expect(en.stdout).toMatch(/Reasons against \(raise the risk\):\n\s+\+\d+\.\d pts {2}\S/);
    const fr = score('--client', '100002', '--lang', 'fr');
    expect(fr.status, fr.stderr).toBe(0);
    expect(fr.stdout).toMatch(/Probabilité de défaut : [\d,]+\s%/);
    expect(fr.stdout).toMatch(/Raisons défavorables/);
  });

  it('refuses an unknown client with a clear message and a non-zero exit code', () => {
    const run = score('--client', '42');
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^octroi: No client with SK_ID_CURR 42 in the database .*fixture\.db\.\n$/);
  });

  it('refuses a model whose bytes were altered after signing, with the verification message', () => {
    const dir = tempDir('octroi-bad-model-');
    const copy = path.join(dir, 'model.onnx');
    fs.copyFileSync(modelPath, copy);
    fs.copyFileSync(`${modelPath}.sig`, `${copy}.sig`);
    const bytes = fs.readFileSync(copy);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(copy, bytes);
    const run = runCli(['score', '--db', dbPath, '--model', copy, '--client', '100002']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/was refused: .*altered or replaced after signing/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // one line, no stack
  });

  it('finds the default model beside the code, not in the working directory', () => {
    const cwd = tempDir('octroi-cwd-');
    // tsx by its file URL: from a foreign folder, the bare name "tsx" does not resolve.
    const tsx = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const cli = path.join(REPO_ROOT, 'cli', 'octroi.ts');
    const run = spawnSync(process.execPath, ['--import', tsx, cli, 'score', '--db', dbPath, '--client', '100002'], { cwd, encoding: 'utf8', env: cliEnvironment() });
    if (fs.existsSync(SHIPPED_MODEL)) expect(run.status, run.stderr).toBe(0);
    else expect(run.stderr).toContain(`no model file at ${SHIPPED_MODEL}`);
  });

  it('says which options are missing or wrong', () => {
    expect(score().stderr).toMatch(/either --client ID or --all/);
    expect(score('--all').stderr).toMatch(/--all needs --out/);
    expect(score('--client', 'abc').stderr).toMatch(/--client must be a whole number/);
    const missingDb = runCli(['score', '--db', path.join(tempDir(), 'none.db'), '--model', modelPath, '--client', '1']);
    expect(missingDb.status).not.toBe(0);
    expect(missingDb.stderr).toMatch(/does not exist/);
    const empty = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(empty, '');
    const notOctroi = runCli(['score', '--db', empty, '--model', modelPath, '--all', '--out', path.join(tempDir(), 'x.csv')]);
    expect(notOctroi.status).not.toBe(0);
    expect(notOctroi.stderr).toMatch(/is not an Octroi database/);
  });
});

describe('octroi score --all', () => {
  it('writes SK_ID_CURR,probability,decision for every client', async () => {
    const out = path.join(tempDir(), 'scores.csv');
    const run = score('--all', '--out', out, '--json');
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('SK_ID_CURR,probability,decision');
    const rows = parse(text, { columns: true }) as Array<{ SK_ID_CURR: string; probability: string; decision: string }>;
    const ids = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
    expect(rows.map((r) => Number(r.SK_ID_CURR))).toEqual(ids);
    expect(summary.clients).toBe(ids.length);
    expect(summary.refused).toBe(rows.filter((r) => r.decision === 'refused').length);
    for (const row of rows) {
      const p = Number(row.probability);
      expect(row.decision).toBe(p >= engine.threshold ? 'refused' : 'granted');
    }
    // The same probabilities as one client at a time (read back as the float32 the model gave).
    for (const i of [0, 1, 500, rows.length - 1]) {
      const one = await scoreClient(db, engine, ids[i]!, { lang: 'en' });
      expect(Math.fround(Number(rows[i]!.probability))).toBe(one.probability);
    }
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
