import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableForFile } from '../../db/home-credit-tables.js';
import { generateSynthetic, SYNTH_FILES, type SynthSummary } from '../../db/synth/generate.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(fs.readFileSync(file), { relax_column_count: false }) as string[][];
  return { header: header!, rows };
}

/** The header line of each file: the data set's columns in order (application_test.csv has no TARGET). */
function expectedHeader(file: string): string {
  const table = tableForFile(file)!;
  return table.columns.map(([name]) => name).filter((name) => file !== 'application_test.csv' || name !== 'TARGET').join(',');
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const CLIENTS = 2500;
let dir: string;
let summary: SynthSummary;
const tables = new Map<string, { header: string[]; rows: string[][] }>();
const column = (file: string, name: string): string[] => {
  const t = tables.get(file)!;
  const i = t.header.indexOf(name);
  return t.rows.map((r) => r[i]!);
};

beforeAll(async () => {
  dir = tempDir('octroi-synth-');
  summary = await generateSynthetic({ clients: CLIENTS, seed: 20261124, outDir: path.join(dir, 'a') });
  for (const file of SYNTH_FILES) tables.set(file, readCsv(path.join(dir, 'a', file)));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('synthetic Home Credit files', () => {
  it('writes every file with the data set’s header line, LF line ends and no BOM, and the original glossary', () => {
    for (const file of SYNTH_FILES) {
      const bytes = fs.readFileSync(path.join(dir, 'a', file));
      const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
      expect(header, file).toBe(expectedHeader(file));
      expect(bytes[0], `${file} starts with a BOM`).not.toBe(0xef);
      expect(bytes.includes(0x0d), `${file} has a CR`).toBe(false);
      expect(bytes[bytes.length - 1], `${file} ends without a line end`).toBe(0x0a);
    }
    const glossary = fs.readFileSync(path.join(dir, 'a', 'HomeCredit_columns_description.csv'));
    expect(glossary.equals(fs.readFileSync(path.join(REPO_ROOT, 'db', 'synth', 'HomeCredit_columns_description.csv')))).toBe(true);
  });

  it('reports the rows and bytes it wrote', () => {
    for (const file of SYNTH_FILES) {
      expect(summary.files[file]!.rows, file).toBe(tables.get(file)!.rows.length);
      expect(summary.files[file]!.bytes, file).toBe(fs.statSync(path.join(dir, 'a', file)).size);
    }
    expect(summary.files['application_train.csv']!.rows + summary.files['application_test.csv']!.rows).toBe(CLIENTS);
    // Every table has rows: a few thousand clients always have bureau credits, cards and instalments.
    for (const file of SYNTH_FILES) expect(summary.files[file]!.rows, file).toBeGreaterThan(10);
  });

  it('writes values that parse with the column kind (the formats of the real files: test/real-data/)', () => {
    const problems: string[] = [];
    for (const file of SYNTH_FILES) {
      const table = tableForFile(file)!;
      const synthetic = tables.get(file)!;
      for (const [name, kind] of table.columns) {
        const i = synthetic.header.indexOf(name);
        if (i < 0 || kind === 'text') continue; // TARGET in application_test.csv
        const bad = synthetic.rows.map((r) => r[i]!).find((v) => v !== '' && (!Number.isFinite(Number(v)) || (kind === 'int' && !Number.isInteger(Number(v)))));
        if (bad !== undefined) problems.push(`${file} ${name}: "${bad}" is not a valid ${kind}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('quotes text with commas as the real files do', () => {
    const raw = fs.readFileSync(path.join(dir, 'a', 'application_train.csv'), 'latin1');
    expect(raw).toContain(',"Stone, brick",');
    expect(raw).not.toMatch(/,Stone, brick,/);
  });

  it('keeps every key inside the data set, in the real id ranges', () => {
    const clients = [...column('application_train.csv', 'SK_ID_CURR'), ...column('application_test.csv', 'SK_ID_CURR')].map(Number);
    expect(new Set(clients).size).toBe(CLIENTS);
    expect(Math.min(...clients)).toBe(100002);
    expect(Math.max(...clients)).toBe(100002 + CLIENTS - 1);
    const clientSet = new Set(clients.map(String));
    for (const file of ['bureau.csv', 'previous_application.csv', 'POS_CASH_balance.csv', 'installments_payments.csv', 'credit_card_balance.csv']) {
      const orphans = column(file, 'SK_ID_CURR').filter((id) => !clientSet.has(id));
      expect(orphans, file).toEqual([]);
    }
    const bureauIds = column('bureau.csv', 'SK_ID_BUREAU');
    expect(new Set(bureauIds).size).toBe(bureauIds.length);
    expect(Math.min(...bureauIds.map(Number))).toBeGreaterThanOrEqual(5_000_000);
    const bureauSet = new Set(bureauIds);
    expect(column('bureau_balance.csv', 'SK_ID_BUREAU').filter((id) => !bureauSet.has(id))).toEqual([]);

    const previousIds = column('previous_application.csv', 'SK_ID_PREV');
    expect(new Set(previousIds).size).toBe(previousIds.length);
    expect(Math.min(...previousIds.map(Number))).toBeGreaterThanOrEqual(1_000_000);
    expect(Math.max(...previousIds.map(Number))).toBeLessThan(3_000_000);
    const owner = new Map(previousIds.map((id, i) => [id, column('previous_application.csv', 'SK_ID_CURR')[i]!]));
    for (const file of ['POS_CASH_balance.csv', 'installments_payments.csv', 'credit_card_balance.csv']) {
      const prev = column(file, 'SK_ID_PREV');
      const curr = column(file, 'SK_ID_CURR');
      const bad = prev.filter((id, i) => owner.get(id) !== curr[i]);
      expect(bad, `${file}: SK_ID_PREV missing from previous_application.csv or of another client`).toEqual([]);
    }
  });

  it('gives the same bytes for the same seed and different bytes for another seed', async () => {
    await generateSynthetic({ clients: CLIENTS, seed: 20261124, outDir: path.join(dir, 'b') });
    await generateSynthetic({ clients: CLIENTS, seed: 20261125, outDir: path.join(dir, 'c') });
    for (const file of SYNTH_FILES) {
      expect(sha256(path.join(dir, 'b', file)), file).toBe(sha256(path.join(dir, 'a', file)));
      expect(sha256(path.join(dir, 'c', file)), file).not.toBe(sha256(path.join(dir, 'a', file)));
    }
  });

  it('refuses impossible options with a message naming the option', async () => {
    await expect(generateSynthetic({ clients: 0, seed: 1, outDir: path.join(dir, 'x') })).rejects.toThrow(/clients must be a whole number ≥ 1, got 0/);
    await expect(generateSynthetic({ clients: 2.5, seed: 1, outDir: path.join(dir, 'x') })).rejects.toThrow(/clients/);
    await expect(generateSynthetic({ clients: 10, seed: 0.5, outDir: path.join(dir, 'x') })).rejects.toThrow(/seed must be a whole number/);
    const file = path.join(dir, 'a', 'bureau.csv');
    await expect(generateSynthetic({ clients: 10, seed: 1, outDir: file })).rejects.toThrow(/is not a folder/);
    await expect(generateSynthetic({ clients: 10, seed: 1, outDir: path.join(file, 'sub') })).rejects.toThrow(/is not a folder/);
  });
});
