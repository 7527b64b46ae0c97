/**
 * Similar clients on the synthetic fixture: the nearest clients on the model's most important features
 * (standardised), checked against a brute-force computation written independently here, with their
 * decision (the client scored on its own) and outcome (TARGET in the database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { scoreClient } from '../../../model/scoring/client-scoring.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { FEATURES } from '../../../model/features/feature-registry.js';
import { iterateClientRecords } from '../../../model/features/iterate-client-records.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { mostImportantFeatures, similarClients, similarityIndex } from '../../../model/explanation/similar-clients.js';
import { inputImportance } from '../../../model/explanation/input-importance.js';
import { openShippedFixture, type ShippedFixture } from '../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;
let population: Array<{ id: number; vector: Float64Array; target: number | null }>;

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
  population = [...iterateClientRecords(db)].map((r) => ({
    id: r.application.SK_ID_CURR as number,
    vector: computeFeatures(r),
    target: r.application.TARGET ?? null,
  }));
});
afterAll(() => fixture?.close());

/** Brute force: standardise each compared feature over the population, missing = mean, Euclidean distance. */
function bruteForce(features: number[], query: Float64Array, exclude: number | undefined, k: number) {
  const stats = features.map((f) => {
    const known = population.map((p) => p.vector[f]!).filter((v) => !Number.isNaN(v));
    const mean = known.reduce((s, v) => s + v, 0) / known.length;
    const sd = Math.sqrt(known.reduce((s, v) => s + (v - mean) ** 2, 0) / (known.length - 1));
    return { mean, sd };
  });
  const z = (v: number, j: number) => (Number.isNaN(v) || !(stats[j]!.sd > 0) ? 0 : (v - stats[j]!.mean) / stats[j]!.sd);
  return population
    .filter((p) => p.id !== exclude)
    .map((p) => ({ id: p.id, distance: Math.hypot(...features.map((f, j) => z(p.vector[f]!, j) - z(query[f]!, j))) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, k);
}

describe('similar clients', () => {
  it('compares on the model’s ten most important inputs that are numbers of their own (per-input importance)', () => {
    const features = mostImportantFeatures(engine);
    const ranked = inputImportance(engine.model.metadata, 'en').filter((entry) => entry.feature !== null && entry.importance > 0);
    expect(features.map((i) => FEATURES[i]!.name)).toEqual(ranked.slice(0, 10).map((entry) => entry.feature));
    expect(new Set(features).size).toBe(10);
  });

  it('are the k nearest clients by brute force, the client itself excluded', async () => {
    const features = mostImportantFeatures(engine);
    for (const client of population.filter((_, i) => i % 97 === 0)) {
      const result = await similarClients(db, engine, client.vector, { lang: 'en', k: 7, exclude: client.id });
      expect(result.clients.map((c) => c.clientId)).not.toContain(client.id);
      const expected = bruteForce(features, client.vector, client.id, 7);
      expect(result.clients.map((c) => c.distance)).toEqual(expected.map((e) => expect.closeTo(e.distance, 9)));
      // Ties aside, the same clients.
      const distinct = expected.every((e, i) => i === 0 || e.distance - expected[i - 1]!.distance > 1e-9);
      if (distinct) expect(result.clients.map((c) => c.clientId)).toEqual(expected.map((e) => e.id));
    }
  });

  it('find the client itself at distance 0 when it is not excluded', async () => {
    const client = population[10]!;
    const result = await similarClients(db, engine, client.vector, { lang: 'fr', k: 3 });
    expect(result.clients[0]!.distance).toBe(0);
    expect(result.clients.some((c) => c.clientId === client.id)).toBe(true);
  });

  it('carry each neighbour’s decision as scored alone, its outcome where known, its values and labels', async () => {
    const client = population[0]!;
    const result = await similarClients(db, engine, client.vector, { lang: 'fr', k: 10, exclude: client.id });
    expect(result.features.map((f) => f.feature)).toEqual(mostImportantFeatures(engine).map((i) => FEATURES[i]!.name));
    expect(result.features.every((f) => f.label && !/_/.test(f.label))).toBe(true);
    for (const neighbour of result.clients) {
      const alone = await scoreClient(db, engine, neighbour.clientId, { lang: 'fr' });
      expect(neighbour.probability).toBe(alone.probability);
      expect(neighbour.decision).toBe(alone.decision);
      const target = population.find((p) => p.id === neighbour.clientId)!.target;
      expect(neighbour.outcome).toBe(target === 1 ? 'defaulted' : target === 0 ? 'repaid' : null);
      const vector = population.find((p) => p.id === neighbour.clientId)!.vector;
      expect(neighbour.values).toEqual(mostImportantFeatures(engine).map((f) => (Number.isNaN(vector[f]!) ? null : vector[f])));
    }
    // The fixture has application_test clients (no TARGET) and labelled ones.
    const all = await similarClients(db, engine, client.vector, { lang: 'fr', k: population.length });
    expect(new Set(all.clients.map((c) => c.outcome))).toEqual(new Set(['defaulted', 'repaid', null]));
  });

  it('build the population once per engine and database', async () => {
    const first = similarityIndex(db, engine);
    expect(similarityIndex(db, engine)).toBe(first);
    expect((await first).ids.length).toBe(population.length);
  });
});
