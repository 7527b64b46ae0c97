/** Features of the monthly history of the client's POS and cash loans at Home Credit (POS_CASH_balance). */
import type { ClientRecords } from './client-records.js';
import { featureIndex } from './feature-spec.js';
import { maxKnown, num } from './feature-values.js';
import { historyFeatureBuilder } from './history-feature.js';

const f = historyFeatureBuilder('POS_CASH_balance');

/** The POS/cash features, in input order. */
export const POS_CASH_FEATURES = [
  f('POS_MONTHS_COUNT', { en: 'Months of POS and cash loan history', fr: 'Mois d’historique de prêts au point de vente' }, 'count', 'zero', [
    'POS_CASH_balance.MONTHS_BALANCE',
  ]),
  f('POS_DPD_MAX', { en: 'Longest delay on POS and cash loans', fr: 'Plus long retard sur les prêts au point de vente' }, 'days', 'missing', [
    'POS_CASH_balance.SK_DPD',
  ]),
  f('POS_DPD_MEAN', { en: 'Average delay on POS and cash loans', fr: 'Retard moyen sur les prêts au point de vente' }, 'days', 'missing', [
    'POS_CASH_balance.SK_DPD',
  ]),
  f(
    'POS_DPD_DEF_MAX',
    { en: 'Longest significant delay on POS and cash loans', fr: 'Plus long retard significatif au point de vente' },
    'days',
    'missing',
    ['POS_CASH_balance.SK_DPD_DEF'],
  ),
  f(
    'POS_LATE_MONTH_SHARE',
    { en: 'Share of months late on POS and cash loans', fr: 'Part des mois en retard au point de vente' },
    'ratio_percent',
    'missing',
    ['POS_CASH_balance.SK_DPD'],
  ),
  f(
    'POS_COMPLETED_COUNT',
    { en: 'POS and cash loans repaid', fr: 'Prêts au point de vente remboursés' },
    'count',
    'zero',
    ['POS_CASH_balance.NAME_CONTRACT_STATUS', 'POS_CASH_balance.SK_ID_PREV'],
  ),
] as const;

const F = featureIndex(POS_CASH_FEATURES);

/** Writes the POS/cash features of `records` into `out` from position `at`. */
export function computePosCashFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const rows = records.posCash;
  let dpdMax = NaN;
  let dpdSum = 0;
  let dpdKnown = 0;
  let lateMonths = 0;
  let dpdDefMax = NaN;
  // Distinct loans with a Completed month (a loan stays Completed for several months).
  let completed: Set<number> | undefined;
  for (const row of rows) {
    const dpd = num(row.SK_DPD);
    if (!Number.isNaN(dpd)) {
      dpdSum += dpd;
      dpdKnown++;
      if (dpd > 0) lateMonths++;
      dpdMax = maxKnown(dpdMax, dpd);
    }
    dpdDefMax = maxKnown(dpdDefMax, num(row.SK_DPD_DEF));
    if (row.NAME_CONTRACT_STATUS === 'Completed' && row.SK_ID_PREV !== null) (completed ??= new Set()).add(row.SK_ID_PREV);
  }
  out[at + F.POS_MONTHS_COUNT] = rows.length;
  out[at + F.POS_DPD_MAX] = dpdMax;
  out[at + F.POS_DPD_MEAN] = dpdKnown > 0 ? dpdSum / dpdKnown : NaN;
  out[at + F.POS_DPD_DEF_MAX] = dpdDefMax;
  out[at + F.POS_LATE_MONTH_SHARE] = dpdKnown > 0 ? lateMonths / dpdKnown : NaN;
  out[at + F.POS_COMPLETED_COUNT] = completed?.size ?? 0;
}
