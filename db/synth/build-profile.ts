/**
 * Builds `db/synth/profile.json` from a folder of real Home Credit samples (structure in docs/DATA.md): run
 * once (`npx tsx db/synth/build-profile.ts --data DIR [--out FILE] [--application FILE]`; DIR defaults to
 * $OCTROI_REAL_DATA) and commit the output, so that the app generates synthetic data without the samples.
 * Takes about a minute (the calibration simulates clients).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import { calibrate, observeStatistics, type RealTargets } from './calibrate.js';
import { buildChildProfiles } from './build-child-profiles.js';
import {
  APPLICATION_COLUMNS, BUILDING_BASES, BUILDING_OTHERS, CONDITIONALS, COPULA_VARIABLES, CREDIT_BUREAU_REQUESTS,
  EMPLOYMENT_SENTINEL, GOODS_RATIO, LATENT, PAY_RATE, SHIFT_FEATURES, SOCIAL_CIRCLE, observedCopulaValue,
} from './latent-client.js';
import { nearestCorrelation } from './linear-algebra.js';
import { categorical, conditional, derivedMarginal, numericMarginal } from './profile-stats.js';
import type { ApplicationProfile, Categorical, Marginal, SynthProfile } from './profile-types.js';
import { logit } from './random.js';
import { readTable, type Table } from './sample-table.js';

/** Default rate of the full training set (24,825 of 307,511). */
const FULL_DEFAULT_RATE = 24825 / 307511;
/** Share of the real clients in application_test.csv (48,744 of 356,255). */
const TEST_SHARE = 48744 / (307511 + 48744);
/** How strongly c drives default: logit P = a − SLOPE·c. Leaves room for the history tables to add signal. */
const SLOPE = 1.7;
/** Prior weight (in rows) pulling small categories' default rates toward the overall rate. */
const SHRINK_ROWS = 100;

function applicationProfile(app: Table, log: (line: string) => void): ApplicationProfile {
  const rows = app.rows.length;
  const col = (name: string): string[] => app.column(name);
  const num = (name: string): number[] => col(name).map((t) => (t === '' ? NaN : Number(t)));
  const target = num('TARGET');
  const sampleDefaultRate = target.reduce((a, b) => a + b, 0) / rows;

  // Numeric marginals of every numeric column; DAYS_EMPLOYED's marginal is the employed clients' only.
  const numeric: Record<string, Marginal> = {};
  for (const [name, kind] of HOME_CREDIT_COLUMNS.application) {
    if (kind === 'text' || name === 'SK_ID_CURR' || name === 'TARGET') continue;
    const texts = col(name);
    numeric[name] = name === 'DAYS_EMPLOYED' ? numericMarginal(texts.filter((t) => Number(t) !== EMPLOYMENT_SENTINEL), 'int') : numericMarginal(texts);
  }
  const credit = num('AMT_CREDIT');
  numeric[GOODS_RATIO] = derivedMarginal(num('AMT_GOODS_PRICE').map((g, i) => g / credit[i]!));
  numeric[PAY_RATE] = derivedMarginal(num('AMT_ANNUITY').map((a, i) => a / credit[i]!));

  // Building block: present when any building column is; each group's presence given the block.
  const buildingColumns = [...BUILDING_BASES.flatMap((b) => [`${b}_AVG`, `${b}_MODE`, `${b}_MEDI`]), ...BUILDING_OTHERS];
  const buildingCells = buildingColumns.map(col);
  const blockPresent = app.rows.map((_, r) => buildingCells.some((cells) => cells[r] !== ''));
  const blockCount = blockPresent.filter(Boolean).length;
  const given: Record<string, number> = {};
  for (const name of [...BUILDING_BASES, ...BUILDING_OTHERS]) {
    const cells = col(BUILDING_BASES.includes(name as (typeof BUILDING_BASES)[number]) ? `${name}_AVG` : name);
    given[name] = round6(cells.filter((t, r) => blockPresent[r] && t !== '').length / blockCount);
  }

  // Text columns: marginals (building texts among present values only), then the conditional tables.
  const categoricalTables: Record<string, Categorical> = {};
  for (const [name, kind] of HOME_CREDIT_COLUMNS.application) {
    if (kind !== 'text') continue;
    const texts = col(name);
    categoricalTables[name] = categorical((BUILDING_OTHERS as readonly string[]).includes(name) ? texts.filter((t) => t !== '') : texts);
  }
  const birth = num('DAYS_BIRTH');
  const sortedBirth = [...birth].sort((a, b) => a - b);
  const ageBins = Array.from({ length: 10 }, (_, i) => (i === 9 ? 0 : sortedBirth[Math.floor(((i + 1) * rows) / 10)]!));
  const ageBin = birth.map((b) => String(ageBins.findIndex((edge) => b <= edge)));
  const conditionalTables: ApplicationProfile['conditional'] = {};
  for (const { column, parents } of CONDITIONALS) {
    const parentValues = app.rows.map((_, r) => parents.map((q) => (q === 'AGE_BIN' ? ageBin[r]! : col(q)[r]!)));
    conditionalTables[column] = conditional(parents.join('|'), parentValues, col(column));
  }
  const incomeType = col('NAME_INCOME_TYPE');
  const employed = num('DAYS_EMPLOYED');
  const sentinelByIncomeType: Record<string, number> = {};
  for (const type of new Set(incomeType)) {
    const idx = incomeType.flatMap((t, r) => (t === type ? [r] : []));
    sentinelByIncomeType[type] = round6(idx.filter((r) => employed[r] === EMPLOYMENT_SENTINEL).length / idx.length);
  }
  const missingShare = (name: string): number => round6(col(name).filter((t) => t === '').length / rows);

  // Real statistics the calibration must reproduce.
  const texts = APPLICATION_COLUMNS.map((name) => (app.header.includes(name) ? col(name) : []));
  const cache = new Map<string, number[]>();
  const getNumber = (r: number, name: string): number => {
    let values = cache.get(name);
    if (!values) {
      values = num(name);
      cache.set(name, values);
    }
    return values[r]!;
  };
  const real = observeStatistics(rows, getNumber, (r, name) => texts[APPLICATION_COLUMNS.indexOf(name)]![r]!, (r) => target[r]!);
  const scale = logit(FULL_DEFAULT_RATE) - logit(sampleDefaultRate);
  const categoryRates: RealTargets['categoryRates'] = {};
  for (const feature of SHIFT_FEATURES) {
    categoryRates[feature.name] = Object.fromEntries(
      Object.entries(real.categoryRates[feature.name]!).map(([value, { rate, rows: n }]) => {
        const shrunk = (rate * n + sampleDefaultRate * SHRINK_ROWS) / (n + SHRINK_ROWS);
        return [value, round6(1 / (1 + Math.exp(-(logit(shrunk) + scale))))];
      }),
    );
  }
  const targets: RealTargets = {
    correlation: real.correlation,
    // Shrunk by (1 − se²/r²): weak correlations of a 7,000-row sample are mostly noise, and a generator
    // that copies noise teaches models patterns real clients do not have; strong ones stay as measured.
    targetCorrelation: real.targetCorrelation.map((r, j) => {
      if (j === 0) return 0;
      const pairs = app.rows.filter((_, row) => !Number.isNaN(observedCopulaValue(COPULA_VARIABLES[j]!, (c) => getNumber(row, c)))).length;
      const se = 1 / Math.sqrt(Math.max(pairs, 1));
      return round6(r * Math.max(0, 1 - (se * se) / (r * r || 1)));
    }),
    categoryRates,
    defaultRate: FULL_DEFAULT_RATE,
  };

  // Starting point: real correlations, loadings from corr(column, TARGET) / corr(c, TARGET), marginal shifts.
  const k = COPULA_VARIABLES.length;
  const start = real.correlation.map((row) => [...row]);
  for (let j = 1; j < k; j++) {
    start[0]![j] = targets.targetCorrelation[j]! / -0.35;
    start[j]![0] = start[0]![j]!;
  }
  const shifts: Record<string, Record<string, number>> = {};
  for (const feature of SHIFT_FEATURES) {
    shifts[feature.name] = Object.fromEntries(
      Object.entries(categoryRates[feature.name]!).map(([value, rate]) => [value, round6(logit(rate) - logit(FULL_DEFAULT_RATE))]),
    );
  }
  const initial: ApplicationProfile = {
    rows,
    sampleDefaultRate: round6(sampleDefaultRate),
    defaultRate: round6(FULL_DEFAULT_RATE),
    testShare: round6(TEST_SHARE),
    numeric,
    categorical: categoricalTables,
    conditional: conditionalTables,
    ageBins,
    sentinelByIncomeType,
    building: { present: round6(blockCount / rows), given },
    groups: { socialCircle: missingShare(SOCIAL_CIRCLE[0]), creditBureau: missingShare(CREDIT_BUREAU_REQUESTS[5]) },
    // Extremes of the full data set (public EDA of application_train.csv) that 7,000 rows do not contain.
    outliers: {
      AMT_INCOME_TOTAL: [
        { value: 117000000, rate: 1 / 307511 },
        { value: 18000090, rate: 1 / 307511 },
        { value: 13500000, rate: 1 / 307511 },
      ],
      AMT_REQ_CREDIT_BUREAU_QRT: [{ value: 261, rate: 1 / 307511 }],
    },
    // Full data: 4 clients with CODE_GENDER XNA and 2 with NAME_FAMILY_STATUS Unknown (DATA.md quirks).
    rareValues: {
      CODE_GENDER: [{ value: 'XNA', rate: 4 / 307511 }],
      NAME_FAMILY_STATUS: [{ value: 'Unknown', rate: 2 / 307511 }],
    },
    copula: { variables: [...COPULA_VARIABLES], correlation: nearestCorrelation(start).map((row) => row.map(round6)) },
    target: { intercept: round6(logit(FULL_DEFAULT_RATE) - 0.9), slope: SLOPE, shifts },
    calibration: { targetCorrelation: {}, categoryRates: {}, latentAuc: 0, maxCorrelationError: 0 },
  };
  if (COPULA_VARIABLES[0] !== LATENT) throw new Error('The copula must start with the latent variable');
  return calibrate(initial, targets, { iterations: 20, sampleSize: 60000, seed: 20261124, log });
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Builds the whole profile from the sample folder. */
export function buildProfile(
  dataDir: string,
  log: (line: string) => void = () => {},
  applicationFile = path.join(dataDir, 'application_train_head7000.csv'),
): SynthProfile {
  const app = readTable(applicationFile);
  log(`application: ${app.rows.length} real rows`);
  const application = applicationProfile(app, log);
  return {
    version: 1,
    source:
      'Measured by db/synth/build-profile.ts on real Home Credit samples: application_train_head7000.csv, ' +
      'fixture/previous_application.csv and child-samples/*.csv (real public rows).',
    application,
    ...buildChildProfiles(dataDir, log),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(option('--data', process.env.OCTROI_REAL_DATA ?? ''));
  if (!fs.existsSync(path.join(dataDir, 'application_train_head7000.csv'))) {
    process.stderr.write(
      'build-profile: --data DIR (or OCTROI_REAL_DATA) must name a folder of real samples with application_train_head7000.csv, ' +
        'fixture/ and child-samples/ (docs/DATA.md)\n',
    );
    process.exit(2);
  }
  const out = option('--out', path.join(here, 'profile.json'));
  // --application: another real application sample (e.g. half of the rows, to check realism on the other half).
  const applicationFile = option('--application', path.join(dataDir, 'application_train_head7000.csv'));
  const started = performance.now();
  const profile = buildProfile(dataDir, (line) => process.stdout.write(`${line}\n`), applicationFile);
  fs.writeFileSync(out, `${JSON.stringify(profile)}\n`);
  process.stdout.write(`wrote ${out} (${(fs.statSync(out).size / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
