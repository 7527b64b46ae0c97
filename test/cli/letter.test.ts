/**
 * `octroi letter` as a user runs it, on a fixture database with a decision recorded through the decision
 * log: the PDF states the decision (text read back with pdftotext); a client without a recorded decision is
 * refused with a message saying why and what to do, unless --draft; a decision of another client, an unknown
 * client and a missing Chromium are named.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../db/decision-log.js';
import { fixtureDatabase } from '../support/fixture-db.js';
import { tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

let dbPath: string;
let decisionId: number;
const out = tempDir('octroi-letter-cli-');
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  dbPath = fixture.path;
  const db = fixture.db;
  db.prepare(`INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (1, 'cmartin', 'Claire Martin', 'officer', 'Agence de Lyon', 'scrypt$test', '2026-01-01T00:00:00.000Z')`).run();
  decisionId = appendLogEntry(db, {
    kind: 'decision', client_id: 100002, decision: 'override', override_direction: 'grant', reason_code: 'guarantor', comment: 'Parent stands as guarantor',
    model_decision: 'refused', probability: 0.3, threshold: 0.095, model_version: 'octroi-demo-synthetic-s7', refers_to: null,
    user_id: 1, username: 'cmartin', branch: 'Agence de Lyon', recorded_at: '2026-11-20T10:15:00.000Z',
  }).seq;
  db.close();
}, 120_000);

describe('octroi letter', () => {
  it('prints the letter of the client\'s recorded decision (an override to grant, in English)', () => {
    const file = path.join(out, 'letter-en.pdf');
    const result = runCli(['letter', '--db', dbPath, '--client', '100002', '--out', file, '--lang', 'en']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Letter to client 100002 \\(decision no\\. ${decisionId}, granted, en\\) → .*letter-en\\.pdf \\([\\d,]+ bytes\\)\\n$`));
    const letter = text(file);
    expect(letter).toContain('has been granted');
    expect(letter).toContain('Your adviser departed from the tool’s assessment after examining your file: a guarantor stands for the loan.');
    expect(letter).toContain('by Claire Martin, Agence de Lyon');
    expect(letter).toContain('Your rights');
    expect(letter).not.toContain('Parent stands as guarantor');
  }, 120_000);

  it('refuses a client without a recorded decision, and prints a DRAFT with --draft', () => {
    const file = path.join(out, 'none.pdf');
    const refused = runCli(['letter', '--db', dbPath, '--client', '100003', '--out', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^octroi: client 100003 has no recorded decision in .*: a letter states a decision taken by a loan officer\. .*--draft\.\n$/);
    expect(fs.existsSync(file)).toBe(false);
    const draft = runCli(['letter', '--db', dbPath, '--client', '100003', '--out', file, '--draft']);
    expect(draft.status).toBe(0);
    expect(draft.stdout).toMatch(/DRAFT, (granted|refused) by the scoring tool, fr/);
    expect(text(file)).toContain('PROJET — aucune décision n’est encore enregistrée');
  }, 120_000);

  it('names what is wrong: another client\'s decision, an unknown client, a missing Chromium', () => {
    const file = path.join(out, 'bad.pdf');
    const other = runCli(['letter', '--db', dbPath, '--client', '100003', '--decision', String(decisionId), '--out', file]);
    expect(other.stderr).toBe(`octroi: decision no. ${decisionId} is about client 100002, not 100003\n`);
    const unknown = runCli(['letter', '--db', dbPath, '--client', '42', '--out', file]);
    expect(unknown.stderr).toBe(`octroi: no client with SK_ID_CURR 42 in ${dbPath}\n`);
    const noChromium = runCli(['letter', '--db', dbPath, '--client', '100002', '--out', file], { env: { OCTROI_CHROMIUM: '/nowhere/chromium' } });
    expect(noChromium.stderr).toMatch(/^octroi: No Chromium at \/nowhere\/chromium: install it \(apt-get install chromium\) or set OCTROI_CHROMIUM/);
    expect([other.status, unknown.status, noChromium.status]).toEqual([1, 1, 1]);
    expect(fs.existsSync(file)).toBe(false);
  }, 120_000);
});
