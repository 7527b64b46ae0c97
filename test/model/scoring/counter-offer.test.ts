/**
 * Counter-offers for refused fixture clients: each offer is granted when typed back in as an application
 * (scoreApplication, the client's history attached) and the candidate one step closer to the request is
 * refused; "none" means even the farthest terms within the bounds are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { scoreApplication } from '../../../model/scoring/client-scoring.js';
import { amountStep, applicationWithTerms, counterOffer, type CounterOffer, type LoanTerms } from '../../../model/scoring/counter-offer.js';
import type { ClientRecords } from '../../../model/features/client-records.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { iterateClientRecords } from '../../../model/features/iterate-client-records.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { APPLICATION_COLUMNS_SQL } from '../../support/application-columns.js';
import { openShippedFixture, type ShippedFixture } from '../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;
let refused: Array<{ records: ClientRecords; offer: CounterOffer }>;
let granted: ClientRecords[];

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
  const clients = [...iterateClientRecords(db)];
  const probabilities = await engine.probabilities(clients.map((r) => computeFeatures(r)));
  granted = clients.filter((_, i) => engine.judge(probabilities[i]!).decision === 'granted');
  refused = [];
  for (const [i, records] of clients.entries()) {
    if (engine.judge(probabilities[i]!).decision === 'granted') continue;
    refused.push({ records, offer: (await counterOffer(engine, records))! });
  }
});
afterAll(() => fixture?.close());

/** An instalment rounded to the cent: within half a cent of the exact value. */
function expectCents(actual: number, exact: number): void {
  expect(Math.abs(actual - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(Math.abs(actual * 100 - Math.round(actual * 100))).toBeLessThan(1e-6);
}

/**
 * The decision for the client's application with other loan terms, through the public scoring path: the
 * whole stored row as an officer would type it (the records hold only what the features read, not the age
 * that an application requires).
 */
async function rescore(records: ClientRecords, terms: LoanTerms) {
  const { application, ...history } = records;
  const row = db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application WHERE SK_ID_CURR = ?`).get(application.SK_ID_CURR) as typeof application;
  return scoreApplication(engine, applicationWithTerms(row, terms), { lang: 'en', history });
}

describe('counter-offer', () => {
  it('is null for a granted application and present for every refused one', async () => {
    expect(granted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const records of granted.slice(0, 20)) expect(await counterOffer(engine, records)).toBeNull();
    for (const { offer } of refused) {
      expect(offer).not.toBeNull();
      expect(offer.requested.probability).toBeGreaterThanOrEqual(offer.threshold);
    }
  });

  it('offers the largest amount at the same term: granted when rescored, and one step more is refused', async () => {
    const offers = refused.filter(({ offer }) => offer.amount.status === 'offer');
    expect(offers.length).toBeGreaterThan(0);
    for (const { records, offer } of offers) {
      if (offer.amount.status !== 'offer') continue;
      const { offer: terms, refusedNext } = offer.amount;
      const requested = offer.requested;
      const step = amountStep(requested.credit);
      // Within the bounds, on the grid of round amounts, below the request.
      expect(terms.credit % step).toBe(0);
      expect(terms.credit).toBeLessThan(requested.credit);
      expect(terms.credit).toBeGreaterThanOrEqual(Math.max(45_000, 0.25 * requested.credit));
      // Same term (instalment scaled to the cent), goods price capped at the credit.
      if (requested.annuity !== null) expectCents(terms.annuity!, (requested.annuity * terms.credit) / requested.credit);
      if (requested.goodsPrice !== null) expect(terms.goodsPrice).toBe(Math.min(requested.goodsPrice, terms.credit));
      // The neighbour is the next grid step up (or the request itself).
      expect(refusedNext.credit).toBe(Math.min(terms.credit + step, requested.credit));

      const atOffer = await rescore(records, terms);
      expect(atOffer.decision).toBe('granted');
      expect(atOffer.probability).toBeCloseTo(terms.probability, 6);
      const above = await rescore(records, refusedNext);
      expect(above.decision).toBe('refused');
      expect(above.probability).toBeCloseTo(refusedNext.probability, 6);
    }
  });

  it('offers the shortest longer term for the same amount: granted when rescored, one instalment less is refused', async () => {
    const offers = refused.filter(({ offer }) => offer.duration.status === 'offer');
    expect(offers.length).toBeGreaterThan(0);
    for (const { records, offer } of offers) {
      if (offer.duration.status !== 'offer') continue;
      const { offer: terms, refusedNext } = offer.duration;
      const requested = offer.requested;
      expect(terms.credit).toBe(requested.credit);
      expect(terms.goodsPrice).toBe(requested.goodsPrice);
      // A whole number of instalments (to the cent of the instalment), longer than asked, at most 30 years.
      const n = Math.round(terms.term!);
      expectCents(terms.annuity!, requested.credit / n);
      expect(n).toBeGreaterThan(requested.term!);
      expect(n).toBeLessThanOrEqual(360);
      // The neighbour is one instalment shorter, or the request itself.
      if (refusedNext.annuity !== requested.annuity) expect(Math.round(refusedNext.term!)).toBe(n - 1);
      else expect(Math.floor(requested.term!) + 1).toBeGreaterThanOrEqual(n - 1);

      expect((await rescore(records, terms)).decision).toBe('granted');
      expect((await rescore(records, refusedNext)).decision).toBe('refused');
    }
  });

  it('says "none" only when the farthest terms within the bounds are refused too', async () => {
    const none = refused.filter(({ offer }) => offer.amount.status === 'none' && offer.amount.reason === 'not-granted-within-bounds');
    expect(none.length).toBeGreaterThan(0);
    for (const { records, offer } of none.slice(0, 30)) {
      const requested = offer.requested;
      const step = amountStep(requested.credit);
      const smallest = Math.ceil(Math.max(45_000, 0.25 * requested.credit) / step) * step;
      const annuity = requested.annuity === null ? null : Math.round((requested.annuity * smallest * 100) / requested.credit) / 100;
      const terms = { credit: smallest, annuity, goodsPrice: requested.goodsPrice === null ? null : Math.min(requested.goodsPrice, smallest), term: null };
      expect((await rescore(records, terms)).decision).toBe('refused');
    }
    const noTerm = refused.filter(({ offer }) => offer.duration.status === 'none' && offer.duration.reason === 'not-granted-within-bounds');
    for (const { records, offer } of noTerm.slice(0, 30)) {
      const credit = offer.requested.credit;
      const longest = { credit, annuity: Math.round((credit / 360) * 100) / 100, goodsPrice: offer.requested.goodsPrice, term: null };
      expect((await rescore(records, longest)).decision).toBe('refused');
    }
  });

  it('says why there is nothing to search: the smallest amount already, or no instalment', async () => {
    const { records } = refused[0]!;
    const atFloor = await counterOffer(engine, { ...records, application: { ...records.application, AMT_CREDIT: 45_000, AMT_ANNUITY: 2_000 } }, { threshold: 0.000001 });
    expect(atFloor?.amount).toEqual({ status: 'none', reason: 'at-smallest-amount' });
    const noAnnuity = await counterOffer(engine, { ...records, application: { ...records.application, AMT_ANNUITY: null } }, { threshold: 0.000001 });
    expect(noAnnuity?.duration).toEqual({ status: 'none', reason: 'no-instalment' });
    const tooLong = await counterOffer(engine, records, { threshold: 0.000001, maxTerm: 2 });
    expect(tooLong?.duration).toEqual({ status: 'none', reason: 'at-longest-term' });
  });

  it('scores every candidate through the same engine in a few batched calls', async () => {
    const { records } = refused[0]!;
    const calls: number[] = [];
    const spy = new Proxy(engine, {
      get(target, property, receiver) {
        if (property === 'probabilities') {
          return (vectors: Float64Array[]) => {
            calls.push(vectors.length);
            return target.probabilities(vectors);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await counterOffer(spy, records);
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(calls[0]).toBeGreaterThan(50);
  });
});
