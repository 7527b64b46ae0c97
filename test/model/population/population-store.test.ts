/**
 * The stored population on the real fixture with the real model: what is stored is what the feature code
 * and the engine compute (float32, as the model reads it); a saved client is appended at once; a model's
 * stored scores are never read as another model's (a different file must be scored first, and a save under
 * one model drops the other's now incomplete scores).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../../db/app-applications.js';
import { keyOf, openDatabase, type Db } from '../../../db/open-database.js';
import { clientsFingerprint, populationQueries } from '../../../db/queries/population.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { featureByName } from '../../../model/features/feature-registry.js';
import { iterateClientRecords } from '../../../model/features/iterate-client-records.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import { groupsFromTable } from '../../../model/governance/monitoring/fairness.js';
import { appendStoredClient, FEATURE_SET_KEY, loadStoredPopulation, materialisePopulation, materialiseScores, storedGroups, storedState, withStoredClient } from '../../../model/population/population-store.js';
import { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { fixtureDatabase } from '../../support/fixture-db.js';
import { newerModel } from '../../../demo/newer-model.js';
import { tempDir } from '../../support/paths.js';
import { demoUser } from '../../support/session.js';
import { SHIPPED_MODEL } from '../../support/shipped-model.js';

let db: Db;
let engine: ScoringEngine;
let other: ScoringEngine;

beforeAll(async () => {
  db = (await fixtureDatabase()).db;
  engine = await ScoringEngine.open(SHIPPED_MODEL);
  other = await ScoringEngine.open(newerModel(tempDir('octroi-store-'), engine.modelVersion));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await other?.close();
  db?.close();
});

describe('stored population', () => {
  it('is stale before materialisation, then holds every client with the computed features and scores', async () => {
    expect(storedState(db, engine)).toBe('stale');
    const progress: number[] = [];
    await materialisePopulation(db, engine, { onProgress: (p) => progress.push(p.clients), workers: 2 });
    expect(storedState(db, engine)).toBe('current');
    const stored = loadStoredPopulation(db, engine);
    const clients = [...iterateClientRecords(db)];
    expect(progress.at(-1)).toBe(clients.length);
    expect(Array.from(stored.ids)).toEqual(clients.map((r) => r.application.SK_ID_CURR));
    const income = featureByName('AMT_INCOME_TOTAL')!.index;
    const ext = featureByName('EXT_SOURCE_MEAN')!.index;
    const vectors = clients.map((r) => computeFeatures(r));
    expect(Array.from(stored.column(income))).toEqual(vectors.map((v) => Math.fround(v[income]!)));
    expect(Array.from(stored.column(ext))).toEqual(vectors.map((v) => Math.fround(v[ext]!)));
    const probabilities = await engine.probabilities(vectors);
    expect(Array.from(stored.probabilities)).toEqual(Array.from(probabilities));
    expect(Array.from(stored.targets)).toEqual(clients.map((r) => (typeof r.application.TARGET === 'number' ? r.application.TARGET : NaN)));
    // The protected attributes' groups stored beside the features are the application table's.
    const fromTable = groupsFromTable(db);
    const fromStore = storedGroups(stored);
    expect(clients.map((r) => fromStore(r.application.SK_ID_CURR as number))).toEqual(clients.map((r) => fromTable(r.application.SK_ID_CURR as number)));
    expect(fromStore(999_999_999)).toBeUndefined();
  }, 120_000);

  it('another model file reads nothing until its own scores are computed; a save under one model drops the other’s', async () => {
    expect(other.model.signature.sha256).not.toBe(engine.model.signature.sha256);
    expect(storedState(db, other)).toBe('scores');
    await materialiseScores(db, other);
    expect(storedState(db, other)).toBe('current');
    expect(loadStoredPopulation(db, other).probabilities.length).toBe(loadStoredPopulation(db, engine).ids.length);

    // A saved application, appended under `engine`: in the population at once, with its features and score.
    const author = demoUser(db, 'agent');
    const before = clientsFingerprint(db);
    const { import_file_id: _file, ...row } = db.prepare('SELECT * FROM application WHERE SK_ID_CURR = 100002').get() as Record<string, string | number>;
    const clientId = insertApplication(db, row, author, { modelVersion: engine.modelVersion, probability: 0.5, threshold: 0.5, decision: 'refused' }, new Date().toISOString());
    const vector = computeFeatures(readClientRecords(db, clientId)!);
    const [probability] = await engine.probabilities([vector]);
    const read = loadStoredPopulation(db, engine);
    read.column(featureByName('AMT_INCOME_TOTAL')!.index);
    storedGroups(read); // its attribute columns read too: extended in memory with the saved client's
    expect(appendStoredClient(db, engine, { id: clientId, vector, probability: probability! }, before)).toBe(true);
    expect(storedState(db, engine)).toBe('current');
    const stored = loadStoredPopulation(db, engine);
    // The population read before, with the client added in memory, is the one read from the store now.
    const grown = withStoredClient(read, { id: clientId, vector, probability: probability! });
    expect(grown.lineage).toBe(read.lineage);
    expect(Array.from(grown.ids)).toEqual(Array.from(stored.ids));
    expect(Array.from(grown.probabilities)).toEqual(Array.from(stored.probabilities));
    for (const feature of [featureByName('AMT_INCOME_TOTAL')!.index, featureByName('AMT_CREDIT')!.index]) {
      expect(Array.from(grown.column(feature))).toEqual(Array.from(stored.column(feature)));
      expect(Array.from(grown.valuesAt(feature, [0, grown.ids.length - 1]))).toEqual([stored.column(feature)[0], stored.column(feature).at(-1)]);
    }
    expect(storedGroups(grown)(clientId)).toEqual(groupsFromTable(db)(clientId));
    expect(stored.ids.at(-1)).toBe(clientId);
    expect(stored.probabilities.at(-1)).toBe(probability);
    expect(Number.isNaN(stored.targets.at(-1)!)).toBe(true);
    const income = featureByName('AMT_INCOME_TOTAL')!.index;
    expect(stored.column(income).at(-1)).toBe(Math.fround(vector[income]!));
    // The other model's scores no longer cover every client: never served, computed again when asked.
    expect(storedState(db, other)).toBe('scores');
    // A stale fingerprint (another client inserted meanwhile) appends nothing.
    expect(appendStoredClient(db, engine, { id: clientId, vector, probability: probability! }, before)).toBe(false);
  }, 120_000);

  it('is not marked complete when another program clears the store while it is computed (a second window on the file)', async () => {
    const second = openDatabase(db.name, { key: keyOf(db) });
    try {
      const clearFromTheOtherWindow = () => second.transaction(() => populationQueries(second).clearFeatures(FEATURE_SET_KEY))();
      // The features: cleared by the other connection after the last chunk was written, before the end.
      let cleared = false;
      await materialisePopulation(db, engine, {
        workers: 1,
        onProgress: (p) => {
          if (p.clients === 0 || cleared) return;
          cleared = true;
          clearFromTheOtherWindow();
        },
      });
      expect(cleared).toBe(true);
      expect(storedState(db, engine)).toBe('stale');
      // Computed again without interference: complete.
      await materialisePopulation(db, engine, { workers: 1 });
      expect(storedState(db, engine)).toBe('current');
      // Another model's scores: the features under them cleared meanwhile, so not marked either.
      expect(storedState(db, other)).toBe('scores');
      let scored = false;
      await materialiseScores(db, other, (p) => {
        if (p.clients === 0 || scored) return;
        scored = true;
        clearFromTheOtherWindow();
      });
      expect(scored).toBe(true);
      expect(storedState(db, other)).toBe('stale');
    } finally {
      second.close();
    }
  }, 120_000);
});
