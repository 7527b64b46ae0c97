/**
 * Application columns that are NOT model inputs, each with the reason, for the model card. Every other
 * application column feeds at least one feature (a test holds the two lists complete and disjoint).
 * The history tables enter the model only through the aggregates of the feature registry.
 */

/** A column left out of the model input, and why. */
export interface ExcludedInput {
  table: 'application';
  column: string;
  reason: string;
}

/** An input kept in the model that deserves a fairness review, and why. */
export interface SensitiveInput {
  table: 'application';
  column: string;
  note: string;
}

const BUILDING_STEMS = [
  'APARTMENTS', 'BASEMENTAREA', 'YEARS_BEGINEXPLUATATION', 'YEARS_BUILD', 'COMMONAREA', 'ELEVATORS', 'ENTRANCES',
  'FLOORSMAX', 'FLOORSMIN', 'LANDAREA', 'LIVINGAPARTMENTS', 'LIVINGAREA', 'NONLIVINGAPARTMENTS', 'NONLIVINGAREA',
];

const excluded = (column: string, reason: string): ExcludedInput => ({ table: 'application', column, reason });

/** The application columns the features never read, with the reason. */
export const EXCLUDED_INPUTS: readonly ExcludedInput[] = [
  excluded(
    'CODE_GENDER',
    'Protected attribute (sex): a credit decision must not depend on it (EU directive 2004/113/EC, French Code pénal art. 225-1). ' +
      'No feature reads it.',
  ),
  excluded(
    'DAYS_BIRTH',
    'Protected attribute (age): age is a ground of non-discrimination (EU Charter of Fundamental Rights art. 21, to which the ' +
      'Consumer Credit Directive (EU) 2023/2225 art. 6 refers; French Code pénal art. 225-1), so a credit decision must not depend on it. ' +
      'No feature reads it, nor any ratio built from it (the share of life in the current job was removed; time in the current job, ' +
      'DAYS_EMPLOYED, stays). It is still collected and stored so that fairness can be monitored by age band.',
  ),
  excluded('SK_ID_CURR', 'Identifier of the application: carries no information about the applicant.'),
  excluded('TARGET', 'The outcome the model predicts (payment difficulties), not an input.'),
  excluded(
    'WEEKDAY_APPR_PROCESS_START',
    'When the application was keyed in describes the branch process, not the applicant; an application typed into the app would get the clerk’s clock.',
  ),
  excluded('HOUR_APPR_PROCESS_START', 'Same as WEEKDAY_APPR_PROCESS_START: a trace of the process, not of the applicant.'),
  excluded('FLAG_MOBIL', 'Constant: every client but one in the public data set gave a mobile phone.'),
  ...BUILDING_STEMS.flatMap((stem) =>
    ['MODE', 'MEDI'].map((statistic) =>
      excluded(
        `${stem}_${statistic}`,
        `Another statistic (${statistic === 'MODE' ? 'mode' : 'median'}) of the same building measure as ${stem}_AVG, which is kept: ` +
          'near-duplicates would split importance and explanations between copies.',
      ),
    ),
  ),
  ...['FONDKAPREMONT_MODE', 'HOUSETYPE_MODE', 'WALLSMATERIAL_MODE'].map((column) =>
    excluded(
      column,
      'Text description of the building (fund, house type, wall material): 50–70 % missing, weak, and no reason a loan officer could act on; ' +
        'the building is represented by its *_AVG measures.',
    ),
  ),
];

/**
 * Inputs kept as decided for the model but touching criteria of French anti-discrimination law
 * (Code pénal art. 225-1: family situation); listed so the model card can show them for review.
 * Age was one until it became an excluded input (DAYS_BIRTH above).
 */
export const SENSITIVE_INPUTS: readonly SensitiveInput[] = [
  { table: 'application', column: 'NAME_FAMILY_STATUS', note: 'Family situation (a criterion of art. 225-1); kept as decided, to review.' },
  { table: 'application', column: 'CNT_CHILDREN', note: 'Family situation (number of children); kept as decided, to review.' },
  { table: 'application', column: 'CNT_FAM_MEMBERS', note: 'Family situation (household size); kept for income per person, to review.' },
];
