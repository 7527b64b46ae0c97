import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../support/paths.js';

const dir = tempDir('octroi-synth-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function octroi(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [path.join(REPO_ROOT, 'cli', 'octroi.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('octroi synth', () => {
  it('writes the data set and prints what it wrote', () => {
    const out = path.join(dir, 'nested', 'out');
    const run = octroi('synth', '--clients', '300', '--seed', '5', '--out', out, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/application_train\.csv\s+[\d,]+ rows/);
    expect(run.stdout).toMatch(/for 300 clients \(seed 5\)/);
    for (const file of ['application_train.csv', 'application_test.csv', 'bureau.csv', 'bureau_balance.csv', 'previous_application.csv',
      'POS_CASH_balance.csv', 'installments_payments.csv', 'credit_card_balance.csv', 'HomeCredit_columns_description.csv']) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
  });

  it('rejects a client count that is not a positive whole number, naming the option', () => {
    for (const bad of ['0', '-3', '2.5', 'many']) {
      const run = octroi('synth', '--clients', bad, '--out', path.join(dir, 'x'));
      expect(run.status, bad).not.toBe(0);
      expect(run.stderr, bad).toContain(`--clients must be a whole number ≥ 1, got "${bad}"`);
    }
  });

  it('rejects a seed that is not a whole number', () => {
    const run = octroi('synth', '--clients', '10', '--seed', 'abc', '--out', path.join(dir, 'x'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--seed must be a whole number, got "abc"');
  });

  it('rejects an output folder it cannot write, in one line with exit code 2', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    for (const out of [file, path.join(file, 'below')]) {
      const run = octroi('synth', '--clients', '10', '--out', out);
      expect(run.status, out).toBe(2);
      expect(run.stderr.trim().split('\n'), out).toHaveLength(1);
      expect(run.stderr, out).toMatch(/^octroi: --out .*: cannot write there \(.* is not a folder\)/);
    }
    const missing = octroi('synth', '--clients', '10');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");
  });
});
