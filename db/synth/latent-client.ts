import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import { cholesky } from './linear-algebra.js';
import { pick, quantile } from './marginal.js';
import type { ApplicationProfile, Categorical, Conditional, Marginal } from './profile-types.js';
import { normalCdf, sigmoid, type Random } from './random.js';

/**
 * One synthetic applicant: a latent creditworthiness c ~ N(0,1), the application columns drawn around it
 * through a Gaussian copula, and the default outcome drawn from the latent risk. The history tables read c.
 */

/** Application columns in the real file's order (train, TARGET second). */
export const APPLICATION_COLUMNS: readonly string[] = HOME_CREDIT_COLUMNS.application.map(([name]) => name);

/** The latent creditworthiness: the copula's first variable. */
export const LATENT = 'LATENT_C';
/** AMT_GOODS_PRICE / AMT_CREDIT: drawn instead of AMT_CREDIT so that goods ≤ credit holds as in real files. */
export const GOODS_RATIO = 'GOODS_RATIO';
/** AMT_ANNUITY / AMT_CREDIT (the payment rate, i.e. 1 / term). */
export const PAY_RATE = 'PAY_RATE';

/** Bases of the building columns: each has _AVG, _MODE and _MEDI variants that are missing together. */
export const BUILDING_BASES = [
  'APARTMENTS', 'BASEMENTAREA', 'YEARS_BEGINEXPLUATATION', 'YEARS_BUILD', 'COMMONAREA', 'ELEVATORS', 'ENTRANCES',
  'FLOORSMAX', 'FLOORSMIN', 'LANDAREA', 'LIVINGAPARTMENTS', 'LIVINGAREA', 'NONLIVINGAPARTMENTS', 'NONLIVINGAREA',
] as const;
/** Building columns outside the three-variant pattern. */
export const BUILDING_OTHERS = ['TOTALAREA_MODE', 'FONDKAPREMONT_MODE', 'HOUSETYPE_MODE', 'WALLSMATERIAL_MODE', 'EMERGENCYSTATE_MODE'] as const;
/** Columns missing together: the social-circle counts, and the credit-bureau enquiry counts. */
export const SOCIAL_CIRCLE = ['OBS_30_CNT_SOCIAL_CIRCLE', 'DEF_30_CNT_SOCIAL_CIRCLE', 'OBS_60_CNT_SOCIAL_CIRCLE', 'DEF_60_CNT_SOCIAL_CIRCLE'] as const;
export const CREDIT_BUREAU_REQUESTS = [
  'AMT_REQ_CREDIT_BUREAU_HOUR', 'AMT_REQ_CREDIT_BUREAU_DAY', 'AMT_REQ_CREDIT_BUREAU_WEEK',
  'AMT_REQ_CREDIT_BUREAU_MON', 'AMT_REQ_CREDIT_BUREAU_QRT', 'AMT_REQ_CREDIT_BUREAU_YEAR',
] as const;

/**
 * Variables of the Gaussian copula after c: every numeric application column that carries a relationship
 * (with TARGET or with another such column) in the real sample. Other numeric columns are drawn independently.
 */
export const COPULA_VARIABLES: readonly string[] = [
  LATENT,
  'EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3',
  'DAYS_BIRTH', 'DAYS_EMPLOYED', 'DAYS_REGISTRATION', 'DAYS_ID_PUBLISH', 'DAYS_LAST_PHONE_CHANGE',
  'AMT_INCOME_TOTAL', 'AMT_GOODS_PRICE', GOODS_RATIO, PAY_RATE,
  'REGION_POPULATION_RELATIVE', 'REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY',
  'OWN_CAR_AGE', 'CNT_CHILDREN', 'HOUR_APPR_PROCESS_START',
  'FLAG_WORK_PHONE', 'FLAG_PHONE', 'FLAG_EMAIL',
  'REG_REGION_NOT_LIVE_REGION', 'REG_REGION_NOT_WORK_REGION', 'LIVE_REGION_NOT_WORK_REGION',
  'REG_CITY_NOT_LIVE_CITY', 'REG_CITY_NOT_WORK_CITY', 'LIVE_CITY_NOT_WORK_CITY',
  ...SOCIAL_CIRCLE,
  'FLAG_DOCUMENT_3', 'FLAG_DOCUMENT_6', 'FLAG_DOCUMENT_8',
  ...CREDIT_BUREAU_REQUESTS,
  ...BUILDING_BASES.map((b) => `${b}_AVG`),
  'TOTALAREA_MODE',
];

/** Text columns drawn given others (in this order); the rest follow their marginal. */
export const CONDITIONALS: ReadonlyArray<{ column: string; parents: readonly string[] }> = [
  { column: 'FLAG_OWN_CAR', parents: ['CODE_GENDER'] },
  { column: 'NAME_INCOME_TYPE', parents: ['AGE_BIN'] },
  { column: 'NAME_FAMILY_STATUS', parents: ['AGE_BIN', 'CODE_GENDER'] },
  { column: 'NAME_HOUSING_TYPE', parents: ['AGE_BIN'] },
  { column: 'NAME_EDUCATION_TYPE', parents: ['NAME_INCOME_TYPE'] },
  { column: 'OCCUPATION_TYPE', parents: ['NAME_INCOME_TYPE', 'CODE_GENDER'] },
  { column: 'ORGANIZATION_TYPE', parents: ['NAME_INCOME_TYPE', 'CODE_GENDER'] },
];

/**
 * What shifts the log-odds of default besides c: categorical effects (men 10.6% vs women 7.3%, …) and the
 * missingness of some columns. `missing` features take the values 'missing' / 'present'.
 */
export const SHIFT_FEATURES: ReadonlyArray<{ name: string; column: string; missing: boolean }> = [
  ...['NAME_CONTRACT_TYPE', 'CODE_GENDER', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY', 'NAME_INCOME_TYPE', 'NAME_EDUCATION_TYPE',
    'NAME_FAMILY_STATUS', 'NAME_HOUSING_TYPE', 'OCCUPATION_TYPE', 'ORGANIZATION_TYPE', 'NAME_TYPE_SUITE'].map((column) => ({
    name: column,
    column,
    missing: false,
  })),
  { name: 'EXT_SOURCE_1 missing', column: 'EXT_SOURCE_1', missing: true },
  { name: 'EXT_SOURCE_3 missing', column: 'EXT_SOURCE_3', missing: true },
  { name: 'building missing', column: 'EMERGENCYSTATE_MODE', missing: true },
  { name: 'AMT_REQ missing', column: 'AMT_REQ_CREDIT_BUREAU_YEAR', missing: true },
];

/** The DAYS_EMPLOYED value of pensioners and the unemployed in the real data. */
export const EMPLOYMENT_SENTINEL = 365243;

/** A drawn applicant. `values` follows APPLICATION_COLUMNS: numbers (NaN = missing) or strings ('' = missing). */
export interface LatentClient {
  c: number;
  logOdds: number;
  target: number;
  values: Array<number | string>;
}

const YEAR = 365.25;

/** Column index in APPLICATION_COLUMNS, or a thrown error naming the column. */
export function applicationIndex(column: string): number {
  const i = APPLICATION_COLUMNS.indexOf(column);
  if (i < 0) throw new Error(`Unknown application column ${column}`);
  return i;
}

interface CopulaSlot {
  marginal: Marginal;
  /** Index in APPLICATION_COLUMNS, or -1 for a derived variable (ratios) and c. */
  column: number;
  /** Missing rate applied independently, or 0 when a group or a rule decides missingness. */
  missing: number;
}

interface ConditionalSlot {
  column: number;
  parents: number[];
  table: Conditional;
}

/** Draws applicants from an application profile (immutable; one instance serves a whole run). */
export class ApplicationModel {
  readonly variables: readonly string[];
  private readonly chol: Float64Array[];
  private readonly slots: CopulaSlot[];
  private readonly z: Float64Array;
  private readonly e: Float64Array;
  private readonly independent: Array<{ column: number; marginal: Marginal }> = [];
  private readonly marginalText: Array<{ column: number; table: Categorical }> = [];
  private readonly conditionalText: ConditionalSlot[] = [];
  private readonly buildingText: Array<{ column: number; table: Categorical; given: number }> = [];
  private readonly buildingBases: Array<{ avg: number; mode: number; medi: number; slot: number; given: number; modeM: Marginal; mediM: Marginal }> = [];
  private readonly shifts: Array<{ column: number; missing: boolean; map: Map<string, number> }> = [];
  private readonly outliers: Array<{ column: number; value: number | string; rate: number }> = [];
  private readonly ix: Record<string, number>;
  private readonly slotOf: Record<string, number>;

  constructor(readonly profile: ApplicationProfile) {
    const p = profile;
    this.variables = p.copula.variables;
    this.chol = cholesky(p.copula.correlation).map((row) => Float64Array.from(row));
    this.z = new Float64Array(this.variables.length);
    this.e = new Float64Array(this.variables.length);
    this.ix = Object.fromEntries(APPLICATION_COLUMNS.map((c, i) => [c, i]));
    this.slotOf = Object.fromEntries(this.variables.map((v, i) => [v, i]));

    const grouped = new Set<string>([
      ...SOCIAL_CIRCLE, ...CREDIT_BUREAU_REQUESTS, 'OWN_CAR_AGE', 'DAYS_EMPLOYED', 'AMT_GOODS_PRICE',
      ...BUILDING_BASES.map((b) => `${b}_AVG`), 'TOTALAREA_MODE',
    ]);
    this.slots = this.variables.map((v) => {
      if (v === LATENT) return { marginal: p.numeric.EXT_SOURCE_2!, column: -1, missing: 0 };
      const marginal = p.numeric[v];
      if (!marginal) throw new Error(`Profile has no marginal for copula variable ${v}`);
      const column = this.ix[v] ?? -1;
      return { marginal, column, missing: grouped.has(v) || column < 0 ? 0 : marginal.missing };
    });

    const derived = new Set<string>([
      'SK_ID_CURR', 'TARGET', 'AMT_CREDIT', 'AMT_ANNUITY', 'CNT_FAM_MEMBERS', 'FLAG_EMP_PHONE',
      ...BUILDING_BASES.flatMap((b) => [`${b}_MODE`, `${b}_MEDI`]),
    ]);
    const conditionalColumns = new Set(CONDITIONALS.map((c) => c.column));
    const buildingTextColumns = new Set<string>(BUILDING_OTHERS.filter((c) => c !== 'TOTALAREA_MODE'));
    for (const [name, kind] of HOME_CREDIT_COLUMNS.application) {
      const column = this.ix[name]!;
      if (derived.has(name) || this.slotOf[name] !== undefined) continue;
      if (kind === 'text') {
        const table = p.categorical[name];
        if (!table) throw new Error(`Profile has no distribution for ${name}`);
        if (buildingTextColumns.has(name)) this.buildingText.push({ column, table, given: p.building.given[name] ?? 0 });
        else if (!conditionalColumns.has(name)) this.marginalText.push({ column, table });
      } else {
        const marginal = p.numeric[name];
        if (!marginal) throw new Error(`Profile has no marginal for ${name}`);
        this.independent.push({ column, marginal });
      }
    }
    for (const { column, parents } of CONDITIONALS) {
      const table = p.conditional[column];
      if (!table) throw new Error(`Profile has no conditional table for ${column}`);
      this.conditionalText.push({ column: this.ix[column]!, parents: parents.map((q) => (q === 'AGE_BIN' ? -1 : this.ix[q]!)), table });
    }
    for (const base of BUILDING_BASES) {
      this.buildingBases.push({
        avg: this.ix[`${base}_AVG`]!,
        mode: this.ix[`${base}_MODE`]!,
        medi: this.ix[`${base}_MEDI`]!,
        slot: this.slotOf[`${base}_AVG`]!,
        given: p.building.given[base] ?? 0,
        modeM: p.numeric[`${base}_MODE`]!,
        mediM: p.numeric[`${base}_MEDI`]!,
      });
    }
    for (const feature of SHIFT_FEATURES) {
      const map = new Map(Object.entries(p.target.shifts[feature.name] ?? {}));
      this.shifts.push({ column: this.ix[feature.column]!, missing: feature.missing, map });
    }
    for (const [name, list] of [...Object.entries(p.outliers), ...Object.entries(p.rareValues)]) {
      for (const o of list) this.outliers.push({ column: this.ix[name]!, value: o.value, rate: o.rate });
    }
  }

  /** Draws one applicant (SK_ID_CURR left at NaN for the caller). */
  draw(rng: Random): LatentClient {
    const p = this.profile;
    const ix = this.ix;
    const values: Array<number | string> = new Array<number | string>(APPLICATION_COLUMNS.length);
    values[0] = NaN;

    // Gaussian copula: z = L·e, u = Φ(z), value = Q(u).
    const n = this.variables.length;
    const e = this.e;
    const z = this.z;
    for (let i = 0; i < n; i++) e[i] = rng.normal();
    for (let i = 0; i < n; i++) {
      const row = this.chol[i]!;
      let s = 0;
      for (let k = 0; k <= i; k++) s += row[k]! * e[k]!;
      z[i] = s;
    }
    const c = z[0]!;
    const copulaValue = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      const slot = this.slots[i]!;
      const x = quantile(slot.marginal, normalCdf(z[i]!));
      copulaValue[i] = x;
      if (slot.column >= 0) values[slot.column] = slot.missing > 0 && rng.chance(slot.missing) ? NaN : x;
    }
    const get = (name: string): number => copulaValue[this.slotOf[name]!]!;

    for (const { column, marginal } of this.independent) {
      values[column] = marginal.missing > 0 && rng.chance(marginal.missing) ? NaN : quantile(marginal, rng.uniform());
    }
    for (const { column, table } of this.marginalText) values[column] = pick(table, rng.uniform());

    // Categorical columns that depend on others (age bin, gender, income type).
    const birth = values[ix.DAYS_BIRTH!] as number;
    let ageBin = p.ageBins.length - 1;
    for (let i = 0; i < p.ageBins.length; i++) {
      if (birth <= p.ageBins[i]!) {
        ageBin = i;
        break;
      }
    }
    for (const slot of this.conditionalText) {
      const parentValues = slot.parents.map((q) => (q < 0 ? String(ageBin) : String(values[q])));
      const table = slot.table.tables[parentValues.join('|')] ?? slot.table.tables[parentValues[0]!] ?? slot.table.fallback;
      values[slot.column] = pick(table, rng.uniform());
    }

    // Employment: pensioners and the unemployed carry the 365243 sentinel, no employer phone, org type XNA.
    const incomeType = values[ix.NAME_INCOME_TYPE!] as string;
    const sentinel = rng.chance(p.sentinelByIncomeType[incomeType] ?? 0);
    if (sentinel) {
      values[ix.DAYS_EMPLOYED!] = EMPLOYMENT_SENTINEL;
      values[ix.FLAG_EMP_PHONE!] = 0;
      values[ix.ORGANIZATION_TYPE!] = 'XNA';
      values[ix.OCCUPATION_TYPE!] = '';
    } else {
      // Nobody starts work before 16, registers before birth or gets an ID before 14.
      values[ix.DAYS_EMPLOYED!] = Math.max(get('DAYS_EMPLOYED'), Math.ceil(birth + 16 * YEAR));
      values[ix.FLAG_EMP_PHONE!] = 1;
      if (values[ix.ORGANIZATION_TYPE!] === 'XNA') values[ix.ORGANIZATION_TYPE!] = 'Business Entity Type 3';
    }
    values[ix.DAYS_REGISTRATION!] = Math.max(get('DAYS_REGISTRATION'), birth);
    values[ix.DAYS_ID_PUBLISH!] = Math.max(get('DAYS_ID_PUBLISH'), Math.ceil(birth + 14 * YEAR));

    if (values[ix.FLAG_OWN_CAR!] !== 'Y') values[ix.OWN_CAR_AGE!] = NaN;
    const family = values[ix.NAME_FAMILY_STATUS!];
    const couple = family === 'Married' || family === 'Civil marriage' ? 2 : 1;
    values[ix.CNT_FAM_MEMBERS!] = (values[ix.CNT_CHILDREN!] as number) + couple;

    // Amounts: goods price from its marginal, credit = goods / ratio, annuity = credit × payment rate.
    const goods = get('AMT_GOODS_PRICE');
    const credit = roundMoney(goods / get(GOODS_RATIO), p.numeric.AMT_CREDIT!.decimals);
    values[ix.AMT_CREDIT!] = credit;
    values[ix.AMT_ANNUITY!] = rng.chance(p.numeric.AMT_ANNUITY!.missing) ? NaN : roundMoney(credit * get(PAY_RATE), p.numeric.AMT_ANNUITY!.decimals);
    values[ix.AMT_GOODS_PRICE!] = rng.chance(p.numeric.AMT_GOODS_PRICE!.missing) ? NaN : goods;

    // Groups missing together.
    if (rng.chance(p.groups.socialCircle)) for (const col of SOCIAL_CIRCLE) values[ix[col]!] = NaN;
    if (rng.chance(p.groups.creditBureau)) for (const col of CREDIT_BUREAU_REQUESTS) values[ix[col]!] = NaN;
    const hasBuilding = rng.chance(p.building.present);
    for (const b of this.buildingBases) {
      if (hasBuilding && rng.chance(b.given)) {
        const u = normalCdf(z[b.slot]!);
        values[b.mode] = quantile(b.modeM, u);
        values[b.medi] = quantile(b.mediM, u);
      } else {
        values[b.avg] = NaN;
        values[b.mode] = NaN;
        values[b.medi] = NaN;
      }
    }
    if (!(hasBuilding && rng.chance(p.building.given.TOTALAREA_MODE ?? 0))) values[ix.TOTALAREA_MODE!] = NaN;
    for (const t of this.buildingText) values[t.column] = hasBuilding && rng.chance(t.given) ? pick(t.table, rng.uniform()) : '';

    for (const o of this.outliers) if (rng.chance(o.rate)) values[o.column] = o.value;

    // Default: logistic in the latent risk plus the categorical and missingness shifts.
    let logOdds = p.target.intercept - p.target.slope * c;
    for (const s of this.shifts) {
      const v = values[s.column]!;
      const key = s.missing ? (v === '' || v !== v ? 'missing' : 'present') : String(v);
      logOdds += s.map.get(key) ?? 0;
    }
    const target = rng.chance(sigmoid(logOdds)) ? 1 : 0;
    values[ix.TARGET!] = target;
    return { c, logOdds, target, values };
  }
}

/** Money rounded to the column's decimals (AMT_CREDIT and AMT_ANNUITY show halves and cents). */
function roundMoney(x: number, decimals: number | null): number {
  const p = decimals === null ? 100 : 10 ** decimals;
  return Math.round(x * p) / p;
}

/**
 * The value of a copula variable as it can be observed in an application row (real or synthetic), NaN when
 * absent: ratios are computed, and DAYS_EMPLOYED's sentinel is not an employment length.
 */
export function observedCopulaValue(variable: string, get: (column: string) => number): number {
  if (variable === GOODS_RATIO) return get('AMT_GOODS_PRICE') / get('AMT_CREDIT');
  if (variable === PAY_RATE) return get('AMT_ANNUITY') / get('AMT_CREDIT');
  const v = get(variable);
  if (variable === 'DAYS_EMPLOYED' && v === EMPLOYMENT_SENTINEL) return NaN;
  return v;
}
