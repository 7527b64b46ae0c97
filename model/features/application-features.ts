/**
 * Features of the application row: numeric fields as they are, Y/N flags, education as an ordinal,
 * nominal columns one-hot against a fixed vocabulary, and the ratios known to predict default.
 */
import type { ClientRecords } from './client-records.js';
import { EDUCATION_LEVELS, ONE_HOT_COLUMNS, YES_NO_VALUES } from './application-categories.js';
import { featureIndex, type FeatureSpec, type FeatureUnit, type SourceColumn } from './feature-spec.js';
import { DAYS_SENTINEL, num, ratio } from './feature-values.js';

const app = (column: string): SourceColumn => `application.${column}`;

function applicationFeature<const N extends string>(
  name: N,
  en: string,
  fr: string,
  unit: FeatureUnit,
  inputs: readonly string[] = [name],
  extra: Partial<Omit<FeatureSpec, 'name'>> = {},
): FeatureSpec & { name: N } {
  return { name, label: { en, fr }, unit, group: 'application', inputs: inputs.map(app), whenNoHistory: null, ...extra };
}

/** DAYS_EMPLOYED is missing only for the 365243 sentinel (a form requires it): no job to measure. */
const NO_CURRENT_JOB = { en: 'no current job (pensioner, unemployed)', fr: 'pas d’emploi en cours (retraité, sans emploi)' };

/**
 * Application numeric columns used as they are (DAYS_EMPLOYED with its sentinel read as missing). Age
 * (DAYS_BIRTH), the number of children, household size, the region's ratings and density, the building
 * lived in and the social circle are not among them (excluded-inputs.ts says why for each).
 */
const NUMERIC_FEATURES: readonly FeatureSpec[] = [
  applicationFeature('AMT_INCOME_TOTAL', 'Income', 'Revenus', 'currency'),
  applicationFeature('AMT_CREDIT', 'Credit amount', 'Montant du crédit', 'currency'),
  applicationFeature('AMT_ANNUITY', 'Loan instalment', 'Échéance du prêt', 'currency'),
  applicationFeature('AMT_GOODS_PRICE', 'Price of the goods financed', 'Prix du bien financé', 'currency'),
  applicationFeature('DAYS_EMPLOYED', 'Time in current job', "Ancienneté dans l'emploi", 'years_from_days', undefined, {
    whenMissing: NO_CURRENT_JOB,
  }),
  applicationFeature(
    'DAYS_REGISTRATION',
    'Time since registration last changed',
    "Ancienneté de l'enregistrement",
    'years_from_days',
  ),
  applicationFeature('DAYS_ID_PUBLISH', 'Age of identity document', "Ancienneté de la pièce d'identité", 'years_from_days'),
  applicationFeature('OWN_CAR_AGE', 'Age of own car', 'Âge de la voiture', 'years'),
  applicationFeature('FLAG_EMP_PHONE', 'Work phone given', 'Téléphone professionnel donné', 'flag'),
  applicationFeature('FLAG_WORK_PHONE', 'Second phone given', 'Second téléphone donné', 'flag'),
  applicationFeature('FLAG_CONT_MOBILE', 'Mobile phone reachable', 'Mobile joignable', 'flag'),
  applicationFeature('FLAG_PHONE', 'Home phone given', 'Téléphone fixe donné', 'flag'),
  applicationFeature('FLAG_EMAIL', 'Email given', 'E-mail donné', 'flag'),
  applicationFeature(
    'REG_REGION_NOT_LIVE_REGION',
    'Lives outside registered region',
    "Réside hors de sa région d'enregistrement",
    'flag',
  ),
  applicationFeature(
    'REG_REGION_NOT_WORK_REGION',
    'Works outside registered region',
    "Travaille hors de sa région d'enregistrement",
    'flag',
  ),
  applicationFeature(
    'LIVE_REGION_NOT_WORK_REGION',
    'Works outside home region',
    'Travaille hors de sa région de résidence',
    'flag',
  ),
  applicationFeature('REG_CITY_NOT_LIVE_CITY', 'Lives outside registered city', "Réside hors de sa ville d'enregistrement", 'flag'),
  applicationFeature(
    'REG_CITY_NOT_WORK_CITY',
    'Works outside registered city',
    "Travaille hors de sa ville d'enregistrement",
    'flag',
  ),
  applicationFeature('LIVE_CITY_NOT_WORK_CITY', 'Works outside home city', 'Travaille hors de sa ville de résidence', 'flag'),
  applicationFeature('EXT_SOURCE_1', 'External score 1', 'Score externe 1', 'score_0_1'),
  applicationFeature('EXT_SOURCE_2', 'External score 2', 'Score externe 2', 'score_0_1'),
  applicationFeature('EXT_SOURCE_3', 'External score 3', 'Score externe 3', 'score_0_1'),
  applicationFeature('DAYS_LAST_PHONE_CHANGE', 'Time since phone changed', 'Ancienneté du téléphone', 'years_from_days'),
  applicationFeature('FLAG_DOCUMENT_3', 'Document 3 provided', 'Document 3 fourni', 'flag'),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_HOUR',
    'Credit bureau enquiries in the last hour',
    'Consultations du bureau de crédit dans la dernière heure',
    'count',
  ),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_DAY',
    'Credit bureau enquiries in the last day',
    'Consultations du bureau de crédit dans la dernière journée',
    'count',
  ),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_WEEK',
    'Credit bureau enquiries in the last week',
    'Consultations du bureau de crédit dans la dernière semaine',
    'count',
  ),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_MON',
    'Credit bureau enquiries in the last month',
    'Consultations du bureau de crédit dans le dernier mois',
    'count',
  ),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_QRT',
    'Credit bureau enquiries in the last 3 months',
    'Consultations du bureau de crédit dans les 3 derniers mois',
    'count',
  ),
  applicationFeature(
    'AMT_REQ_CREDIT_BUREAU_YEAR',
    'Credit bureau enquiries in the last year',
    'Consultations du bureau de crédit dans la dernière année',
    'count',
  ),
];

/** Y/N (or Yes/No) columns as 0/1 flags, under their own names. */
const YES_NO_FEATURES: readonly FeatureSpec[] = [
  applicationFeature('FLAG_OWN_CAR', 'Owns a car', 'Possède une voiture', 'flag'),
  applicationFeature('FLAG_OWN_REALTY', 'Owns a house or flat', 'Possède un logement', 'flag'),
];

const EDUCATION_FEATURE = applicationFeature('EDUCATION_LEVEL', 'Education level', "Niveau d'études", 'ordinal', ['NAME_EDUCATION_TYPE'], {
  levels: EDUCATION_LEVELS.map((level) => level.label),
});

const ONE_HOT_FEATURES: readonly FeatureSpec[] = ONE_HOT_COLUMNS.flatMap((encoded) =>
  encoded.options.map((option) =>
    applicationFeature(
      `${encoded.prefix}_${option.key}`,
      `${encoded.title.en} is ${option.label.en}`,
      `${encoded.title.fr} : ${option.label.fr}`,
      'category_flag',
      [encoded.column],
      { categoryValues: option.values, input: encoded.column },
    ),
  ),
);

const EXT_SOURCES = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'];
const DOCUMENT_COLUMNS = Array.from({ length: 20 }, (_, i) => `FLAG_DOCUMENT_${i + 2}`);

/** Features derived from several application fields (the ratios, the external scores combined). */
const DERIVED_FEATURES = [
  applicationFeature(
    'DAYS_EMPLOYED_ANOMALY',
    'No current employment on record (pensioner, unemployed)',
    'Aucun emploi en cours déclaré (retraité, sans emploi)',
    'flag',
    ['DAYS_EMPLOYED'],
    { input: 'DAYS_EMPLOYED' },
  ),
  applicationFeature('CREDIT_INCOME_RATIO', 'Credit amount / income', 'Crédit / revenus', 'ratio', ['AMT_CREDIT', 'AMT_INCOME_TOTAL']),
  applicationFeature('ANNUITY_INCOME_RATIO', 'Instalment / income', 'Échéance / revenus', 'ratio_percent', [
    'AMT_ANNUITY',
    'AMT_INCOME_TOTAL',
  ]),
  applicationFeature('PAYMENT_RATE', 'Instalment / credit amount', 'Échéance / crédit', 'ratio_percent', ['AMT_ANNUITY', 'AMT_CREDIT']),
  applicationFeature('GOODS_CREDIT_RATIO', 'Goods price / credit amount', 'Prix du bien / crédit', 'ratio_percent', [
    'AMT_GOODS_PRICE',
    'AMT_CREDIT',
  ]),
  applicationFeature(
    'CREDIT_TERM',
    'Loan length in instalments (credit / instalment)',
    'Durée en échéances (crédit / échéance)',
    'plain',
    ['AMT_CREDIT', 'AMT_ANNUITY'],
  ),
  applicationFeature('INCOME_PER_PERSON', 'Income per household member', 'Revenus par membre du foyer', 'currency', [
    'AMT_INCOME_TOTAL',
    'CNT_FAM_MEMBERS',
  ]),
  applicationFeature('EXT_SOURCE_MEAN', 'External scores: average', 'Scores externes : moyenne', 'score_0_1', EXT_SOURCES),
  applicationFeature('EXT_SOURCE_MIN', 'External scores: lowest', 'Scores externes : le plus bas', 'score_0_1', EXT_SOURCES),
  applicationFeature('EXT_SOURCE_MAX', 'External scores: highest', 'Scores externes : le plus haut', 'score_0_1', EXT_SOURCES),
  applicationFeature('EXT_SOURCE_PRODUCT', 'External scores: product', 'Scores externes : produit', 'plain', EXT_SOURCES),
  applicationFeature('EXT_SOURCE_STD', 'External scores: spread', 'Scores externes : dispersion', 'plain', EXT_SOURCES),
  applicationFeature(
    'EXT_SOURCE_MISSING_COUNT',
    'External scores missing',
    'Scores externes manquants',
    'count',
    EXT_SOURCES,
  ),
  applicationFeature('DOCUMENT_COUNT', 'Documents provided', 'Documents fournis', 'count', DOCUMENT_COLUMNS),
] as const;

/** The application features, in input order. */
export const APPLICATION_FEATURES: readonly FeatureSpec[] = [
  ...NUMERIC_FEATURES,
  ...YES_NO_FEATURES,
  EDUCATION_FEATURE,
  ...ONE_HOT_FEATURES,
  ...DERIVED_FEATURES,
];

// Positions within the group, resolved once: the hot path only indexes arrays.
const NUMERIC_COLUMNS = NUMERIC_FEATURES.map((f) => f.name);
const YES_NO_COLUMNS = YES_NO_FEATURES.map((f) => f.name);
const YES_NO_AT = NUMERIC_FEATURES.length;
const EDUCATION_AT = YES_NO_AT + YES_NO_FEATURES.length;
const EDUCATION_CODES = new Map(EDUCATION_LEVELS.map((level, i) => [level.value, i]));
const ONE_HOT_AT = EDUCATION_AT + 1;
const DERIVED_AT = ONE_HOT_AT + ONE_HOT_FEATURES.length;
const D = featureIndex(DERIVED_FEATURES);
const DAYS_EMPLOYED_AT = NUMERIC_COLUMNS.indexOf('DAYS_EMPLOYED');

interface OneHotPlan {
  column: string;
  at: number;
  width: number;
  /** value → flag position within the column's flags; -1 for a known reference value. */
  positions: Map<string, number>;
  missing: ReadonlySet<string>;
}

const ONE_HOT_PLANS: readonly OneHotPlan[] = (() => {
  let at = ONE_HOT_AT;
  return ONE_HOT_COLUMNS.map((encoded) => {
    const positions = new Map<string, number>();
    encoded.options.forEach((option, i) => option.values.forEach((value) => positions.set(value, i)));
    for (const value of encoded.reference ?? []) positions.set(value, -1);
    const plan = { column: encoded.column, at, width: encoded.options.length, positions, missing: new Set(encoded.missingValues ?? []) };
    at += encoded.options.length;
    return plan;
  });
})();

/** Writes the application features of `records` into `out` from position `at`. */
export function computeApplicationFeatures(records: ClientRecords, out: Float64Array, at: number): void {
  const row = records.application as Record<string, unknown>;

  for (let i = 0; i < NUMERIC_COLUMNS.length; i++) out[at + i] = num(row[NUMERIC_COLUMNS[i]!]);
  const daysEmployed = num(row.DAYS_EMPLOYED);
  const employmentAnomaly = daysEmployed === DAYS_SENTINEL;
  if (employmentAnomaly) out[at + DAYS_EMPLOYED_AT] = NaN;

  for (let i = 0; i < YES_NO_COLUMNS.length; i++) {
    const value = row[YES_NO_COLUMNS[i]!];
    out[at + YES_NO_AT + i] = typeof value === 'string' ? (YES_NO_VALUES[value] ?? NaN) : NaN;
  }

  const education = row.NAME_EDUCATION_TYPE;
  out[at + EDUCATION_AT] = typeof education === 'string' ? (EDUCATION_CODES.get(education) ?? NaN) : NaN;

  for (const plan of ONE_HOT_PLANS) {
    const value = row[plan.column];
    const known = typeof value === 'string' && value !== '' && !plan.missing.has(value);
    const fill = known ? 0 : NaN;
    for (let i = 0; i < plan.width; i++) out[at + plan.at + i] = fill;
    if (known) {
      const position = plan.positions.get(value);
      if (position !== undefined && position >= 0) out[at + plan.at + position] = 1;
    }
  }

  const o = at + DERIVED_AT;
  const income = num(row.AMT_INCOME_TOTAL);
  const credit = num(row.AMT_CREDIT);
  const annuity = num(row.AMT_ANNUITY);
  const goods = num(row.AMT_GOODS_PRICE);
  out[o + D.DAYS_EMPLOYED_ANOMALY] = Number.isNaN(daysEmployed) ? NaN : employmentAnomaly ? 1 : 0;
  out[o + D.CREDIT_INCOME_RATIO] = ratio(credit, income);
  out[o + D.ANNUITY_INCOME_RATIO] = ratio(annuity, income);
  out[o + D.PAYMENT_RATE] = ratio(annuity, credit);
  out[o + D.GOODS_CREDIT_RATIO] = ratio(goods, credit);
  out[o + D.CREDIT_TERM] = ratio(credit, annuity);
  out[o + D.INCOME_PER_PERSON] = ratio(income, num(row.CNT_FAM_MEMBERS));

  // The external scores combined over those present: a mean of two is still informative; the product
  // is defined only when all three are there (a product of fewer terms is not comparable).
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let product = 1;
  for (const column of EXT_SOURCES) {
    const score = num(row[column]);
    if (Number.isNaN(score)) continue;
    count++;
    sum += score;
    product *= score;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const mean = count > 0 ? sum / count : NaN;
  let squares = 0;
  for (const column of EXT_SOURCES) {
    const score = num(row[column]);
    if (!Number.isNaN(score)) squares += (score - mean) * (score - mean);
  }
  out[o + D.EXT_SOURCE_MEAN] = mean;
  out[o + D.EXT_SOURCE_MIN] = count > 0 ? min : NaN;
  out[o + D.EXT_SOURCE_MAX] = count > 0 ? max : NaN;
  out[o + D.EXT_SOURCE_PRODUCT] = count === EXT_SOURCES.length ? product : NaN;
  // Population standard deviation; undefined for a single score.
  out[o + D.EXT_SOURCE_STD] = count >= 2 ? Math.sqrt(squares / count) : NaN;
  out[o + D.EXT_SOURCE_MISSING_COUNT] = EXT_SOURCES.length - count;

  let documents = 0;
  let documentsKnown = 0;
  for (const column of DOCUMENT_COLUMNS) {
    const flag = num(row[column]);
    if (Number.isNaN(flag)) continue;
    documentsKnown++;
    documents += flag;
  }
  out[o + D.DOCUMENT_COUNT] = documentsKnown > 0 ? documents : NaN;
}
