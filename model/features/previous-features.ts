/** Features of the client's previous applications at Home Credit (previous_application). */
import type { ClientRecords } from './client-records.js';
import { featureIndex } from './feature-spec.js';
import { days, maxKnown, minKnown, num, ratio } from './feature-values.js';
import { historyFeatureBuilder } from './history-feature.js';

const f = historyFeatureBuilder('previous_application');

/** The previous-application features, in input order. */
export const PREVIOUS_FEATURES = [
  f('PREV_COUNT', { en: 'Previous applications', fr: 'Demandes précédentes' }, 'count', 'zero', ['previous_application.SK_ID_PREV']),
  f('PREV_REFUSED_COUNT', { en: 'Previous applications refused', fr: 'Demandes précédentes refusées' }, 'count', 'zero', [
    'previous_application.NAME_CONTRACT_STATUS',
  ]),
  f(
    'PREV_APPROVED_SHARE',
    { en: 'Share of previous applications approved', fr: 'Part des demandes précédentes acceptées' },
    'ratio_percent',
    'missing',
    ['previous_application.NAME_CONTRACT_STATUS'],
  ),
  f(
    'PREV_REFUSED_SHARE',
    { en: 'Share of previous applications refused', fr: 'Part des demandes précédentes refusées' },
    'ratio_percent',
    'missing',
    ['previous_application.NAME_CONTRACT_STATUS'],
  ),
  f(
    'PREV_ASKED_GRANTED_RATIO_MEAN',
    { en: 'Amount asked / amount granted before (average)', fr: 'Montant demandé / accordé auparavant (moyenne)' },
    'ratio_percent',
    'missing',
    ['previous_application.AMT_APPLICATION', 'previous_application.AMT_CREDIT'],
  ),
  f(
    'PREV_ASKED_GRANTED_RATIO_MIN',
    { en: 'Amount asked / amount granted before (lowest)', fr: 'Montant demandé / accordé auparavant (minimum)' },
    'ratio_percent',
    'missing',
    ['previous_application.AMT_APPLICATION', 'previous_application.AMT_CREDIT'],
  ),
  f(
    'PREV_ASKED_GRANTED_RATIO_MAX',
    { en: 'Amount asked / amount granted before (highest)', fr: 'Montant demandé / accordé auparavant (maximum)' },
    'ratio_percent',
    'missing',
    ['previous_application.AMT_APPLICATION', 'previous_application.AMT_CREDIT'],
  ),
  f(
    'PREV_DAYS_DECISION_MAX',
    { en: 'Time since last decision on a previous application', fr: 'Ancienneté de la dernière décision précédente' },
    'days_ago',
    'missing',
    ['previous_application.DAYS_DECISION'],
  ),
  f(
    'PREV_CNT_PAYMENT_MEAN',
    { en: 'Average number of instalments of previous loans', fr: 'Nombre moyen d’échéances des prêts précédents' },
    'plain',
    'missing',
    ['previous_application.CNT_PAYMENT'],
  ),
  f(
    'PREV_DAYS_LAST_DUE_MAX',
    { en: 'Planned end of the latest previous loan', fr: 'Fin prévue du dernier prêt précédent' },
    'days_ago',
    'missing',
    ['previous_application.DAYS_LAST_DUE_1ST_VERSION'],
  ),
  f(
    'PREV_DAYS_TERMINATION_MAX',
    { en: 'Time since a previous loan last ended', fr: 'Ancienneté de la dernière fin de prêt précédent' },
    'days_ago',
    'missing',
    ['previous_application.DAYS_TERMINATION'],
  ),
] as const;

const F = featureIndex(PREVIOUS_FEATURES);

/** Writes the previous-application features of `records` into `out` from position `at`. */
export function computePreviousFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const rows = records.previousApplications;
  const n = rows.length;
  let approved = 0;
  let refused = 0;
  let askedSum = 0;
  let askedCount = 0;
  let askedMin = NaN;
  let askedMax = NaN;
  let decisionMax = NaN;
  let paymentsSum = 0;
  let paymentsCount = 0;
  let lastDueMax = NaN;
  let terminationMax = NaN;

  for (const row of rows) {
    const status = row.NAME_CONTRACT_STATUS;
    if (status === 'Approved') approved++;
    else if (status === 'Refused') refused++;
    // Refused and cancelled applications often have AMT_CREDIT 0: nothing was granted, no ratio.
    const asked = ratio(num(row.AMT_APPLICATION), num(row.AMT_CREDIT));
    if (!Number.isNaN(asked)) {
      askedSum += asked;
      askedCount++;
      askedMin = minKnown(askedMin, asked);
      askedMax = maxKnown(askedMax, asked);
    }
    decisionMax = maxKnown(decisionMax, num(row.DAYS_DECISION));
    const payments = num(row.CNT_PAYMENT);
    if (!Number.isNaN(payments)) {
      paymentsSum += payments;
      paymentsCount++;
    }
    lastDueMax = maxKnown(lastDueMax, days(row.DAYS_LAST_DUE_1ST_VERSION));
    terminationMax = maxKnown(terminationMax, days(row.DAYS_TERMINATION));
  }

  out[at + F.PREV_COUNT] = n;
  out[at + F.PREV_REFUSED_COUNT] = refused;
  out[at + F.PREV_APPROVED_SHARE] = n > 0 ? approved / n : NaN;
  out[at + F.PREV_REFUSED_SHARE] = n > 0 ? refused / n : NaN;
  out[at + F.PREV_ASKED_GRANTED_RATIO_MEAN] = askedCount > 0 ? askedSum / askedCount : NaN;
  out[at + F.PREV_ASKED_GRANTED_RATIO_MIN] = askedMin;
  out[at + F.PREV_ASKED_GRANTED_RATIO_MAX] = askedMax;
  out[at + F.PREV_DAYS_DECISION_MAX] = decisionMax;
  out[at + F.PREV_CNT_PAYMENT_MEAN] = paymentsCount > 0 ? paymentsSum / paymentsCount : NaN;
  out[at + F.PREV_DAYS_LAST_DUE_MAX] = lastDueMax;
  out[at + F.PREV_DAYS_TERMINATION_MAX] = terminationMax;
}
