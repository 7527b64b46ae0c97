/**
 * The scoring service on the synthetic fixture under a real model: one client from the database, an unsaved
 * application (validated first), and every client in batches, all agreeing with each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { ApplicationValidationError, validateApplicationRecord } from '../../../model/application/application-record.js';
import { scoreAllClients, scoreApplication, scoreClient, UnknownClientError } from '../../../model/scoring/client-scoring.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { scoreBand } from '../../../model/scoring/score-band.js';
import { modelInputsOf } from '../../../model/explanation/input-contributions.js';
import { FIXTURE_CLIENTS } from '../../support/synthetic-fixture.js';
import { APPLICATION_COLUMNS_SQL } from '../../support/application-columns.js';
import { openShippedFixture, type ShippedFixture } from '../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
});
afterAll(() => fixture?.close());

/** A complete, valid application typed into a form (no history). */
const NEW_APPLICATION = {
  NAME_CONTRACT_TYPE: 'Cash loans',
  CODE_GENDER: 'F',
  FLAG_OWN_CAR: 'N',
  FLAG_OWN_REALTY: 'Y',
  CNT_CHILDREN: 1,
  CNT_FAM_MEMBERS: 3,
  AMT_INCOME_TOTAL: 180_000,
  AMT_CREDIT: 450_000,
  AMT_ANNUITY: 22_500,
  AMT_GOODS_PRICE: 405_000,
  NAME_INCOME_TYPE: 'Working',
  NAME_EDUCATION_TYPE: 'Higher education',
  NAME_FAMILY_STATUS: 'Married',
  NAME_HOUSING_TYPE: 'House / apartment',
  DAYS_BIRTH: -14_000,
  DAYS_EMPLOYED: -2_500,
  OCCUPATION_TYPE: 'Core staff',
  ORGANIZATION_TYPE: 'School',
  EXT_SOURCE_2: 0.61,
  EXT_SOURCE_3: 0.55,
};

function issuesOf(record: unknown): Map<string, string> {
  try {
    validateApplicationRecord(record);
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationValidationError);
    return new Map((error as ApplicationValidationError).issues.map((i) => [i.field, i.message]));
  }
  throw new Error('expected the record to be refused');
}

describe('scoreClient', () => {
  it('scores a database client: the engine’s probability, the policy’s decision and band, reasons, an exact explanation', async () => {
    const score = await scoreClient(db, engine, 100002, { lang: 'en' });
    const [probability] = await engine.probabilities([computeFeatures(readClientRecords(db, 100002)!)]);
    expect(score.clientId).toBe(100002);
    expect(score.probability).toBe(probability);
    expect(score.threshold).toBe(engine.threshold);
    expect(score.decision).toBe(probability! >= engine.threshold ? 'refused' : 'granted');
    expect(score.band).toBe(scoreBand(probability!, engine.threshold));
    expect(score.modelVersion).toBe(engine.model.metadata.model_version);
    expect(score.reasons.length).toBeGreaterThan(0);
    const { explanation } = score;
    // One entry per model input (a category field once, its columns summed), never per column.
    expect(explanation.contributions.map((c) => c.input)).toEqual(modelInputsOf(engine.model.inputIndex).map((input) => input.key));
    expect(explanation.contributions.length).toBeLessThan(engine.model.inputIndex.length);
    const logOdds = explanation.contributions.reduce((s, c) => s + c.logOdds, 0);
    expect(explanation.baseValue + logOdds).toBeCloseTo(explanation.margin, 9);
    const onProbability = explanation.contributions.reduce((s, c) => s + c.probability, 0);
    expect(explanation.baseProbability + onProbability).toBeCloseTo(score.probability, 5);
    // Plain data for IPC: no NaN anywhere, missing values as null.
    expect(JSON.parse(JSON.stringify(score))).toEqual(score);
  });

  it('takes another threshold for what-if views and gives the counter-offer of a refused client on request', async () => {
    const strict = await scoreClient(db, engine, 100002, { lang: 'fr', threshold: 0.0001, counterOffer: true });
    expect(strict.decision).toBe('refused');
    expect(strict.threshold).toBe(0.0001);
    expect(strict.counterOffer?.threshold).toBe(0.0001);
    const lenient = await scoreClient(db, engine, 100002, { lang: 'fr', threshold: 0.9999, counterOffer: true });
    expect(lenient.decision).toBe('granted');
    expect(lenient.counterOffer).toBeNull();
  });

  it('refuses an unknown client with UnknownClientError naming the id', async () => {
    await expect(scoreClient(db, engine, 999_999_999, { lang: 'en' })).rejects.toThrow(UnknownClientError);
    await expect(scoreClient(db, engine, 999_999_999, { lang: 'en' })).rejects.toThrow(/999999999/);
  });
});

describe('scoreApplication', () => {
  it('scores a valid unsaved application as the same record in the database would be', async () => {
    const score = await scoreApplication(engine, NEW_APPLICATION, { lang: 'fr' });
    expect(score.clientId).toBeNull();
    expect(score.probability).toBeGreaterThan(0);
    expect(score.probability).toBeLessThan(1);
    expect(score.reasons.every((r) => !/[A-Z]+_[A-Z]+/.test(r.text))).toBe(true);
    // A database client typed back in (its whole application row, age and sex included), with its history,
    // gets its database score.
    for (const id of [100002, 100003, 100004]) {
      const { application: read, ...history } = readClientRecords(db, id)!;
      expect(read).not.toHaveProperty('DAYS_BIRTH'); // what the features read: age is no input
      const application = db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application WHERE SK_ID_CURR = ?`).get(id) as Record<string, unknown>;
      const typed = await scoreApplication(engine, application, { lang: 'en', history });
      expect(typed.probability).toBe((await scoreClient(db, engine, id, { lang: 'en' })).probability);
    }
  });

  it('accepts every application of the fixture, every column as imported', () => {
    const rows = db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application`).all() as Array<Record<string, unknown>>;
    expect(rows.length).toBe(FIXTURE_CLIENTS);
    for (const row of rows) expect(() => validateApplicationRecord(row), `client ${row.SK_ID_CURR}`).not.toThrow();
  });

  it('never scores an invalid record: the error lists every bad field with a message', async () => {
    const bad = {
      ...NEW_APPLICATION,
      AMT_INCOME_TOTAL: -5,
      AMT_CREDIT: 'a lot',
      DAYS_BIRTH: -3000, // 8 years old
      DAYS_EMPLOYED: 400,
      EXT_SOURCE_2: NaN,
      EXT_SOURCE_3: Infinity,
      CNT_CHILDREN: 1.5,
      NAME_INCOME_TYPE: 'Astronaut',
      FLAG_OWN_CAR: true,
      AMT_CREDITS: 1000,
    } as Record<string, unknown>;
    delete bad.NAME_FAMILY_STATUS;
    const error = await scoreApplication(engine, bad, { lang: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationValidationError);
    const issues = new Map((error as ApplicationValidationError).issues.map((i) => [i.field, i.message]));
    expect([...issues.keys()].sort()).toEqual(
      [
        'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'DAYS_BIRTH', 'DAYS_EMPLOYED', 'EXT_SOURCE_2', 'EXT_SOURCE_3', 'CNT_CHILDREN',
        'NAME_INCOME_TYPE', 'FLAG_OWN_CAR', 'AMT_CREDITS', 'NAME_FAMILY_STATUS',
      ].sort(),
    );
    expect(issues.get('AMT_INCOME_TOTAL')).toMatch(/more than 0.*-5/);
    expect(issues.get('AMT_CREDIT')).toMatch(/must be a number.*"a lot"/);
    expect(issues.get('DAYS_BIRTH')).toMatch(/at least 18 years old/);
    expect(issues.get('DAYS_EMPLOYED')).toMatch(/365243/);
    expect(issues.get('EXT_SOURCE_2')).toMatch(/number/);
    expect(issues.get('EXT_SOURCE_3')).toMatch(/finite/);
    expect(issues.get('CNT_CHILDREN')).toMatch(/whole number/);
    expect(issues.get('NAME_INCOME_TYPE')).toMatch(/not a known value.*"Working"/);
    expect(issues.get('FLAG_OWN_CAR')).toMatch(/text/);
    expect(issues.get('AMT_CREDITS')).toMatch(/not a column/);
    expect(issues.get('NAME_FAMILY_STATUS')).toBe('is required');
    // The message names every field too (what a CLI or log shows).
    for (const field of issues.keys()) expect((error as Error).message).toContain(field);
  });

  it('checks the relations between fields and the plausible ranges', () => {
    expect(issuesOf({ ...NEW_APPLICATION, AMT_ANNUITY: 500_000 }).get('AMT_ANNUITY')).toMatch(/cannot exceed the credit amount/);
    expect(issuesOf({ ...NEW_APPLICATION, DAYS_BIRTH: -40_000 }).get('DAYS_BIRTH')).toMatch(/more than 100 years/);
    expect(issuesOf({ ...NEW_APPLICATION, DAYS_EMPLOYED: -15_000 }).get('DAYS_EMPLOYED')).toMatch(/before the applicant was born/);
    expect(issuesOf({ ...NEW_APPLICATION, CNT_FAM_MEMBERS: 1 }).get('CNT_FAM_MEMBERS')).toMatch(/at least 2/);
    expect(issuesOf({ ...NEW_APPLICATION, AMT_CREDIT: 0 }).get('AMT_CREDIT')).toMatch(/more than 0/);
    expect(issuesOf({ ...NEW_APPLICATION, EXT_SOURCE_2: 1.5 }).get('EXT_SOURCE_2')).toMatch(/between 0 and 1/);
    expect(issuesOf({ ...NEW_APPLICATION, REGION_RATING_CLIENT: 4 }).get('REGION_RATING_CLIENT')).toMatch(/1, 2 or 3/);
    expect(issuesOf({ ...NEW_APPLICATION, FLAG_DOCUMENT_3: 2 }).get('FLAG_DOCUMENT_3')).toMatch(/0 or 1/);
    expect(issuesOf(null).get('(record)')).toMatch(/expected an object/);
    // The pensioners' sentinel is a valid DAYS_EMPLOYED; a missing optional field is fine.
    expect(validateApplicationRecord({ ...NEW_APPLICATION, DAYS_EMPLOYED: 365_243, EXT_SOURCE_2: null }).DAYS_EMPLOYED).toBe(365_243);
  });
});

describe('scoreAllClients', () => {
  it('scores every client once, in chunks, with the probabilities of the one-client path', async () => {
    const ids: number[] = [];
    const probabilities: number[] = [];
    for await (const chunk of scoreAllClients(db, engine, { chunkSize: 128 })) {
      expect(chunk.ids.length).toBe(chunk.probabilities.length);
      expect(chunk.ids.length).toBeLessThanOrEqual(128);
      ids.push(...chunk.ids);
      probabilities.push(...chunk.probabilities);
    }
    const expected = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all() as number[];
    expect(ids).toEqual(expected);
    for (const i of [0, 1, 127, 128, 500, ids.length - 1]) {
      expect(probabilities[i]).toBe((await scoreClient(db, engine, ids[i]!, { lang: 'en' })).probability);
    }
  });
});
