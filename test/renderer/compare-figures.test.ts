// @vitest-environment jsdom
/**
 * The compare screen's figure builders and summaries on hand-made answers (exact numbers); the same on the
 * real handlers' answers is in compare-figures-real.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../electron/shared/contract.js';
import { i18next } from '../../renderer/src/i18n/i18n';
import '../../renderer/src/pages/compare/compare.i18n';
import { formatValue } from '../../renderer/src/pages/compare/compare-format';
import { displayScale, toDisplay } from '../../renderer/src/pages/compare/display-scale';
import { binOf, distributionFigure, distributionSummary, histogramView, positionIn } from '../../renderer/src/pages/compare/distribution-figure';
import { defaultPartner, featureOptions, filterOptions } from '../../renderer/src/pages/compare/feature-options';
import { importanceFigure, importanceShares, importanceSummary } from '../../renderer/src/pages/compare/importance-figure';
import { correlation, pairsFigure, pairsStats, pairsSummary, pointGroups } from '../../renderer/src/pages/compare/pairs-figure';
import { similarStats, similarSummary } from '../../renderer/src/pages/compare/similar-summary';

const en = i18next.getFixedT('en', 'compare');
const fr = i18next.getFixedT('fr', 'compare');

/** A credit amount split by decision: 10 granted, 5 refused, on 4 bins from 0 to 400. */
const CREDIT: ResponseOf<'population:distribution'> = {
  feature: 'AMT_CREDIT',
  label: 'Credit amount',
  unit: 'currency',
  edges: [0, 100, 200, 300, 400],
  groups: [
    { group: 'granted', label: 'Granted', counts: [4, 3, 2, 1], missing: 1 },
    { group: 'refused', label: 'Refused', counts: [0, 1, 1, 3], missing: 0 },
  ],
};

describe('distribution', () => {
  it('finds the bin of a value: [a, b) bins, the last one closed, nothing outside', () => {
    expect(binOf([0, 100, 200], 0)).toBe(0);
    expect(binOf([0, 100, 200], 99.9)).toBe(0);
    expect(binOf([0, 100, 200], 100)).toBe(1);
    expect(binOf([0, 100, 200], 200)).toBe(1);
    expect(binOf([0, 100, 200], 200.1)).toBeNull();
    expect(binOf([0, 100, 200], -1)).toBeNull();
  });

  it('gives the shares above, in and below a bin', () => {
    expect(positionIn([4, 3, 2, 1], 1)).toEqual({ above: 0.3, same: 0.3, below: 0.4, total: 10 });
    expect(positionIn([0, 0], 0)).toEqual({ above: 0, same: 0, below: 0, total: 0 });
  });

  it('draws proportions per group (each sums to 1) with the client as a vertical line and label', () => {
    const view = histogramView(CREDIT);
    const { data, layout } = distributionFigure(view, { clientId: 7, value: 250, valueText: '250 €' }, 'overlay', en);
    expect(data).toHaveLength(2);
    const granted = data[0] as { y: number[]; x: number[]; name: string; marker: { pattern: { shape: string } } };
    const refused = data[1] as { y: number[]; name: string; marker: { pattern: { shape: string } } };
    expect(granted.x).toEqual([50, 150, 250, 350]);
    expect(granted.y).toEqual([0.4, 0.3, 0.2, 0.1]);
    expect(refused.y).toEqual([0, 0.2, 0.2, 0.6]);
    expect(granted.name).toBe('Granted (10)');
    // Refused differs by a hatch, not by colour alone.
    expect(refused.marker.pattern.shape).not.toBe(granted.marker.pattern.shape);
    expect(layout.shapes![0]).toMatchObject({ x0: 250, x1: 250 });
    expect(layout.annotations![0]!.text).toBe('Client: 250 €');
    expect(layout.barmode).toBe('overlay');
    expect(distributionFigure(view, null, 'group', en).layout.shapes).toEqual([]);
  });

  it('says where the client stands in each group, and what is not counted', () => {
    const view = histogramView(CREDIT);
    expect(distributionSummary(view, { clientId: 7, value: 250, valueText: '250 €' }, 'en', en)).toBe(
      'Credit amount: 15 clients with a known value, in 4 bins from 0 to 400. ' +
        'Client 7 (250 €): Granted, 10% above the client’s bin, 20% in it and 70% below; Refused, 60% above the client’s bin, 20% in it and 20% below. ' +
        '1 client without a value is not counted.',
    );
    expect(distributionSummary(view, { clientId: 7, value: null, valueText: 'not known' }, 'en', en)).toContain('Client 7’s value is not known (not known): it is not marked.');
    const french = distributionSummary(view, { clientId: 7, value: 250, valueText: '250 €' }, 'fr', fr);
    expect(french).toMatch(/^Credit amount : 15 clients avec une valeur connue, en 4 classes de 0 à 400\./);
    expect(french).toMatch(/Granted, 10\s%\sau-dessus de sa classe, 20\s%\sdans sa classe et 70\s%\sen dessous/u);
  });

  it('shows features in years_from_days in years, increasing, with counts reversed in step', () => {
    const age: ResponseOf<'population:distribution'> = {
      feature: 'DAYS_BIRTH',
      label: 'Age',
      unit: 'years_from_days',
      edges: [-3 * 365.25 * 10, -2 * 365.25 * 10, -365.25 * 10],
      groups: [{ group: 'all', label: 'All clients', counts: [5, 1], missing: 0 }],
    };
    const view = histogramView(age);
    expect(view.edges.map((edge) => Math.round(edge))).toEqual([10, 20, 30]);
    expect(view.groups[0]!.counts).toEqual([1, 5]);
    expect(view.unit).toBe('years');
    const { layout } = distributionFigure(view, { clientId: 1, value: -25 * 365.25, valueText: '25 years' }, 'overlay', en);
    expect(layout.shapes![0]!.x0).toBeCloseTo(25, 10);
    expect((layout.xaxis!.title as { text: string }).text).toBe('Age (years)');
    expect(toDisplay(0, displayScale('years_from_days'))).toBe(0);
    // Other day counts (e.g. days_ago aggregates of the bureau) keep their own unit.
    expect(displayScale('days_ago').factor).toBe(1);
  });

  it('sets the unknown outcome apart and says how many are not shown', () => {
    const view = histogramView({
      feature: 'AMT_CREDIT',
      label: 'Credit amount',
      unit: 'currency',
      edges: [0, 1],
      groups: [
        { group: 'defaulted', label: 'Defaulted', counts: [2], missing: 0 },
        { group: 'repaid', label: 'Repaid', counts: [8], missing: 0 },
        { group: 'unknown', label: 'Outcome unknown', counts: [5], missing: 1 },
      ],
    });
    expect(view.groups.map((group) => group.group)).toEqual(['defaulted', 'repaid']);
    expect(distributionSummary(view, null, 'en', en)).toBe('Credit amount: 10 clients with a known value, in 1 bins from 0 to 1. 6 clients (Outcome unknown) are not shown.');
  });
});

describe('pairs', () => {
  const PAIRS: ResponseOf<'population:pairs'> = {
    x: { feature: 'AMT_CREDIT', label: 'Credit', unit: 'currency' },
    y: { feature: 'AMT_INCOME_TOTAL', label: 'Income', unit: 'currency' },
    points: [
      { clientId: 1, x: 0, y: 0, group: 'granted' },
      { clientId: 2, x: 10, y: 10, group: 'granted' },
      { clientId: 3, x: 5, y: 5, group: 'refused' },
      { clientId: 4, x: 5.5, y: 4.5, group: 'refused' },
      { clientId: 5, x: null, y: 3, group: 'granted' },
      { clientId: 6, x: 9.5, y: 9.9, group: 'granted' },
    ],
  };
  const labels = { granted: 'granted', refused: 'refused' };
  const client = { clientId: 99, x: 5, y: 5, xText: '5', yText: '5' };

  it('groups drawn points by decision (colour and shape), leaves out incomplete ones, adds the client star', () => {
    const groups = pointGroups(PAIRS);
    expect(groups.map((group) => [group.group, group.clientIds])).toEqual([
      ['granted', [1, 2, 6]],
      ['refused', [3, 4]],
    ]);
    const { data } = pairsFigure(PAIRS, client, labels, en);
    const markers = data.map((trace) => (trace as { marker: { symbol: string; color: string; size: number } }).marker);
    expect(markers.map((marker) => marker.symbol)).toEqual(['circle', 'triangle-up', 'star']);
    expect(markers[2]).toMatchObject({ color: '#000000', size: 20 });
    expect((data[2] as { text: string[] }).text).toEqual(['Client 99']);
    expect(pairsFigure(PAIRS, { ...client, y: null }, labels, en).data).toHaveLength(2);
  });

  it('counts the sample, the refusals near the client and the correlation', () => {
    const stats = pairsStats(PAIRS, client);
    expect(stats).toMatchObject({ sampled: 6, incomplete: 1, byGroup: { granted: 3, refused: 2 }, refusedShare: 0.4 });
    // Within 1 (a tenth of the 0–10 range) of (5, 5): clients 3 and 4, both refused.
    expect(stats.near).toEqual({ count: 2, refusedShare: 1 });
    expect(stats.correlation).toBeGreaterThan(0.99);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(correlation([1, 1, 1], [3, 2, 1])).toBeNull();
    expect(pairsSummary(PAIRS, client, labels, 'en', en)).toBe(
      'Sample of 5 clients (3 granted, 2 refused) by "Credit" and "Income"; 40% refused. 1 client missing one of the two values is not shown. ' +
        'Client 99 (black star): Credit 5, Income 5. Near the client (within a tenth of each axis), 2 clients, 100% of them refused. Correlation between the two: 0.99.',
    );
  });
});

describe('importance, options, similar', () => {
  const IMPORTANCE = [
    { input: 'EXT_SOURCE_MEAN', feature: 'EXT_SOURCE_MEAN', label: 'External scores: mean', importance: 0.5 },
    { input: 'EXT_SOURCE_3', feature: 'EXT_SOURCE_3', label: 'External score 3', importance: 0.3 },
    { input: 'AMT_CREDIT', feature: 'AMT_CREDIT', label: 'Crédit demandé', importance: 0.15 },
    { input: 'DAYS_BIRTH', feature: 'DAYS_BIRTH', label: 'Âge', importance: 0.05 },
  ];

  it('draws the top N as shares of the total, most important on top, and says so', () => {
    expect(importanceShares(IMPORTANCE)).toEqual([0.5, 0.3, 0.15, 0.05]);
    const { data, layout } = importanceFigure(IMPORTANCE, 2, 'en', en);
    expect((data[0] as { y: string[] }).y).toEqual(['External scores: mean', 'External score 3']);
    expect((data[0] as { x: number[] }).x).toEqual([0.5, 0.3]);
    expect(layout.yaxis!.autorange).toBe('reversed');
    expect(importanceSummary(IMPORTANCE, 2, 'en', en)).toBe(
      'Most important: External scores: mean (50.0%), External score 3 (30.0%), Crédit demandé (15.0%). The first 2 of 4 carry 80% of the total importance (mean absolute contribution).',
    );
  });

  it('offers the explained features by importance, filters by words without accents, and picks a partner of another family', () => {
    const options = featureOptions(IMPORTANCE, [{ input: 'AMT_CREDIT' }, { input: 'EXT_SOURCE_3' }, { input: 'DAYS_BIRTH' }]);
    expect(options.map((option) => option.feature)).toEqual(['EXT_SOURCE_3', 'AMT_CREDIT', 'DAYS_BIRTH']);
    // A category field is an input without a column of its own to plot: not offered.
    const sector = { input: 'ORGANIZATION_TYPE', feature: null, label: 'Employer sector', importance: 0.9 };
    expect(featureOptions([sector, ...IMPORTANCE], [{ input: 'ORGANIZATION_TYPE' }, { input: 'AMT_CREDIT' }]).map((o) => o.feature)).toEqual(['AMT_CREDIT']);
    expect(filterOptions(options, 'credit dem').map((option) => option.feature)).toEqual(['AMT_CREDIT']);
    expect(filterOptions(options, 'AGE').map((option) => option.feature)).toEqual(['DAYS_BIRTH']);
    expect(filterOptions(options, 'zzz', 'EXT_SOURCE_3').map((option) => option.feature)).toEqual(['EXT_SOURCE_3']);
    expect(defaultPartner(featureOptions(IMPORTANCE), 'EXT_SOURCE_MEAN')).toBe('AMT_CREDIT');
  });

  it('formats values with the digits a plot needs', () => {
    expect(formatValue(0.37274, 'en')).toBe('0.373');
    expect(formatValue(12.345, 'en')).toBe('12.3');
    expect(formatValue(1399173.4, 'en')).toBe('1,399,173');
    expect(formatValue(null, 'en')).toBe('—');
  });

  it('sums up similar clients', () => {
    const similar: ResponseOf<'scoring:similar'> = {
      features: [{ feature: 'AMT_CREDIT', label: 'Credit', unit: 'currency' }],
      clients: [
        { clientId: 1, distance: 0.1, probability: 0.1, decision: 'refused', outcome: 'defaulted', values: [1] },
        { clientId: 2, distance: 0.2, probability: 0.05, decision: 'granted', outcome: 'repaid', values: [2] },
        { clientId: 3, distance: 0.3, probability: 0.03, decision: 'granted', outcome: null, values: [null] },
      ],
    };
    expect(similarStats(similar)).toMatchObject({ count: 3, granted: 2, refused: 1, known: 2, defaulted: 1 });
    expect(similarSummary(similar, 'en', en)).toBe(
      'Of the 3 most similar clients (on 1 features), 2 granted and 1 refused by the model; mean probability of default 6.0%. Outcome known for 2: 1 defaulted, 1 repaid (50% defaulted).',
    );
  });
});
