/** Features of the client's past instalments and their payments at Home Credit (installments_payments). */
import type { ClientRecords } from './client-records.js';
import { featureIndex } from './feature-spec.js';
import { maxKnown, num, ratio } from './feature-values.js';
import { historyFeatureBuilder, knownSum } from './history-feature.js';

const f = historyFeatureBuilder('installments_payments');

/** The instalment features, in input order. */
export const INSTALLMENTS_FEATURES = [
  f('INST_COUNT', { en: 'Instalment payments on record', fr: 'Paiements d’échéances enregistrés' }, 'count', 'zero', [
    'installments_payments.DAYS_INSTALMENT',
  ]),
  f(
    'INST_LATE_SHARE',
    { en: 'Share of instalments paid late', fr: 'Part des échéances payées en retard' },
    'ratio_percent',
    'missing',
    ['installments_payments.DAYS_ENTRY_PAYMENT', 'installments_payments.DAYS_INSTALMENT'],
  ),
  f(
    'INST_DAYS_LATE_MEAN',
    { en: 'Average days late on instalments', fr: 'Retard moyen sur les échéances' },
    'days',
    'missing',
    ['installments_payments.DAYS_ENTRY_PAYMENT', 'installments_payments.DAYS_INSTALMENT'],
  ),
  f(
    'INST_DAYS_LATE_MAX',
    { en: 'Longest delay on an instalment', fr: 'Plus long retard sur une échéance' },
    'days',
    'missing',
    ['installments_payments.DAYS_ENTRY_PAYMENT', 'installments_payments.DAYS_INSTALMENT'],
  ),
  f(
    'INST_PAID_DUE_RATIO',
    { en: 'Amount paid / amount due on instalments', fr: 'Montant payé / montant dû sur les échéances' },
    'ratio_percent',
    'missing',
    ['installments_payments.AMT_PAYMENT', 'installments_payments.AMT_INSTALMENT'],
  ),
  f(
    'INST_SHORT_PAYMENT_SHARE',
    { en: 'Share of instalments underpaid', fr: 'Part des échéances payées partiellement' },
    'ratio_percent',
    'missing',
    ['installments_payments.AMT_PAYMENT', 'installments_payments.AMT_INSTALMENT'],
  ),
  f(
    'INST_UNDERPAID_SUM',
    { en: 'Total left unpaid on instalments', fr: 'Total impayé sur les échéances' },
    'currency',
    'zero',
    ['installments_payments.AMT_PAYMENT', 'installments_payments.AMT_INSTALMENT'],
  ),
] as const;

const F = featureIndex(INSTALLMENTS_FEATURES);

/**
 * Writes the instalment features of `records` into `out` from position `at`. One row is one payment
 * (an instalment paid in two parts has two rows), as in the data set's own aggregates.
 */
export function computeInstallmentsFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const rows = records.installments;
  let dated = 0;
  let late = 0;
  let lateDaysSum = 0;
  let lateDaysMax = NaN;
  let paidSum = 0;
  let dueSum = 0;
  let amounts = 0;
  let short = 0;
  let underpaid = 0;
  for (const row of rows) {
    // Days late = paid after the due day; a payment made early or on time counts 0 days late.
    const delay = num(row.DAYS_ENTRY_PAYMENT) - num(row.DAYS_INSTALMENT);
    if (!Number.isNaN(delay)) {
      const daysLate = delay > 0 ? delay : 0;
      dated++;
      if (daysLate > 0) late++;
      lateDaysSum += daysLate;
      lateDaysMax = maxKnown(lateDaysMax, daysLate);
    }
    const paid = num(row.AMT_PAYMENT);
    const due = num(row.AMT_INSTALMENT);
    if (!Number.isNaN(paid) && !Number.isNaN(due)) {
      amounts++;
      paidSum += paid;
      dueSum += due;
      if (paid < due) {
        short++;
        underpaid += due - paid;
      }
    }
  }
  out[at + F.INST_COUNT] = rows.length;
  out[at + F.INST_LATE_SHARE] = dated > 0 ? late / dated : NaN;
  out[at + F.INST_DAYS_LATE_MEAN] = dated > 0 ? lateDaysSum / dated : NaN;
  out[at + F.INST_DAYS_LATE_MAX] = lateDaysMax;
  out[at + F.INST_PAID_DUE_RATIO] = ratio(paidSum, dueSum);
  out[at + F.INST_SHORT_PAYMENT_SHARE] = amounts > 0 ? short / amounts : NaN;
  out[at + F.INST_UNDERPAID_SUM] = knownSum(underpaid, amounts, rows.length);
}
