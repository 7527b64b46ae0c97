import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_CREDIT_COLUMNS } from '../../db/home-credit-columns.js';
import { generateSynthetic, SYNTH_FILES, type SynthSummary } from '../../db/synth/generate.js';
import { FIXTURE_DIR, SHARED_DATA, tempDir } from '../support/paths.js';

/** The real sample whose value formats each generated file must reproduce (pandas-written where possible). */
const FORMAT_SAMPLES: Record<string, { file: string; table: keyof typeof HOME_CREDIT_COLUMNS }> = {
  'application_train.csv': { file: path.join(FIXTURE_DIR, 'application_train.csv'), table: 'application' },
  'application_test.csv': { file: path.join(FIXTURE_DIR, 'application_test.csv'), table: 'application' },
  'bureau.csv': { file: path.join(SHARED_DATA, 'child-samples', 'bureau.csv'), table: 'bureau' },
  'bureau_balance.csv': { file: path.join(SHARED_DATA, 'child-samples', 'bureau_balance.csv'), table: 'bureau_balance' },
  'previous_application.csv': { file: path.join(FIXTURE_DIR, 'previous_application.csv'), table: 'previous_application' },
  'POS_CASH_balance.csv': { file: path.join(SHARED_DATA, 'child-samples', 'POS_CASH_balance.csv'), table: 'POS_CASH_balance' },
  'installments_payments.csv': { file: path.join(SHARED_DATA, 'child-samples', 'installments_payments.csv'), table: 'installments_payments' },
  'credit_card_balance.csv': { file: path.join(SHARED_DATA, 'child-samples', 'credit_card_balance.csv'), table: 'credit_card_balance' },
};

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(fs.readFileSync(file), { relax_column_count: false }) as string[][];
  return { header: header!, rows };
}

/** How a column is written: 'float' (every present value shows a '.' or an exponent), 'int' (none does), or 'mixed'. */
function textFormat(values: readonly string[], allowMissingAsFloat: boolean): 'float' | 'int' | 'mixed' | 'empty' {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return 'empty';
  const floats = present.filter((v) => /[.eE]/.test(v)).length;
  // A sample that is not pandas-written (fixture/previous_application.csv) drops '.0'; a column with any
  // missing or fractional value is float64 in pandas, which is what the real data set shows.
  if (allowMissingAsFloat && (floats > 0 || present.length < values.length)) return 'float';
  return floats === present.length ? 'float' : floats === 0 ? 'int' : 'mixed';
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
  it('writes every file with the real header line, byte for byte, LF line ends and no BOM', () => {
    for (const file of SYNTH_FILES) {
      const bytes = fs.readFileSync(path.join(dir, 'a', file));
      const realHeader = fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8').split('\n')[0]!.replace(/\r$/, '');
      const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
      expect(header, file).toBe(realHeader);
      expect(bytes[0], `${file} starts with a BOM`).not.toBe(0xef);
      expect(bytes.includes(0x0d), `${file} has a CR`).toBe(false);
      expect(bytes[bytes.length - 1], `${file} ends without a line end`).toBe(0x0a);
    }
    const glossary = fs.readFileSync(path.join(dir, 'a', 'HomeCredit_columns_description.csv'));
    expect(glossary.equals(fs.readFileSync(path.join(FIXTURE_DIR, 'HomeCredit_columns_description.csv')))).toBe(true);
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

  it('writes each numeric column in the format of the real files, and values that parse with the column kind', () => {
    const problems: string[] = [];
    for (const file of SYNTH_FILES) {
      const { file: realFile, table } = FORMAT_SAMPLES[file]!;
      const real = readCsv(realFile);
      const pandasWritten = !realFile.endsWith(path.join('fixture', 'previous_application.csv'));
      const synthetic = tables.get(file)!;
      for (const [name, kind] of HOME_CREDIT_COLUMNS[table]) {
        const i = synthetic.header.indexOf(name);
        if (i < 0) continue; // TARGET in application_test.csv
        const values = synthetic.rows.map((r) => r[i]!);
        for (const v of values) {
          if (v === '' || kind === 'text') continue;
          const n = Number(v);
          if (!Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) {
            problems.push(`${file} ${name}: "${v}" is not a valid ${kind}`);
            break;
          }
        }
        if (kind === 'text') continue;
        const realValues = real.rows.map((r) => r[real.header.indexOf(name)]!);
        const expected = textFormat(realValues, !pandasWritten);
        const actual = textFormat(values, false);
        if (actual !== 'empty' && actual !== expected) problems.push(`${file} ${name}: written as ${actual}, real files as ${expected}`);
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
