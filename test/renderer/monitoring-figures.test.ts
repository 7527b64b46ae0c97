// @vitest-environment jsdom
/**
 * The monitoring screen's figures and words: drift by month over the stable / watch / drift bands with the
 * months below the minimum sample said in words, override warnings, default rate by band, and the
 * four-fifths flag of fairness; every fixture is checked against the contract first.
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT, type ResponseOf } from '../../electron/shared/contract';
import { i18next } from '../../renderer/src/i18n/i18n';
import '../../renderer/src/pages/monitoring/monitoring.i18n';
import { approvalFigure, approvalSummary, branchRows, defaultsFigure, defaultsSummary, officerRows, overrideFigure, overrideSummary } from '../../renderer/src/pages/monitoring/activity-figures';
import { driftAxis, driftFigure, driftFigureTexts, driftSeries, driftSummary, monthRows, psiText, statusText, windowRows } from '../../renderer/src/pages/monitoring/drift-figures';
import { fairnessSummary, groupRows, groupVerdict, ratioFigure } from '../../renderer/src/pages/monitoring/fairness-figures';
import { formatMonth } from '../../renderer/src/pages/monitoring/monitoring-format';

const en = i18next.getFixedT('en', 'monitoring') as unknown as (key: string, options?: Record<string, unknown>) => string;
const fr = i18next.getFixedT('fr', 'monitoring') as unknown as (key: string, options?: Record<string, unknown>) => string;

/** French numbers use narrow no-break spaces (Intl): compare them as plain spaces. */
const plain = <T,>(value: T): T => JSON.parse(JSON.stringify(value).replace(/[\u202f\u00a0]/g, ' ')) as T;

type Drift = ResponseOf<'monitoring:drift'>;
type Status = 'stable' | 'watch' | 'drift' | 'insufficient';
const status = (psi: number | null): Status => (psi === null ? 'insufficient' : psi < 0.1 ? 'stable' : psi < 0.25 ? 'watch' : 'drift');

function period(month: string | null, rows: number, score: number | null, features: Array<[string, number | null]>) {
  return {
    month,
    rows,
    insufficient: score === null,
    score: { psi: score, status: status(score) },
    features: features.map(([feature, psi]) => ({ feature, label: `Label of ${feature}`, psi, status: status(psi) })),
  };
}

/** Four months: the second below the minimum sample, the last drifting on the credit amount. */
function driftReport(): Drift {
  const report = {
    modelVersion: 'octroi-demo-synthetic-s7',
    computedAt: '2026-11-25T10:00:00.000Z',
    minSample: 500,
    thresholds: { watch: 0.1, drift: 0.25 },
    months: ['2026-07', '2026-08', '2026-09', '2026-10'],
    overall: {
      ...period(null, 2100, 0.06, [
        ['AMT_CREDIT', 0.31],
        ['EXT_SOURCE_MEAN', 0.12],
        ['DAYS_BIRTH', 0.02],
      ]),
      featureStatus: { stable: 150, watch: 1, drift: 1, insufficient: 0 },
    },
    byMonth: [
      period('2026-07', 560, 0.02, [['AMT_CREDIT', 0.03], ['EXT_SOURCE_MEAN', 0.05], ['DAYS_BIRTH', 0.01]]),
      period('2026-08', 320, null, [['AMT_CREDIT', null], ['EXT_SOURCE_MEAN', null], ['DAYS_BIRTH', null]]),
      period('2026-09', 580, 0.11, [['AMT_CREDIT', 0.14], ['EXT_SOURCE_MEAN', 0.09], ['DAYS_BIRTH', 0.02]]),
      // Features in another order in this period: series are matched by name.
      period('2026-10', 640, 0.27, [['EXT_SOURCE_MEAN', 0.13], ['AMT_CREDIT', 0.42], ['DAYS_BIRTH', 0.03]]),
    ],
    unknownClients: 0,
  };
  return CONTRACT['monitoring:drift'].response.parse(report);
}

describe('drift', () => {
  const report = driftReport();

  it('puts the score first, then the window’s top features, each matched by name in every month, null where no PSI', () => {
    const series = driftSeries(report, 2, en);
    expect(series.map((s) => s.key)).toEqual(['score', 'AMT_CREDIT', 'EXT_SOURCE_MEAN']);
    expect(series[0]!.label).toBe("Model's score");
    expect(series[0]!.values).toEqual([0.02, null, 0.11, 0.27]);
    expect(series[1]!.values).toEqual([0.03, null, 0.14, 0.42]);
    expect(series[2]!.values).toEqual([0.05, null, 0.09, 0.13]);
  });

  it('draws the stable / watch / drift bands with the 0.1 and 0.25 lines, labelled, and marks the thin month on the axis', () => {
    const series = driftSeries(report, 3, en);
    const { data, layout } = driftFigure(report, series, driftFigureTexts(en), 'en');
    const lines = (layout.shapes ?? []).filter((shape) => shape.type === 'line');
    expect(lines.map((line) => line.y0)).toEqual([0.1, 0.25]);
    const rects = (layout.shapes ?? []).filter((shape) => shape.type === 'rect');
    expect(rects.map((rect) => [rect.y0, rect.y1])).toEqual([
      [0, 0.1],
      [0.1, 0.25],
      [0.25, expect.any(Number)],
    ]);
    expect((rects[2]!.y1 as number) > 0.42).toBe(true);
    const labels = (layout.annotations ?? []).map((annotation) => annotation.text);
    expect(labels).toEqual(['✓ stable (< 0.1)', '⚠ watch', '✖ significant drift (≥ 0.25)']);
    // One line per series plus the marker trace of the thin month.
    expect(data).toHaveLength(4 + 1);
    const thin = data.at(-1) as unknown as { name: string; x: string[]; y: number[]; text: string[] };
    expect(thin.name).toBe('not enough applications');
    expect(thin.x).toEqual([formatMonth('2026-08', 'en')]);
    expect(thin.y).toEqual([0]);
    expect(thin.text).toEqual(['n = 320 < 500']);
    // Series differ by marker shape, not only by colour.
    const symbols = data.slice(0, 4).map((trace) => (trace as unknown as { marker: { symbol: string } }).marker.symbol);
    expect(new Set(symbols).size).toBe(4);
  });

  it('turns the axis logarithmic (and says so) when a PSI goes far past the drift line', () => {
    const wild = CONTRACT['monitoring:drift'].response.parse({
      ...report,
      byMonth: report.byMonth.map((p, index) => ({ ...p, features: p.features.map((f) => (f.feature === 'AMT_CREDIT' && f.psi !== null ? { ...f, psi: 5 + index, status: 'drift' } : f)) })),
    });
    const series = driftSeries(wild, 3, en);
    expect(driftAxis(series, wild.thresholds)).toEqual({ log: true, bottom: 0.01 / 1.5, top: 8 * 1.5 });
    const { data, layout } = driftFigure(wild, series, driftFigureTexts(en), 'en');
    expect(layout.yaxis!.type).toBe('log');
    expect((layout.yaxis!.title as { text: string }).text).toBe('PSI (log scale)');
    expect(layout.yaxis!.range).toEqual([Math.log10(0.01 / 1.5), Math.log10(12)]);
    // Shapes in values, annotations in log10 units (as plotly places them on a log axis).
    const lines = (layout.shapes ?? []).filter((shape) => shape.type === 'line');
    expect(lines.map((line) => line.y0)).toEqual([0.1, 0.25]);
    expect(layout.annotations![1]!.y).toBeCloseTo((Math.log10(0.1) + Math.log10(0.25)) / 2, 12);
    // The thin month's marker sits at the bottom of the axis, in data units.
    expect((data.at(-1) as unknown as { y: number[] }).y).toEqual([0.01 / 1.5]);
    expect(driftAxis(driftSeries(report, 3, en), report.thresholds).log).toBe(false);
  });

  it('says "not enough applications (n < 500)" for a month below the minimum sample, never a number', () => {
    const rows = monthRows(report, 'en', en);
    expect(rows.map((row) => row.psiText)).toEqual(['0.020', 'not enough applications (n < 500)', '0.110', '0.270']);
    expect(rows.map((row) => row.statusText)).toEqual(['✓ stable', '∅ not enough applications', '⚠ watch', '✖ significant drift']);
    expect(monthRows(report, 'fr', fr)[1]!.psiText).toBe('pas assez de demandes (n < 500)');
    expect(plain(psiText(null, 1000, 'fr', fr))).toBe('pas assez de demandes (n < 1 000)');
  });

  it('lists the window with the score first and each status in words with its symbol', () => {
    const rows = windowRows(report, 'fr', fr);
    expect(rows.map((row) => [row.label, row.psiText, row.statusText])).toEqual([
      ['Score du modèle', '0,060', '✓ stable'],
      ['Label of AMT_CREDIT', '0,310', '✖ dérive significative'],
      ['Label of EXT_SOURCE_MEAN', '0,120', '⚠ à surveiller'],
      ['Label of DAYS_BIRTH', '0,020', '✓ stable'],
    ]);
    expect(statusText('watch', en)).toBe('⚠ watch');
  });

  it('states the key numbers in words: window, feature counts, the most drifted, the latest month, the thin months', () => {
    const summary = driftSummary(report, 'en', en);
    expect(summary).toContain('2,100 applications: score PSI 0.060, stable.');
    expect(summary).toContain('Information: 1 in significant drift, 1 to watch, 150 stable.');
    expect(summary).toContain('The most drifted: Label of AMT_CREDIT, PSI 0.310 (significant drift).');
    expect(summary).toContain(`Latest month with a PSI, ${formatMonth('2026-10', 'en')}: score 0.270 (significant drift).`);
    expect(summary).toContain(`Months without a PSI (fewer than 500 applications): 1, namely ${formatMonth('2026-08', 'en')}.`);
  });

  it('says there is nothing to plot when nothing was scored', () => {
    const empty = CONTRACT['monitoring:drift'].response.parse({ ...report, months: [], byMonth: [] });
    expect(driftSummary(empty, 'fr', fr)).toBe('Aucune demande scorée : rien à tracer.');
  });
});

type Activity = ResponseOf<'monitoring:activity'>;

function overrides(decisions: number, overridesCount: number, toGrant: number) {
  const rate = decisions > 0 ? overridesCount / decisions : null;
  return { decisions, overrides: overridesCount, toGrant, toRefuse: overridesCount - toGrant, overrideRate: rate, warn: rate !== null && rate > 0.1 };
}

function activityReport(): Activity {
  return CONTRACT['monitoring:activity'].response.parse({
    computedAt: '2026-11-25T10:00:00.000Z',
    overrideWarnRate: 0.1,
    months: [
      { month: '2026-09', scored: 600, modelGranted: 540, modelApprovalRate: 0.9, decided: 0, finalGranted: 0, finalApprovalRate: null, overrides: 0, overrideRate: null },
      { month: '2026-10', scored: 400, modelGranted: 340, modelApprovalRate: 0.85, decided: 50, finalGranted: 46, finalApprovalRate: 0.92, overrides: 6, overrideRate: 0.12 },
    ],
    officers: [
      { userId: 1, username: 'agent', displayName: 'Agent A', branch: 'Lyon', ...overrides(30, 2, 1) },
      { userId: 2, username: 'bob', displayName: 'Bob B', branch: 'Lyon', ...overrides(20, 4, 4) },
      { userId: 3, username: 'carol', displayName: 'Carol C', branch: '', ...overrides(0, 0, 0) },
    ],
    branches: [
      { branch: 'Lyon', ...overrides(50, 6, 5) },
      { branch: '', ...overrides(0, 0, 0) },
    ],
    defaultsByBand: {
      threshold: 0.095,
      clients: 10_000,
      bands: [
        { band: 'A', from: 0, to: 0.03, clients: 4000, defaults: 60, defaultRate: 0.015 },
        { band: 'B', from: 0.03, to: 0.06, clients: 3000, defaults: 120, defaultRate: 0.04 },
        { band: 'C', from: 0.06, to: 0.095, clients: 2000, defaults: 160, defaultRate: 0.08 },
        { band: 'D', from: 0.095, to: 0.2, clients: 900, defaults: 135, defaultRate: 0.15 },
        { band: 'E', from: 0.2, to: 1, clients: 100, defaults: 35, defaultRate: 0.35 },
      ],
    },
  });
}

describe('activity', () => {
  const report = activityReport();

  it('plots the model’s and the final approval rate by month, a gap where no decision was recorded', () => {
    const { data } = approvalFigure(report, 'en', en);
    const [model, final] = data as unknown as Array<{ y: Array<number | null>; marker: { symbol: string } }>;
    expect(model!.y).toEqual([0.9, 0.85]);
    expect(final!.y).toEqual([null, 0.92]);
    expect(model!.marker.symbol).not.toBe(final!.marker.symbol);
    const summary = approvalSummary(report, 'en', en);
    expect(summary).toContain('1,000 clients scored: the model grants 88.0%.');
    expect(summary).toContain('Final decisions recorded: 50, 92.0% of them granted.');
    expect(summary).toContain('model 85.0%, final decision 92.0%');
  });

  it('orders officers by override rate and flags those above 10 % in words with ⚠', () => {
    const rows = officerRows(report, 'en', en);
    expect(rows.map((row) => [row.name, row.rateText, row.warn, row.warnText])).toEqual([
      ['Bob B', '20.0%', true, '⚠ above 10%'],
      ['Agent A', '6.7%', false, 'within 10%'],
      ['Carol C', '—', false, 'no decision'],
    ]);
    const branches = branchRows(report, 'fr', fr);
    expect(plain(branches.map((row) => [row.name, row.warnText]))).toEqual([
      ['Lyon', '⚠ au-dessus de 10 %'],
      ['Agence non renseignée', 'aucune décision'],
    ]);
  });

  it('draws the 10 % line on the override plot, writes ⚠ on the warned bar, and names the officers above it', () => {
    const rows = officerRows(report, 'en', en);
    const { data, layout } = overrideFigure(rows, report.overrideWarnRate, 'en', en);
    const bars = data[0] as unknown as { y: string[]; text: string[] };
    expect(bars.y).toEqual(['Bob B', 'Agent A']);
    expect(bars.text[0]).toBe('⚠ 20.0% (4/20)');
    expect(bars.text[1]).toBe('6.7% (2/30)');
    expect(layout.shapes![0]!.x0).toBe(0.1);
    expect(layout.annotations![0]!.text).toBe('warning at 10%');
    const summary = overrideSummary(rows, 0.1, 'en', en);
    expect(summary).toBe('Officers who recorded decisions: 2. Above 10% (1): Bob B (20.0%). Highest rate: Bob B, 20.0%.');
    expect(overrideSummary(officerRows({ ...report, officers: [] }, 'en', en), 0.1, 'en', en)).toBe('No final decision recorded in the period: no override rate.');
  });

  it('shows the default rate of each band as a bar, rising from A to E, with the count on it', () => {
    const { data } = defaultsFigure(report, 'fr', fr);
    const bars = data[0] as unknown as { x: string[]; y: number[]; text: string[] };
    expect(bars.y).toEqual([0.015, 0.04, 0.08, 0.15, 0.35]);
    expect(plain(bars.x[0])).toBe('A (0,0 % – 3,0 %)');
    expect(plain(bars.text[4])).toBe('35,0 % (35/100)');
    expect(defaultsSummary(report, 'en', en)).toBe(
      'Over 10,000 clients with a known outcome, default rate by band: A 1.5%, B 4.0%, C 8.0%, D 15.0%, E 35.0%. Policy threshold: 9.5%.',
    );
  });
});

type Fairness = ResponseOf<'fairness:report'>;

function group(groupName: string, label: string, count: number, approved: number, referenceRate: number | null, minGroup = 50) {
  const approvalRate = count > 0 ? approved / count : null;
  const small = count < minGroup;
  const ratio = approvalRate !== null && referenceRate ? approvalRate / referenceRate : null;
  return { group: groupName, label, count, approved, approvalRate, ratio, small, flagged: !small && ratio !== null && ratio < 0.8 };
}

function fairnessReport(): Fairness {
  const ref = 900 / 1000;
  return CONTRACT['fairness:report'].response.parse({
    modelVersion: 'octroi-demo-synthetic-s7',
    computedAt: '2026-11-25T10:00:00.000Z',
    threshold: 0.095,
    clients: 3000,
    minGroup: 50,
    flagBelow: 0.8,
    attributes: [
      { attribute: 'sex', label: 'Sex', columns: ['CODE_GENDER'], modelInput: false, inputs: [], statement: 'Sex (CODE_GENDER) is not a model input.' },
      { attribute: 'age', label: 'Age', columns: ['DAYS_BIRTH'], modelInput: true, inputs: [{ input: 'DAYS_BIRTH', label: 'Age' }], statement: 'Age (DAYS_BIRTH) is a model input: Age.' },
    ],
    groupings: [
      {
        attribute: 'age',
        label: 'Age',
        model: {
          total: 2030,
          reference: '45-54',
          groups: [
            group('18-24', '18–24', 1000, 680, ref),
            group('45-54', '45–54', 1000, 900, ref),
            group('70+', '70 and over', 30, 15, ref),
          ],
        },
        recorded: { total: 0, reference: null, groups: [] },
      },
    ],
  });
}

describe('fairness', () => {
  const report = fairnessReport();
  const grouping = report.groupings[0]!;

  it('reads each group: reference, flagged below 0.8 (⚠ in words), small groups not judged', () => {
    const rows = groupRows(grouping.model, report, 'en', en);
    expect(rows.map((row) => [row.label, row.rateText, row.ratioText, row.verdict, row.verdictText])).toEqual([
      ['18–24', '68.0%', '0.76', 'flagged', '⚠ below 0.8: to review'],
      ['45–54', '90.0%', '1.00', 'reference', 'reference group'],
      ['70 and over', '50.0%', '0.56', 'small', 'small group (n < 50): not judged'],
    ]);
    expect(groupVerdict({ ...grouping.model.groups[0]!, flagged: false, ratio: 0.85 }, '45-54')).toBe('ok');
    const empty = groupRows({ ...grouping.model, groups: [...grouping.model.groups, group('unknown', 'Age not known', 0, 0, 0.9)] }, report, 'en', en);
    expect(empty.at(-1)!.verdictText).toBe('no client');
  });

  it('plots the ratio per group with the four-fifths line, ⚠ on the flagged bar and the small group said', () => {
    const { data, layout } = ratioFigure(grouping.model, report, 'fr', fr);
    const bars = data[0] as unknown as { x: string[]; y: number[]; text: string[]; marker: { color: string[] } };
    expect(bars.y.map((v) => Number(v.toFixed(3)))).toEqual([0.756, 1, 0.556]);
    expect(plain(bars.text)).toEqual(['⚠ 0,76', '1,00', '0,56']);
    expect(new Set(bars.marker.color).size).toBe(3);
    // The small group is hatched as well as grey: not told by colour alone.
    expect((bars.marker as unknown as { pattern: { shape: string[] } }).pattern.shape).toEqual(['', '', '/']);
    expect(layout.shapes![0]!.y0).toBe(0.8);
    expect(layout.annotations![0]!.text).toBe('quatre cinquièmes (0,8)');
  });

  it('states the groups, the reference, the flagged and the small in words', () => {
    const summary = fairnessSummary(grouping, grouping.model, report, 'en', en);
    expect(summary).toBe(
      'Age, 2,030 clients. Approval rate by group: 18–24 68.0% (ratio 0.76), 45–54 90.0% (ratio 1.00), 70 and over 50.0% (ratio 0.56). Reference group: 45–54. Below 0.8: 18–24. Small groups (fewer than 50 clients), not judged: 70 and over.',
    );
    expect(fairnessSummary(grouping, grouping.recorded, report, 'fr', fr)).toBe('Age : aucune décision.');
  });
});
