/** Features of the monthly history of the client's credit cards at Home Credit (credit_card_balance). */
import type { ClientRecords } from './client-records.js';
import { featureIndex } from './feature-spec.js';
import { maxKnown, num } from './feature-values.js';
import { historyFeatureBuilder } from './history-feature.js';

const f = historyFeatureBuilder('credit_card_balance');

/** The credit-card features, in input order. */
export const CREDIT_CARD_FEATURES = [
  f('CC_MONTHS_COUNT', { en: 'Months of credit card history', fr: 'Mois d’historique de carte de crédit' }, 'count', 'zero', [
    'credit_card_balance.MONTHS_BALANCE',
  ]),
  f(
    'CC_UTILISATION_MEAN',
    { en: 'Average use of the card limit', fr: 'Utilisation moyenne du plafond de la carte' },
    'ratio_percent',
    'missing',
    ['credit_card_balance.AMT_BALANCE', 'credit_card_balance.AMT_CREDIT_LIMIT_ACTUAL'],
  ),
  f(
    'CC_UTILISATION_MAX',
    { en: 'Highest use of the card limit', fr: 'Utilisation maximale du plafond de la carte' },
    'ratio_percent',
    'missing',
    ['credit_card_balance.AMT_BALANCE', 'credit_card_balance.AMT_CREDIT_LIMIT_ACTUAL'],
  ),
  f(
    'CC_DRAWINGS_MEAN',
    { en: 'Average monthly card drawings', fr: 'Retraits mensuels moyens sur la carte' },
    'currency',
    'missing',
    ['credit_card_balance.AMT_DRAWINGS_CURRENT'],
  ),
  f('CC_DPD_MAX', { en: 'Longest delay on credit cards', fr: 'Plus long retard sur carte de crédit' }, 'days', 'missing', [
    'credit_card_balance.SK_DPD',
  ]),
] as const;

const F = featureIndex(CREDIT_CARD_FEATURES);

/** Writes the credit-card features of `records` into `out` from position `at`. */
export function computeCreditCardFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const rows = records.creditCard;
  let utilisationSum = 0;
  let utilisationCount = 0;
  let utilisationMax = NaN;
  let drawingsSum = 0;
  let drawingsCount = 0;
  let dpdMax = NaN;
  for (const row of rows) {
    // A month with a zero limit (card not yet opened or closed) has no utilisation, not an infinite one.
    const limit = num(row.AMT_CREDIT_LIMIT_ACTUAL);
    const balance = num(row.AMT_BALANCE);
    if (limit > 0 && !Number.isNaN(balance)) {
      const utilisation = balance / limit;
      utilisationSum += utilisation;
      utilisationCount++;
      utilisationMax = maxKnown(utilisationMax, utilisation);
    }
    const drawings = num(row.AMT_DRAWINGS_CURRENT);
    if (!Number.isNaN(drawings)) {
      drawingsSum += drawings;
      drawingsCount++;
    }
    dpdMax = maxKnown(dpdMax, num(row.SK_DPD));
  }
  out[at + F.CC_MONTHS_COUNT] = rows.length;
  out[at + F.CC_UTILISATION_MEAN] = utilisationCount > 0 ? utilisationSum / utilisationCount : NaN;
  out[at + F.CC_UTILISATION_MAX] = utilisationMax;
  out[at + F.CC_DRAWINGS_MEAN] = drawingsCount > 0 ? drawingsSum / drawingsCount : NaN;
  out[at + F.CC_DPD_MAX] = dpdMax;
}
