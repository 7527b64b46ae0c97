/**
 * Application columns that are NOT model inputs, each with the reason, for the model card; and the columns
 * that ARE, each with the reason it is lawful (REVIEWED_INPUTS). Every application column is in exactly one
 * of the two lists (a test holds them complete and disjoint). The review went through the grounds of Code
 * pénal art. 225-1 and of the EU Charter's art. 21 (origin, sex, family situation, pregnancy, physical
 * appearance, place of residence, health, disability, age, …). The history tables enter the model only
 * through the aggregates of the feature registry: the applicant's own credit record.
 */

/** A column left out of the model input, and why. */
export interface ExcludedInput {
  table: 'application';
  column: string;
  reason: string;
}

/**
 * Application columns kept as model inputs after the non-discrimination review (Code pénal art. 225-1,
 * EU Charter art. 21), with the reason each is lawful: the lender must assess creditworthiness from the
 * consumer's own financial and economic situation (Consumer Credit Directive (EU) 2023/2225 art. 18).
 */
export interface ReviewedInput {
  table: 'application';
  columns: readonly string[];
  reason: string;
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
  excluded(
    'NAME_FAMILY_STATUS',
    'Protected attribute (family situation: married, single, separated, widowed): situation de famille is a ground of ' +
      'Code pénal art. 225-1, and refusing a service on it is discrimination (art. 225-2). No feature reads it. ' +
      'It is still asked and stored so that fairness can be monitored by family status.',
  ),
  excluded(
    'CNT_CHILDREN',
    'Family situation (number of children, Code pénal art. 225-1). No feature reads it; what a household costs is ' +
      'measured by income per household member (CNT_FAM_MEMBERS, an affordability measure). Still asked and stored.',
  ),
  excluded(
    'NAME_TYPE_SUITE',
    'Who accompanied the applicant (family, spouse, children) describes their family situation (Code pénal art. 225-1), ' +
      'not their means. No feature reads it.',
  ),
  ...['REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY', 'REGION_POPULATION_RELATIVE'].map((column) =>
    excluded(
      column,
      'Where the applicant lives (a rating or the population density of their region or city): place of residence is a ground ' +
        'of Code pénal art. 225-1, and a region’s rating judges the applicant by their neighbours. No feature reads it.',
    ),
  ),
  ...['OBS_30_CNT_SOCIAL_CIRCLE', 'DEF_30_CNT_SOCIAL_CIRCLE', 'OBS_60_CNT_SOCIAL_CIRCLE', 'DEF_60_CNT_SOCIAL_CIRCLE'].map((column) =>
    excluded(
      column,
      'Defaults among the applicant’s acquaintances: other people’s record, not the applicant’s own financial and economic ' +
        'situation, on which the creditworthiness assessment must rest (Directive (EU) 2023/2225 art. 18).',
    ),
  ),
  excluded('SK_ID_CURR', 'Identifier of the application: carries no information about the applicant.'),
  excluded('TARGET', 'The outcome the model predicts (payment difficulties), not an input.'),
  excluded(
    'WEEKDAY_APPR_PROCESS_START',
    'When the application was keyed in describes the branch process, not the applicant; an application typed into the app would get the clerk’s clock.',
  ),
  excluded('HOUR_APPR_PROCESS_START', 'Same as WEEKDAY_APPR_PROCESS_START: a trace of the process, not of the applicant.'),
  excluded('FLAG_MOBIL', 'Constant: every client but one in the public data set gave a mobile phone.'),
  ...BUILDING_STEMS.flatMap((stem) => ['AVG', 'MODE', 'MEDI'].map((statistic) => `${stem}_${statistic}`))
    .concat(['TOTALAREA_MODE', 'EMERGENCYSTATE_MODE', 'FONDKAPREMONT_MODE', 'HOUSETYPE_MODE', 'WALLSMATERIAL_MODE'])
    .map((column) =>
      excluded(
        column,
        'Describes the building the applicant lives in (its size, age, floors, state, walls): their place of residence, a ground ' +
          'of Code pénal art. 225-1, not their means; 50–70 % missing besides. No feature reads it.',
      ),
    ),
];

const kept = (columns: readonly string[], reason: string): ReviewedInput => ({ table: 'application', columns, reason });

/** Every application column a feature reads, grouped, with why it is a lawful input. */
export const REVIEWED_INPUTS: readonly ReviewedInput[] = [
  kept(
    ['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'NAME_CONTRACT_TYPE'],
    'Affordability: the income and the credit asked for (amount, instalment, goods, product) are what a creditworthiness ' +
      'assessment weighs (Directive (EU) 2023/2225 art. 18).',
  ),
  kept(
    ['CNT_FAM_MEMBERS'],
    'Affordability only: read solely as income per household member (what the income must support), never on its own; the ' +
      'household’s composition (marital status, children) is no input.',
  ),
  kept(
    ['NAME_INCOME_TYPE', 'DAYS_EMPLOYED', 'OCCUPATION_TYPE', 'ORGANIZATION_TYPE', 'NAME_EDUCATION_TYPE'],
    'Source and stability of income (art. 18: income and other financial and economic circumstances). Maternity leave counts as ' +
      'employment, so pregnancy (art. 225-1) sets no flag. Pensioner income and no current job go with age: fairness watches ' +
      'approval by age band.',
  ),
  kept(
    ['NAME_HOUSING_TYPE', 'FLAG_OWN_REALTY', 'FLAG_OWN_CAR', 'OWN_CAR_AGE'],
    'Assets and housing costs (owner, tenant, rent-free): financial circumstances under art. 18, not where the applicant lives.',
  ),
  kept(
    ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'],
    'Scores from external credit data: consulting credit databases is part of the assessment (art. 18, art. 19). EXT_SOURCE_1 ' +
      'goes with age (Spearman ρ ≈ 0.6): fairness watches approval by age band.',
  ),
  kept(
    [
      'AMT_REQ_CREDIT_BUREAU_HOUR', 'AMT_REQ_CREDIT_BUREAU_DAY', 'AMT_REQ_CREDIT_BUREAU_WEEK', 'AMT_REQ_CREDIT_BUREAU_MON',
      'AMT_REQ_CREDIT_BUREAU_QRT', 'AMT_REQ_CREDIT_BUREAU_YEAR',
    ],
    'Recent credit-bureau enquiries: other credit being sought, a financial commitment in the making (art. 18).',
  ),
  kept(
    [
      'FLAG_EMP_PHONE', 'FLAG_WORK_PHONE', 'FLAG_CONT_MOBILE', 'FLAG_PHONE', 'FLAG_EMAIL', 'DAYS_LAST_PHONE_CHANGE', 'DAYS_ID_PUBLISH',
      'DAYS_REGISTRATION', ...Array.from({ length: 20 }, (_, i) => `FLAG_DOCUMENT_${i + 2}`),
    ],
    'Contact details, identity document and documents provided: that the information given can be verified and the applicant ' +
      'reached (art. 18 asks for accurate, verified information). None names a protected ground.',
  ),
  kept(
    [
      'REG_REGION_NOT_LIVE_REGION', 'REG_REGION_NOT_WORK_REGION', 'LIVE_REGION_NOT_WORK_REGION', 'REG_CITY_NOT_LIVE_CITY',
      'REG_CITY_NOT_WORK_CITY', 'LIVE_CITY_NOT_WORK_CITY',
    ],
    'Whether the addresses declared (home, registration, work) agree: consistency of the information and commuting, never which ' +
      'place; the region’s rating and density are excluded (place of residence).',
  ),
];
