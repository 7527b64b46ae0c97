import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../db/synth/generate.js';
import { tempDir } from '../support/paths.js';

type Table = { header: string[]; rows: string[][]; col: (name: string) => string[] };

function readCsv(file: string): Table {
  const [header, ...rows] = parse(fs.readFileSync(file)) as string[][];
  return {
    header: header!,
    rows,
    col: (name) => {
      const i = header!.indexOf(name);
      if (i < 0) throw new Error(`${file}: no column ${name}`);
      return rows.map((r) => r[i]!);
    },
  };
}

/** Rank AUC of `score` for binary labels (ties count half). */
function auc(score: number[], label: number[]): number {
  const order = score.map((s, i) => [s, label[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    for (let k = i; k < j; k++) {
      if (order[k]![1] === 1) {
        positives++;
        rankSum += (i + j + 1) / 2;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}


const CLIENTS = 6000;
let dir: string;
let app: Table;
let target: number[];

beforeAll(async () => {
  dir = tempDir('octroi-synth-dist-');
  await generateSynthetic({ clients: CLIENTS, seed: 7, outDir: dir });
  app = readCsv(path.join(dir, 'application_train.csv'));
  target = app.col('TARGET').map(Number);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('synthetic distributions have the shape of the data set (compared with real samples in test/real-data/)', () => {
  it('puts about 14% of the clients in application_test.csv, as the real split does', () => {
    const test = readCsv(path.join(dir, 'application_test.csv'));
    expect(test.rows.length / CLIENTS).toBeGreaterThan(0.11);
    expect(test.rows.length / CLIENTS).toBeLessThan(0.17);
  });

  it('has a default rate of about 8%', () => {
    const rate = target.reduce((a, b) => a + b, 0) / target.length;
    expect(rate).toBeGreaterThan(0.06);
    expect(rate).toBeLessThan(0.1);
  });

  it('gives pensioners and the unemployed the DAYS_EMPLOYED sentinel, ~18% of clients, with its companions', () => {
    const employed = app.col('DAYS_EMPLOYED');
    const sentinel = employed.map((v) => v === '365243');
    // ~18 % in the real data (docs/DATA.md); test/real-data/ compares with the real sample.
    expect(sentinel.filter(Boolean).length / employed.length).toBeGreaterThan(0.14);
    expect(sentinel.filter(Boolean).length / employed.length).toBeLessThan(0.22);
    const income = app.col('NAME_INCOME_TYPE');
    const phone = app.col('FLAG_EMP_PHONE');
    const organization = app.col('ORGANIZATION_TYPE');
    sentinel.forEach((s, i) => {
      expect(s, `row ${i}`).toBe(income[i] === 'Pensioner' || income[i] === 'Unemployed');
      expect(phone[i], `row ${i}`).toBe(s ? '0' : '1');
      expect(organization[i] === 'XNA', `row ${i}`).toBe(s);
    });
    // Pensioners are older than the others.
    const birth = app.col('DAYS_BIRTH').map(Number);
    const meanAge = (keep: (i: number) => boolean): number => {
      const ages = birth.filter((_, i) => keep(i));
      return -ages.reduce((a, b) => a + b, 0) / ages.length / 365.25;
    };
    expect(meanAge((i) => sentinel[i]!)).toBeGreaterThan(meanAge((i) => !sentinel[i]!) + 10);
  });

  it('keeps the obvious identities between columns', () => {
    const children = app.col('CNT_CHILDREN').map(Number);
    const family = app.col('CNT_FAM_MEMBERS').map(Number);
    children.forEach((c, i) => expect(family[i]).toBeGreaterThanOrEqual(c + 1));
    const credit = app.col('AMT_CREDIT').map(Number);
    const goods = app.col('AMT_GOODS_PRICE');
    const aboveCredit = goods.filter((g, i) => g !== '' && Number(g) > credit[i]! * 1.001).length;
    expect(aboveCredit / goods.length).toBeLessThan(0.01);
    const annuity = app.col('AMT_ANNUITY').map(Number);
    const term = annuity.map((a, i) => credit[i]! / a).filter(Number.isFinite).sort((a, b) => a - b);
    const medianTerm = term[Math.floor(term.length / 2)]!;
    expect(medianTerm).toBeGreaterThan(10);
    expect(medianTerm).toBeLessThan(40);
    // Building columns: _AVG, _MODE and _MEDI of one measure are missing together.
    const avg = app.col('APARTMENTS_AVG');
    const mode = app.col('APARTMENTS_MODE');
    const medi = app.col('APARTMENTS_MEDI');
    avg.forEach((a, i) => {
      expect(mode[i] === '', `row ${i}`).toBe(a === '');
      expect(medi[i] === '', `row ${i}`).toBe(a === '');
    });
    const car = app.col('FLAG_OWN_CAR');
    app.col('OWN_CAR_AGE').forEach((age, i) => {
      if (age !== '') expect(car[i]).toBe('Y');
    });
  });

  it('makes the EXT_SOURCE mean rank defaults as in real data (higher scores, fewer defaults)', () => {
    const ext = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'].map((n) => app.col(n));
    const scores: number[] = [];
    const labels: number[] = [];
    target.forEach((t, i) => {
      const present = ext.map((c) => c[i]!).filter((v) => v !== '').map(Number);
      if (present.length === 0) return;
      scores.push(-present.reduce((a, b) => a + b, 0) / present.length);
      labels.push(t);
    });
    const value = auc(scores, labels);
    expect(value).toBeGreaterThan(0.65);
    expect(value).toBeLessThan(0.85);
  });

  it('reproduces the categorical effects: men, lower education and workers default more', () => {
    const rate = (name: string, value: string): number => {
      const col = app.col(name);
      const idx = col.flatMap((v, i) => (v === value ? [i] : []));
      return idx.reduce((a, i) => a + target[i]!, 0) / idx.length;
    };
    expect(rate('CODE_GENDER', 'M')).toBeGreaterThan(rate('CODE_GENDER', 'F'));
    expect(rate('NAME_EDUCATION_TYPE', 'Secondary / secondary special')).toBeGreaterThan(rate('NAME_EDUCATION_TYPE', 'Higher education'));
    expect(rate('NAME_INCOME_TYPE', 'Working')).toBeGreaterThan(rate('NAME_INCOME_TYPE', 'Pensioner'));
  });

  it('puts the history signal in the child tables: refusals, late payments and arrears go with default', () => {
    const trainTarget = new Map(app.col('SK_ID_CURR').map((id, i) => [id, target[i]!]));
    const perClient = (file: string, value: (row: string[], t: Table) => number): Map<string, { sum: number; n: number }> => {
      const t = readCsv(path.join(dir, file));
      const out = new Map<string, { sum: number; n: number }>();
      const ids = t.col('SK_ID_CURR');
      t.rows.forEach((row, i) => {
        const e = out.get(ids[i]!) ?? { sum: 0, n: 0 };
        e.sum += value(row, t);
        e.n++;
        out.set(ids[i]!, e);
      });
      return out;
    };
    const featureAuc = (feature: Map<string, { sum: number; n: number }>): number => {
      const scores: number[] = [];
      const labels: number[] = [];
      for (const [id, { sum, n }] of feature) {
        const t = trainTarget.get(id);
        if (t === undefined) continue;
        scores.push(sum / n);
        labels.push(t);
      }
      return auc(scores, labels);
    };
    const refused = perClient('previous_application.csv', (row, t) => Number(row[t.header.indexOf('NAME_CONTRACT_STATUS')] === 'Refused'));
    const late = perClient('installments_payments.csv', (row, t) => {
      const entry = row[t.header.indexOf('DAYS_ENTRY_PAYMENT')]!;
      return Number(entry === '' || Number(entry) > Number(row[t.header.indexOf('DAYS_INSTALMENT')]));
    });
    const active = perClient('bureau.csv', (row, t) => Number(row[t.header.indexOf('CREDIT_ACTIVE')] === 'Active'));
    for (const [name, feature] of Object.entries({ refused, late, active })) {
      const value = featureAuc(feature);
      expect(value, name).toBeGreaterThan(0.52);
      expect(value, name).toBeLessThan(0.7);
    }
    // Many clients have no history at all, as in the real data (~14% no bureau, ~5% no previous application).
    const clients = app.rows.length;
    expect(1 - [...active.keys()].filter((id) => trainTarget.has(id)).length / clients).toBeGreaterThan(0.08);
    expect(1 - [...refused.keys()].filter((id) => trainTarget.has(id)).length / clients).toBeGreaterThan(0.02);
  });

  it('uses the real status codes of bureau_balance, with C, 0 and X the most frequent', () => {
    const status = readCsv(path.join(dir, 'bureau_balance.csv')).col('STATUS');
    const counts = new Map<string, number>();
    for (const s of status) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect([...counts.keys()].every((s) => /^[0-5CX]$/.test(s))).toBe(true);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => s).sort();
    expect(top).toEqual(['0', 'C', 'X']);
    expect(counts.get('1') ?? 0).toBeGreaterThan(0);
    expect(counts.get('5') ?? 0).toBeGreaterThan(0);
  });
});
