/**
 * Reasons of synthetic fixture clients under a real model (the shipped one, else one trained here on the
 * fixture): readable in both languages, signs that agree with the exact contributions, and contributions
 * that add up to the probability's distance from the base probability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import type { ClientRecords } from '../../../model/features/client-records.js';
import { FEATURE_NAMES, FEATURES } from '../../../model/features/feature-registry.js';
import { iterateClientRecords } from '../../../model/features/iterate-client-records.js';
import { ONE_HOT_COLUMNS } from '../../../model/features/application-categories.js';
import { reasonsFor, type Reason } from '../../../model/explanation/reasons.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { openShippedFixture, type ShippedFixture } from '../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;
let clients: ClientRecords[];

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
  clients = [...iterateClientRecords(db)];
});
afterAll(() => fixture?.close());

function reasonsOf(records: ClientRecords, lang: 'fr' | 'en', extra: Partial<Parameters<typeof reasonsFor>[1]> = {}) {
  const vector = computeFeatures(records);
  const explanation = engine.explain(vector);
  const reasons = reasonsFor({ inputIndex: engine.model.inputIndex, vector, contributions: explanation.probabilityContributions }, { lang, ...extra });
  return { vector, explanation, reasons };
}

const RAW_NAME = new RegExp(`\\b(${FEATURE_NAMES.join('|')})\\b`);
const ANY_UPPER_SNAKE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

describe('reasons of fixture clients', () => {
  it('have human labels and values in French and English, never a raw feature name', () => {
    for (const records of clients) {
      const en = reasonsOf(records, 'en').reasons;
      const fr = reasonsOf(records, 'fr').reasons;
      expect(en.length).toBe(fr.length);
      expect(en.length).toBeGreaterThan(0);
      for (const reason of [...en, ...fr]) {
        for (const text of [reason.label, reason.value, reason.text]) {
          expect(text, `${reason.input}: ${text}`).not.toMatch(RAW_NAME);
          expect(text).not.toMatch(ANY_UPPER_SNAKE);
          expect(text).not.toMatch(/NaN|undefined|Infinity/);
        }
      }
      // Same facts, same order, other words.
      expect(fr.map((r) => r.input)).toEqual(en.map((r) => r.input));
      expect(fr.map((r) => r.label)).not.toEqual(en.map((r) => r.label));
    }
  });

  it('are the top 5 against (largest first) then the top 5 for, with directions that agree with the signs', () => {
    for (const records of clients.slice(0, 200)) {
      const { reasons } = reasonsOf(records, 'en', { minContribution: 0 });
      const against = reasons.filter((r) => r.direction === 'against');
      const inFavour = reasons.filter((r) => r.direction === 'for');
      expect(reasons).toEqual([...against, ...inFavour]);
      expect(against.length).toBeLessThanOrEqual(5);
      expect(inFavour.length).toBeLessThanOrEqual(5);
      for (const r of against) expect(r.contribution).toBeGreaterThan(0);
      for (const r of inFavour) expect(r.contribution).toBeLessThan(0);
      const sortedDesc = (xs: Reason[]) => xs.every((r, i) => i === 0 || xs[i - 1]!.contribution >= r.contribution);
      expect(sortedDesc(against)).toBe(true);
      expect(sortedDesc([...inFavour].reverse())).toBe(true);
      // Nothing left out is stronger than the weakest reason shown.
      const all = reasonsOf(records, 'en', { count: Infinity, minContribution: 0 }).reasons;
      expect(against).toEqual(all.filter((r) => r.direction === 'against').slice(0, 5));
      expect(inFavour).toEqual(all.filter((r) => r.direction === 'for').slice(0, 5));
    }
  });

  it('add up (all of them) to the probability the model gives minus the base probability', async () => {
    const sample = clients.slice(0, 300);
    const probabilities = await engine.probabilities(sample.map((r) => computeFeatures(r)));
    sample.forEach((records, i) => {
      const { reasons, explanation } = reasonsOf(records, 'fr', { count: Infinity, minContribution: 0 });
      const total = reasons.reduce((sum, r) => sum + r.contribution, 0);
      expect(total).toBeCloseTo(probabilities[i]! - explanation.baseProbability, 5);
    });
  });

  it('show the client’s own value, formatted by unit', () => {
    const client = clients.find((r) => r.application.SK_ID_CURR === 100002)!;
    const all = reasonsOf(client, 'en', { count: Infinity, minContribution: 0 }).reasons;
    const byFeature = new Map(all.map((r) => [r.input, r]));
    // Client 100002: DAYS_EMPLOYED −190 (half a year), AMT_CREDIT 157,500.0, EXT_SOURCE_2 0.1381.
    expect(client.application.DAYS_EMPLOYED).toBe(-190);
    if (byFeature.has('DAYS_EMPLOYED')) expect(byFeature.get('DAYS_EMPLOYED')!.text).toBe('Time in current job: 6 months');
    if (byFeature.has('AMT_CREDIT')) expect(byFeature.get('AMT_CREDIT')!.value).toBe('€157,500');
    if (byFeature.has('EXT_SOURCE_2')) expect(byFeature.get('EXT_SOURCE_2')!.value).toBe('0.14');
    expect(byFeature.size).toBeGreaterThan(3);
  });

  it('give one reason per input: a category field once, as entered, the effects of its flags added', () => {
    const columns = new Map(ONE_HOT_COLUMNS.map((c) => [c.column, c]));
    let seen = 0;
    for (const records of clients) {
      const { reasons, explanation } = reasonsOf(records, 'en', { count: Infinity, minContribution: 0 });
      expect(new Set(reasons.map((r) => r.input)).size).toBe(reasons.length);
      expect(new Set(reasons.map((r) => r.label)).size).toBe(reasons.length);
      for (const reason of reasons) {
        expect(reason.input).not.toMatch(/^(NAME_FAMILY_STATUS|CNT_CHILDREN|NAME_TYPE_SUITE|REGION_)/);
        const column = columns.get(reason.input);
        if (!column) continue;
        seen++;
        // The client's category, read from the application row itself (not from the flags).
        const raw = records.application[column.column as keyof typeof records.application];
        const option = column.options.find((o) => o.values.includes(raw as string));
        const empty = raw === null || raw === undefined || raw === '' || (column.missingValues ?? []).includes(raw as string);
        const reference = (column.reference ?? []).includes(raw as string);
        const value = empty ? 'not given' : option ? option.label.en : reference ? column.referenceLabel!.en : 'another value';
        expect(reason.text).toBe(`${column.title.en}: ${value}`);
        // Exactly the sum of the input's columns' contributions.
        let sum = 0;
        Array.from(engine.model.inputIndex).forEach((index, j) => {
          if (FEATURES[index]!.input === column.column) sum += explanation.probabilityContributions[j]!;
        });
        expect(reason.contribution).toBeCloseTo(sum, 12);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
