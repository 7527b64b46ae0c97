import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importPaths } from '../../../db/import/import-paths.js';
import { openDatabase, type Db } from '../../../db/open-database.js';
import { registerFeatures } from '../../../cli/commands/features.js';
import type { ApplicationRow } from '../../../model/features/client-records.js';
import { allClientsSql, APPLICATION_QUERY, HISTORY_QUERIES, oneClientSql } from '../../../model/features/client-records-sql.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { exportFeatures, FEATURES_CSV_HEADER } from '../../../model/features/export-features.js';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_SET_VERSION, featureByName } from '../../../model/features/feature-registry.js';
import { iterateClientRecords } from '../../../model/features/iterate-client-records.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import { FIXTURE_DIR, tempDir } from '../../support/paths.js';
import { FIXTURE_CLIENTS } from '../../support/synthetic-fixture.js';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = tempDir('octroi-features-');
  db = openDatabase(path.join(dir, 'octroi.db'));
  const summary = await importPaths(db, [FIXTURE_DIR]);
  expect(summary.refused).toEqual([]);
  expect(summary.rejects).toBeNull();
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Rows of a fixture CSV file, as text. */
function fixtureRows(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(FIXTURE_DIR, file)), { columns: true }) as Record<string, string>[];
}

/** The exported CSV as [id, target, fields] per data line. */
function readExport(file: string): { header: string; rows: Array<{ id: number; target: string; fields: string[] }> } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const [header, ...data] = lines;
  return {
    header: header!,
    rows: data.map((line) => {
      const [id, target, ...fields] = line.split(',');
      return { id: Number(id), target: target!, fields };
    }),
  };
}

function value(vector: Float64Array, name: string): number {
  return vector[featureByName(name)!.index]!;
}

describe('batch export and single-client computation', () => {
  it('agree value for value on every client of the fixture', async () => {
    const out = path.join(dir, 'all.csv');
    const summary = await exportFeatures(db, out);
    expect(summary).toMatchObject({ clients: FIXTURE_CLIENTS, features: FEATURE_COUNT, featureSetVersion: FEATURE_SET_VERSION });
    const { header, rows } = readExport(out);
    expect(header).toBe(FEATURES_CSV_HEADER);
    expect(header.split(',')).toEqual(['SK_ID_CURR', 'TARGET', ...FEATURE_NAMES]);
    expect(rows).toHaveLength(FIXTURE_CLIENTS);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));

    const mismatches: string[] = [];
    const withHistory = { bureau: 0, bureauBalance: 0, previous: 0, posCash: 0, installments: 0, creditCard: 0, none: 0 };
    for (const row of rows) {
      const records = readClientRecords(db, row.id);
      expect(records, `client ${row.id}`).toBeDefined();
      const single = computeFeatures(records!);
      expect(row.fields).toHaveLength(FEATURE_COUNT);
      row.fields.forEach((field, i) => {
        const exported = field === '' ? NaN : Number(field);
        if (!Object.is(exported, single[i])) mismatches.push(`${row.id} ${FEATURE_NAMES[i]}: batch ${field}, single ${single[i]}`);
      });
      const r = records!;
      if (r.bureau.length) withHistory.bureau++;
      if (r.bureau.some((c) => c.balance.length)) withHistory.bureauBalance++;
      if (r.previousApplications.length) withHistory.previous++;
      if (r.posCash.length) withHistory.posCash++;
      if (r.installments.length) withHistory.installments++;
      if (r.creditCard.length) withHistory.creditCard++;
      if (!r.bureau.length && !r.previousApplications.length && !r.posCash.length && !r.installments.length && !r.creditCard.length) {
        withHistory.none++;
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The comparison covered clients with rows in every history table, and clients with no history at all.
    expect(withHistory).toEqual({
      bureau: 871,
      bureauBalance: 428,
      previous: 957,
      posCash: 799,
      installments: 823,
      creditCard: 238,
      none: expect.any(Number),
    });
    expect(withHistory.none).toBeGreaterThan(0);
  });

  it('streams the same records to computeFeatures as the single-client reader, bit for bit', () => {
    let n = 0;
    for (const records of iterateClientRecords(db)) {
      const single = readClientRecords(db, records.application.SK_ID_CURR!)!;
      expect(records).toEqual(single);
      n++;
    }
    expect(n).toBe(FIXTURE_CLIENTS);
  });

  it('reads every application column a feature needs (the full row gives the same vector)', () => {
    const full = db.prepare<[number], ApplicationRow>('SELECT * FROM application WHERE SK_ID_CURR = ?');
    for (const { SK_ID_CURR } of db.prepare('SELECT SK_ID_CURR FROM application').all() as { SK_ID_CURR: number }[]) {
      const records = readClientRecords(db, SK_ID_CURR)!;
      expect(computeFeatures({ ...records, application: full.get(SK_ID_CURR)! }), `client ${SK_ID_CURR}`).toEqual(computeFeatures(records));
    }
  });

  it('matches values computed independently from the fixture CSV files', () => {
    const vector = computeFeatures(readClientRecords(db, 100002)!);
    const application = fixtureRows('application_train.csv').find((r) => r.SK_ID_CURR === '100002')!;
    expect(value(vector, 'CREDIT_INCOME_RATIO')).toBe(Number(application.AMT_CREDIT) / Number(application.AMT_INCOME_TOTAL));
    const bureau = fixtureRows('bureau.csv').filter((r) => r.SK_ID_CURR === '100002');
    expect(bureau.length).toBeGreaterThan(0);
    expect(value(vector, 'BUREAU_COUNT')).toBe(bureau.length);
    expect(value(vector, 'BUREAU_ACTIVE_COUNT')).toBe(bureau.filter((r) => r.CREDIT_ACTIVE === 'Active').length);
    expect(value(vector, 'BUREAU_CLOSED_COUNT')).toBe(bureau.filter((r) => r.CREDIT_ACTIVE === 'Closed').length);
    expect(value(vector, 'BUREAU_DAYS_CREDIT_MAX')).toBe(Math.max(...bureau.map((r) => Number(r.DAYS_CREDIT))));
    const previous = fixtureRows('previous_application.csv').filter((r) => r.SK_ID_CURR === '100002');
    expect(value(vector, 'PREV_COUNT')).toBe(previous.length);
    const instalments = fixtureRows('installments_payments.csv').filter((r) => r.SK_ID_CURR === '100002');
    expect(value(vector, 'INST_COUNT')).toBe(instalments.length);

    // The client with the most bureau_balance months: worst status and late share from the CSV files.
    const clientOfCredit = new Map(fixtureRows('bureau.csv').map((r) => [r.SK_ID_BUREAU!, r.SK_ID_CURR!]));
    const months = new Map<string, string[]>();
    for (const r of fixtureRows('bureau_balance.csv')) {
      const client = clientOfCredit.get(r.SK_ID_BUREAU!);
      if (client) months.set(client, [...(months.get(client) ?? []), r.STATUS!]);
    }
    const [client, statuses] = [...months].sort((a, b) => b[1].length - a[1].length)[0]!;
    const graded = statuses.filter((s) => /^[0-5]$/.test(s)).map(Number);
    const withBalance = computeFeatures(readClientRecords(db, Number(client))!);
    expect(value(withBalance, 'BUREAU_BALANCE_MONTHS')).toBe(statuses.length);
    expect(value(withBalance, 'BUREAU_WORST_STATUS')).toBe(Math.max(...graded));
    expect(value(withBalance, 'BUREAU_LATE_MONTH_SHARE')).toBe(graded.filter((s) => s > 0).length / graded.length);

    // A client in no history table: counts 0, aggregates missing.
    const ids = new Set(
      ['bureau.csv', 'previous_application.csv', 'POS_CASH_balance.csv', 'installments_payments.csv', 'credit_card_balance.csv'].flatMap((f) =>
        fixtureRows(f).map((r) => r.SK_ID_CURR),
      ),
    );
    const lonely = (db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').all() as { SK_ID_CURR: number }[]).find(
      (r) => !ids.has(String(r.SK_ID_CURR)),
    )!;
    const none = computeFeatures(readClientRecords(db, lonely.SK_ID_CURR)!);
    expect(value(none, 'BUREAU_COUNT')).toBe(0);
    expect(value(none, 'PREV_COUNT')).toBe(0);
    expect(value(none, 'INST_COUNT')).toBe(0);
    expect(value(none, 'PREV_REFUSED_SHARE')).toBeNaN();
    expect(value(none, 'INST_DAYS_LATE_MEAN')).toBeNaN();
    expect(value(none, 'BUREAU_WORST_STATUS')).toBeNaN();
  });

  it('returns undefined for a client that does not exist', () => {
    expect(readClientRecords(db, 42)).toBeUndefined();
  });

  it('skips history rows of clients that are not exported (here: train clients absent from the database)', async () => {
    const only = openDatabase(path.join(dir, 'test-only.db'));
    try {
      await importPaths(only, [path.join(FIXTURE_DIR, 'application_test.csv'), path.join(FIXTURE_DIR, 'bureau.csv')]);
      const bureau = fixtureRows('bureau.csv');
      const testIds = new Set(fixtureRows('application_test.csv').map((r) => r.SK_ID_CURR));
      expect(bureau.filter((r) => !testIds.has(r.SK_ID_CURR)).length).toBeGreaterThan(1000); // rows of absent clients, interleaved
      let n = 0;
      for (const records of iterateClientRecords(only)) {
        const id = records.application.SK_ID_CURR!;
        expect(records).toEqual(readClientRecords(only, id));
        expect(records.bureau).toHaveLength(bureau.filter((r) => r.SK_ID_CURR === String(id)).length);
        n++;
      }
      expect(n).toBe(testIds.size);
    } finally {
      only.close();
    }
  });
});

describe('exportFeatures', () => {
  it('selects train or test clients and writes TARGET, empty when unknown', async () => {
    await exportFeatures(db, path.join(dir, 'train.csv'), { clients: 'train' });
    await exportFeatures(db, path.join(dir, 'test.csv'), { clients: 'test' });
    const train = readExport(path.join(dir, 'train.csv')).rows;
    const test = readExport(path.join(dir, 'test.csv')).rows;
    const trainRows = fixtureRows('application_train.csv');
    expect(train).toHaveLength(trainRows.length);
    expect(test).toHaveLength(fixtureRows('application_test.csv').length);
    expect(new Set(train.map((r) => r.target))).toEqual(new Set(['0', '1']));
    expect(train.filter((r) => r.target === '1')).toHaveLength(trainRows.filter((r) => r.TARGET === '1').length);
    expect(test.every((r) => r.target === '')).toBe(true);
    expect(train.find((r) => r.id === 100002)!.target).toBe('1');
    expect(test.some((r) => r.id === 100008)).toBe(true); // the fixture's first application_test client
  });

  it('writes to a stream, reports progress, and leaves no file behind when it fails', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const progress: Array<[number, number]> = [];
    await exportFeatures(db, stream, { clients: 'test', progressEvery: 50, onProgress: (done, total) => progress.push([done, total]) });
    const testClients = fixtureRows('application_test.csv').length; // 136
    expect(text.split('\n')).toHaveLength(testClients + 2);
    expect(progress).toEqual([
      [0, testClients],
      [50, testClients],
      [100, testClients],
      [testClients, testClients],
    ]);

    const broken = openDatabase(path.join(dir, 'empty.db'));
    broken.exec('DROP TABLE credit_card_balance');
    const out = path.join(dir, 'broken.csv');
    await expect(exportFeatures(broken, out)).rejects.toThrow(/no such table/);
    broken.close();
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('stops early without holding the connection', () => {
    let n = 0;
    for (const records of iterateClientRecords(db)) {
      expect(records.application.SK_ID_CURR).toBeGreaterThan(0);
      if (++n === 3) break;
    }
    db.prepare('CREATE TABLE IF NOT EXISTS early_stop_probe (x)').run();
    db.prepare('DROP TABLE early_stop_probe').run();
  });

  it('reads with no sort and through the per-client indexes', () => {
    const plan = (sql: string, ...params: number[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    for (const query of [APPLICATION_QUERY, ...Object.values(HISTORY_QUERIES)]) {
      expect(plan(allClientsSql(query)), query.select).not.toMatch(/TEMP B-TREE/);
      expect(plan(allClientsSql(query, '"SK_ID_CURR" > 0')), query.select).not.toMatch(/TEMP B-TREE/);
      const one = plan(oneClientSql(query), 100002);
      expect(one, query.select).not.toMatch(/TEMP B-TREE/);
      expect(one, query.select).toMatch(/USING (INDEX \w+_by_client|INTEGER PRIMARY KEY|PRIMARY KEY)/);
      expect(one, query.select).not.toMatch(/^SCAN|\| SCAN/);
    }
  });
});

describe('octroi features (command)', () => {
  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerFeatures(program);
    let stdout = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'octroi', 'features', ...args]);
    } finally {
      write.mockRestore();
    }
    return stdout;
  }

  it('exports the matrix and the feature set for training', async () => {
    const out = path.join(dir, 'cli.csv');
    const featureSet = path.join(dir, 'feature-set.json');
    const stdout = await run('--db', path.join(dir, 'octroi.db'), '--out', out, '--clients', 'train', '--feature-set', featureSet, '--json');
    const trainClients = fixtureRows('application_train.csv').length;
    expect(JSON.parse(stdout)).toMatchObject({ out, clients: trainClients, features: FEATURE_COUNT, featureSetVersion: FEATURE_SET_VERSION });
    expect(readExport(out).rows).toHaveLength(trainClients);
    const set = JSON.parse(fs.readFileSync(featureSet, 'utf8'));
    expect(set.version).toBe(FEATURE_SET_VERSION);
    expect(set.features.map((f: { name: string }) => f.name)).toEqual(FEATURE_NAMES);
    expect(set.excluded).toContainEqual({ column: 'CODE_GENDER', reason: expect.stringMatching(/protected/i) });
    expect(set.features[featureByName('CREDIT_INCOME_RATIO')!.index]).toMatchObject({
      label: { en: 'Credit amount / income' },
      loanTerms: ['AMT_CREDIT'],
    });
  });

  it('names what is wrong: a missing database, a missing folder, an unknown selection, an unwritable file', async () => {
    await expect(run('--db', path.join(dir, 'nope.db'), '--out', path.join(dir, 'x.csv'))).rejects.toThrow(/nope\.db does not exist/);
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
    await expect(run('--db', path.join(dir, 'octroi.db'), '--out', path.join(dir, 'no', 'such', 'x.csv'))).rejects.toThrow(
      /folder of .* does not exist/,
    );
    await expect(run('--db', path.join(dir, 'octroi.db'), '--out', path.join(dir, 'x.csv'), '--clients', 'everyone')).rejects.toThrow(
      /everyone/,
    );
    await expect(run('--db', path.join(dir, 'octroi.db'), '--out', dir)).rejects.toThrow(/cannot write/);
  });
});
