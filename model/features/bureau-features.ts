/** Features of the client's credits at other lenders (bureau) and their monthly statuses (bureau_balance). */
import type { ClientRecords } from './client-records.js';
import { featureIndex, type Label } from './feature-spec.js';
import { maxKnown, minKnown, num, ratio } from './feature-values.js';
import { historyFeatureBuilder, knownSum } from './history-feature.js';

const f = historyFeatureBuilder('bureau');

const DPD_LEVELS: readonly Label[] = [
  { en: 'on time', fr: "à l'heure" },
  { en: '1–30 days late', fr: '1 à 30 jours de retard' },
  { en: '31–60 days late', fr: '31 à 60 jours de retard' },
  { en: '61–90 days late', fr: '61 à 90 jours de retard' },
  { en: '91–120 days late', fr: '91 à 120 jours de retard' },
  { en: 'more than 120 days late or written off', fr: 'plus de 120 jours de retard ou passé en perte' },
];

/** The bureau features, in input order. */
export const BUREAU_FEATURES = [
  f('BUREAU_COUNT', { en: 'Credits at other lenders', fr: 'Crédits auprès d’autres prêteurs' }, 'count', 'zero', ['bureau.SK_ID_BUREAU']),
  f('BUREAU_ACTIVE_COUNT', { en: 'Active credits at other lenders', fr: 'Crédits en cours auprès d’autres prêteurs' }, 'count', 'zero', [
    'bureau.CREDIT_ACTIVE',
  ]),
  f('BUREAU_CLOSED_COUNT', { en: 'Closed credits at other lenders', fr: 'Crédits clos auprès d’autres prêteurs' }, 'count', 'zero', [
    'bureau.CREDIT_ACTIVE',
  ]),
  f(
    'BUREAU_BAD_DEBT_COUNT',
    { en: 'Credits sold to collectors or written off', fr: 'Crédits cédés au recouvrement ou passés en perte' },
    'count',
    'zero',
    ['bureau.CREDIT_ACTIVE'],
  ),
  f('BUREAU_ACTIVE_SHARE', { en: 'Share of bureau credits still active', fr: 'Part des crédits encore en cours' }, 'ratio_percent', 'missing', [
    'bureau.CREDIT_ACTIVE',
  ]),
  f('BUREAU_MICROLOAN_COUNT', { en: 'Microloans at other lenders', fr: 'Microcrédits auprès d’autres prêteurs' }, 'count', 'zero', [
    'bureau.CREDIT_TYPE',
  ]),
  f('BUREAU_CREDIT_SUM', { en: 'Total borrowed at other lenders', fr: 'Total emprunté auprès d’autres prêteurs' }, 'currency', 'zero', [
    'bureau.AMT_CREDIT_SUM',
  ]),
  f('BUREAU_DEBT_SUM', { en: 'Total debt at other lenders', fr: 'Dette totale auprès d’autres prêteurs' }, 'currency', 'zero', [
    'bureau.AMT_CREDIT_SUM_DEBT',
  ]),
  f(
    'BUREAU_ACTIVE_DEBT_SUM',
    { en: 'Debt on active credits at other lenders', fr: 'Dette des crédits en cours ailleurs' },
    'currency',
    'zero',
    ['bureau.AMT_CREDIT_SUM_DEBT', 'bureau.CREDIT_ACTIVE'],
  ),
  f(
    'BUREAU_DEBT_CREDIT_RATIO',
    { en: 'Share of bureau credit still owed', fr: 'Part des crédits extérieurs restant due' },
    'ratio_percent',
    'missing',
    ['bureau.AMT_CREDIT_SUM_DEBT', 'bureau.AMT_CREDIT_SUM'],
  ),
  f(
    'BUREAU_ACTIVE_DEBT_INCOME_RATIO',
    { en: 'Debt at other lenders / income', fr: 'Dette extérieure / revenus' },
    'ratio',
    'zero',
    ['bureau.AMT_CREDIT_SUM_DEBT', 'bureau.CREDIT_ACTIVE', 'application.AMT_INCOME_TOTAL'],
  ),
  f('BUREAU_OVERDUE_SUM', { en: 'Amount overdue at other lenders', fr: 'Montant en retard ailleurs' }, 'currency', 'zero', [
    'bureau.AMT_CREDIT_SUM_OVERDUE',
  ]),
  f(
    'BUREAU_MAX_OVERDUE_AMOUNT',
    { en: 'Largest amount ever overdue at other lenders', fr: 'Plus gros impayé passé ailleurs' },
    'currency',
    'missing',
    ['bureau.AMT_CREDIT_MAX_OVERDUE'],
  ),
  f(
    'BUREAU_MAX_DAYS_OVERDUE',
    { en: 'Days currently overdue at other lenders', fr: 'Jours de retard en cours ailleurs' },
    'days',
    'missing',
    ['bureau.CREDIT_DAY_OVERDUE'],
  ),
  f('BUREAU_PROLONG_SUM', { en: 'Bureau credits prolonged', fr: 'Prolongations de crédits extérieurs' }, 'count', 'zero', [
    'bureau.CNT_CREDIT_PROLONG',
  ]),
  f(
    'BUREAU_DAYS_CREDIT_MAX',
    { en: 'Time since most recent credit elsewhere', fr: 'Ancienneté du crédit extérieur le plus récent' },
    'days_ago',
    'missing',
    ['bureau.DAYS_CREDIT'],
  ),
  f(
    'BUREAU_DAYS_CREDIT_MIN',
    { en: 'Length of credit history elsewhere', fr: 'Ancienneté de l’historique de crédit extérieur' },
    'years_from_days',
    'missing',
    ['bureau.DAYS_CREDIT'],
  ),
  f(
    'BUREAU_DAYS_UPDATE_MAX',
    { en: 'Time since last bureau update', fr: 'Ancienneté de la dernière mise à jour du bureau' },
    'days_ago',
    'missing',
    ['bureau.DAYS_CREDIT_UPDATE'],
  ),
  f('BUREAU_BALANCE_MONTHS', { en: 'Months of bureau payment history', fr: 'Mois d’historique de paiement au bureau' }, 'count', 'zero', [
    'bureau_balance.MONTHS_BALANCE',
  ]),
  f(
    'BUREAU_WORST_STATUS',
    { en: 'Worst monthly status at other lenders', fr: 'Pire situation mensuelle ailleurs' },
    'ordinal',
    'missing',
    ['bureau_balance.STATUS'],
    { levels: DPD_LEVELS },
  ),
  f(
    'BUREAU_LATE_MONTH_SHARE',
    { en: 'Share of months late at other lenders', fr: 'Part des mois en retard ailleurs' },
    'ratio_percent',
    'missing',
    ['bureau_balance.STATUS'],
  ),
] as const;

const F = featureIndex(BUREAU_FEATURES);

/** Writes the bureau features of `records` into `out` from position `at`. */
export function computeBureauFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const credits = records.bureau;
  const n = credits.length;
  let active = 0;
  let closed = 0;
  let badDebt = 0;
  let microloans = 0;
  let creditSum = 0;
  let creditKnown = 0;
  let debtSum = 0;
  let debtKnown = 0;
  let activeDebtSum = 0;
  let activeDebtKnown = 0;
  // The debt/credit ratio only over credits whose both amounts are known, so the two sums match.
  let pairedDebt = 0;
  let pairedCredit = 0;
  let overdueSum = 0;
  let overdueKnown = 0;
  let prolongSum = 0;
  let prolongKnown = 0;
  let maxOverdueAmount = NaN;
  let maxDaysOverdue = NaN;
  let daysCreditMax = NaN;
  let daysCreditMin = NaN;
  let daysUpdateMax = NaN;
  let months = 0;
  let statusMonths = 0;
  let lateMonths = 0;
  let worstStatus = NaN;

  for (const credit of credits) {
    const state = credit.CREDIT_ACTIVE;
    const isActive = state === 'Active';
    if (isActive) active++;
    else if (state === 'Closed') closed++;
    else if (state === 'Sold' || state === 'Bad debt') badDebt++;
    if (credit.CREDIT_TYPE === 'Microloan') microloans++;

    const amount = num(credit.AMT_CREDIT_SUM);
    const debt = num(credit.AMT_CREDIT_SUM_DEBT);
    if (!Number.isNaN(amount)) {
      creditSum += amount;
      creditKnown++;
    }
    if (!Number.isNaN(debt)) {
      debtSum += debt;
      debtKnown++;
      if (isActive) {
        activeDebtSum += debt;
        activeDebtKnown++;
      }
      if (!Number.isNaN(amount)) {
        pairedDebt += debt;
        pairedCredit += amount;
      }
    }
    const overdue = num(credit.AMT_CREDIT_SUM_OVERDUE);
    if (!Number.isNaN(overdue)) {
      overdueSum += overdue;
      overdueKnown++;
    }
    const prolong = num(credit.CNT_CREDIT_PROLONG);
    if (!Number.isNaN(prolong)) {
      prolongSum += prolong;
      prolongKnown++;
    }
    // Math.max(NaN, x) is NaN: keep the first known value instead.
    maxOverdueAmount = maxKnown(maxOverdueAmount, num(credit.AMT_CREDIT_MAX_OVERDUE));
    maxDaysOverdue = maxKnown(maxDaysOverdue, num(credit.CREDIT_DAY_OVERDUE));
    daysCreditMax = maxKnown(daysCreditMax, num(credit.DAYS_CREDIT));
    daysCreditMin = minKnown(daysCreditMin, num(credit.DAYS_CREDIT));
    daysUpdateMax = maxKnown(daysUpdateMax, num(credit.DAYS_CREDIT_UPDATE));

    for (const month of credit.balance) {
      months++;
      // STATUS: C = closed, X = unknown (neither says anything about lateness), 0–5 = DPD buckets.
      const status = month.STATUS;
      if (status === null || status.length !== 1) continue;
      const code = status.charCodeAt(0) - 48;
      if (code < 0 || code > 5) continue;
      statusMonths++;
      if (code > 0) lateMonths++;
      worstStatus = maxKnown(worstStatus, code);
    }
  }

  const o = at;
  out[o + F.BUREAU_COUNT] = n;
  out[o + F.BUREAU_ACTIVE_COUNT] = active;
  out[o + F.BUREAU_CLOSED_COUNT] = closed;
  out[o + F.BUREAU_BAD_DEBT_COUNT] = badDebt;
  out[o + F.BUREAU_ACTIVE_SHARE] = n > 0 ? active / n : NaN;
  out[o + F.BUREAU_MICROLOAN_COUNT] = microloans;
  out[o + F.BUREAU_CREDIT_SUM] = knownSum(creditSum, creditKnown, n);
  out[o + F.BUREAU_DEBT_SUM] = knownSum(debtSum, debtKnown, n);
  const activeDebt = knownSum(activeDebtSum, activeDebtKnown, active);
  out[o + F.BUREAU_ACTIVE_DEBT_SUM] = activeDebt;
  out[o + F.BUREAU_DEBT_CREDIT_RATIO] = ratio(pairedDebt, pairedCredit);
  out[o + F.BUREAU_ACTIVE_DEBT_INCOME_RATIO] = ratio(activeDebt, num(records.application.AMT_INCOME_TOTAL));
  out[o + F.BUREAU_OVERDUE_SUM] = knownSum(overdueSum, overdueKnown, n);
  out[o + F.BUREAU_MAX_OVERDUE_AMOUNT] = maxOverdueAmount;
  out[o + F.BUREAU_MAX_DAYS_OVERDUE] = maxDaysOverdue;
  out[o + F.BUREAU_PROLONG_SUM] = knownSum(prolongSum, prolongKnown, n);
  out[o + F.BUREAU_DAYS_CREDIT_MAX] = daysCreditMax;
  out[o + F.BUREAU_DAYS_CREDIT_MIN] = daysCreditMin;
  out[o + F.BUREAU_DAYS_UPDATE_MAX] = daysUpdateMax;
  out[o + F.BUREAU_BALANCE_MONTHS] = months;
  out[o + F.BUREAU_WORST_STATUS] = worstStatus;
  out[o + F.BUREAU_LATE_MONTH_SHARE] = statusMonths > 0 ? lateMonths / statusMonths : NaN;
}
