/** The counter-offer in lines: a real counter-offer of the shipped model, and each 'none' reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../electron/shared/contract';
import { counterOffer } from '../../model/scoring/counter-offer';
import { applicationOnlyRecords } from '../../model/features/client-records';
import { computeFeatures } from '../../model/features/compute-features';
import { validateApplicationRecord } from '../../model/application/application-record';
import type { ScoringEngine } from '../../model/scoring/scoring-engine';
import { hasOffer, offerLines, type CounterOffer } from '../../renderer/src/pages/client/counter-offer-lines';
import { openShippedEngine } from '../support/shipped-engine.js';

let engine: ScoringEngine;
beforeAll(async () => {
  engine = await openShippedEngine();
});
afterAll(async () => {
  await engine?.close();
});

const RISKY = {
  NAME_CONTRACT_TYPE: 'Cash loans', AMT_CREDIT: 900_000, AMT_ANNUITY: 45_000, AMT_GOODS_PRICE: 900_000, AMT_INCOME_TOTAL: 135_000,
  DAYS_BIRTH: -9_500, DAYS_EMPLOYED: -400, NAME_INCOME_TYPE: 'Working', NAME_EDUCATION_TYPE: 'Secondary / secondary special',
  NAME_FAMILY_STATUS: 'Single / not married', NAME_HOUSING_TYPE: 'Rented apartment', CNT_CHILDREN: 0, CNT_FAM_MEMBERS: 1,
  FLAG_OWN_CAR: 'N', FLAG_OWN_REALTY: 'N', EXT_SOURCE_2: 0.2, EXT_SOURCE_3: 0.25,
};

describe('offerLines', () => {
  it('reads a real counter-offer of the shipped model: the amount and the term that would be granted, with their probability', async () => {
    const records = applicationOnlyRecords(validateApplicationRecord(RISKY));
    const [probability] = await engine.probabilities([computeFeatures(records)]);
    // Just below this application's probability: it is refused, and nearby terms are granted.
    const threshold = probability! * 0.97;
    const offer = CONTRACT['scoring:counterOffer'].response.shape.counterOffer.parse(JSON.parse(JSON.stringify(await counterOffer(engine, records, { threshold })))) as CounterOffer;
    const lines = offerLines(offer);
    expect(lines).toHaveLength(2);
    expect(hasOffer(lines)).toBe(true);
    for (const line of lines) {
      if (line.kind === 'amount') {
        expect(line.credit).toBeLessThan(900_000);
        expect(line.requestedCredit).toBe(900_000);
        expect(line.probability).toBeLessThan(threshold);
      } else if (line.kind === 'duration') {
        expect(line.months).toBeGreaterThan(20);
        expect(line.requestedMonths).toBe(20);
        expect(line.probability).toBeLessThan(threshold);
      }
    }
  });

  it('says why there is no offer, for each axis', () => {
    const requested = { credit: 45_000, annuity: null, goodsPrice: null, term: null, probability: 0.4 };
    const none: CounterOffer = {
      threshold: 0.1,
      requested,
      amount: { status: 'none', reason: 'at-smallest-amount' },
      duration: { status: 'none', reason: 'no-instalment' },
    };
    expect(offerLines(none)).toEqual([
      { kind: 'none', axis: 'amount', reason: 'at-smallest-amount' },
      { kind: 'none', axis: 'duration', reason: 'no-instalment' },
    ]);
    expect(hasOffer(offerLines(none))).toBe(false);
  });
});
